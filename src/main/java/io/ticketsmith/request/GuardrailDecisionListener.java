package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.Map;

import io.ticketsmith.guardrails.GuardrailOutcome;

import io.ticketsmith.models.DecisionTables;
import io.ticketsmith.observability.TicketsmithMetrics;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After "Check guardrails": turns the decision's result, read on the safe side ({@link GuardrailOutcome}), into the
 * variables the gateway, the review task and its timers read.
 */
@Component
class GuardrailDecisionListener implements ExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(GuardrailDecisionListener.class);

    private final RequestProperties properties;
    private final TicketsmithMetrics metrics;

    GuardrailDecisionListener(RequestProperties properties, TicketsmithMetrics metrics) {
        this.properties = properties;
        this.metrics = metrics;
    }

    /**
     * A due time the engine cannot read would fail the review later, or worse, silently; it fails here, naming the
     * table's version and rule, so operators see what to fix in Modeler.
     */
    private static java.util.Date reviewDueAt(DelegateExecution execution, GuardrailOutcome outcome) {
        try {
            return outcome.reviewDueAt(ClockUtil.getCurrentTime());
        } catch (java.time.format.DateTimeParseException e) {
            Map<String, Object> decided = Variables.DECISION_AUDIT.getOrDefault(execution, java.util.List.of()).stream()
                    .filter(entry -> DecisionTables.Guardrails.KEY.equals(entry.get("decision")))
                    .reduce((first, last) -> last).orElse(Map.of());
            throw new ProcessEngineException("The guardrails table (version " + decided.get("version") + ", rule "
                    + decided.get("matchedRules") + ") gave reviewDue '" + outcome.reviewDue() + "', which is not an "
                    + "ISO-8601 duration such as PT4H or P2D; correct the rule and retry the incident");
        }
    }

    @Override
    public void notify(DelegateExecution execution) {
        GuardrailOutcome outcome = GuardrailOutcome.of(Variables.decidedRow(execution));
        if (outcome.routeReplaced()) {
            log.warn("Request {}: guardrails gave route {}; sending it to review", execution.getProcessBusinessKey(),
                    outcome.decidedRoute());
        }
        Variables.ROUTE.set(execution, outcome.route().value());
        Variables.GUARDRAIL_REASON.set(execution, outcome.reason());
        Variables.REVIEWER_GROUP.set(execution, outcome.reviewerGroup());
        Variables.REVIEW_DUE.set(execution, outcome.reviewDue());
        Variables.REVIEW_DUE_AT.set(execution, reviewDueAt(execution, outcome));
        Variables.REVIEW_MAX_WAIT.set(execution, properties.reviewMaxWait().toString());
        if (Variables.REVIEW_EXPIRES_AT.get(execution) == null) {
            Variables.REVIEW_EXPIRES_AT.set(execution,
                    java.util.Date.from(ClockUtil.getCurrentTime().toInstant().plus(properties.reviewMaxWait())));
        }
        // "Check guardrails" runs once per request, right after its analysis: counted here, a burst of urgent or
        // angry tickets shows while they wait for review, not once the review is over.
        metrics.ticketAnalysed(Variables.SOURCE.get(execution), Variables.CATEGORY.get(execution),
                Variables.URGENCY.get(execution), Variables.SENTIMENT.get(execution));
    }
}
