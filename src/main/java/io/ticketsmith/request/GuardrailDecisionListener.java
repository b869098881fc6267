package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.Map;

import io.ticketsmith.guardrails.GuardrailOutcome;

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

    GuardrailDecisionListener(RequestProperties properties) {
        this.properties = properties;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void notify(DelegateExecution execution) {
        GuardrailOutcome outcome = GuardrailOutcome.of(
                (Map<String, Object>) execution.getVariable(Variables.GUARDRAIL_DECISION));
        if (outcome.routeReplaced()) {
            log.warn("Request {}: guardrails gave route {}; sending it to review", execution.getProcessBusinessKey(),
                    outcome.decidedRoute());
        }
        Variables.ROUTE.set(execution, outcome.route().value());
        Variables.GUARDRAIL_REASON.set(execution, outcome.reason());
        Variables.REVIEWER_GROUP.set(execution, outcome.reviewerGroup());
        Variables.REVIEW_DUE.set(execution, outcome.reviewDue());
        Variables.REVIEW_DUE_AT.set(execution,
                outcome.reviewDueAt(ClockUtil.getCurrentTime()));
        Variables.REVIEW_MAX_WAIT.set(execution, properties.reviewMaxWait().toString());
    }
}
