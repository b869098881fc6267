package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import io.ticketsmith.models.DecisionTables.Guardrails;
import io.ticketsmith.models.DecisionTables.Route;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After "Check guardrails": turns the decision's result into the variables the gateway, the review task and
 * its timers read. An unknown route or a review without a group falls back to the safe side (review by
 * reviewers), so a mistake in an edited table can delay a request but never run it automatically.
 */
@Component
class GuardrailDecisionListener implements ExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(GuardrailDecisionListener.class);
    private static final String DEFAULT_GROUP = HandleRequestProcess.Groups.REVIEWERS;
    private static final String DEFAULT_DUE = "PT4H";

    private final RequestProperties properties;

    GuardrailDecisionListener(RequestProperties properties) {
        this.properties = properties;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void notify(DelegateExecution execution) {
        Map<String, Object> decision = (Map<String, Object>) execution.getVariable(Variables.GUARDRAIL_DECISION);
        String decided = Guardrails.ROUTE.from(decision);
        Route route = Route.of(decided).orElseGet(() -> {
            log.warn("Request {}: guardrails gave route {}; sending it to review", execution.getProcessBusinessKey(),
                    decided);
            return Route.REVIEW;
        });
        String group = Guardrails.REVIEWER_GROUP.from(decision);
        String due = Guardrails.REVIEW_DUE.from(decision);
        if (group == null || group.isBlank()) {
            group = DEFAULT_GROUP;
        }
        if (due == null || due.isBlank()) {
            due = DEFAULT_DUE;
        }
        Variables.ROUTE.set(execution, route.value());
        Variables.GUARDRAIL_REASON.set(execution, Guardrails.REASON.from(decision));
        Variables.REVIEWER_GROUP.set(execution, group);
        Variables.REVIEW_DUE.set(execution, due);
        Variables.REVIEW_DUE_AT.set(execution,
                Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.parse(due))));
        Variables.REVIEW_MAX_WAIT.set(execution, properties.reviewMaxWait().toString());
    }
}
