package io.ticketsmith.audit;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.HashMap;
import java.util.Map;

import io.ticketsmith.observability.TicketsmithMetrics;
import io.ticketsmith.request.HandleRequestProcess;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The "Record request ..." tasks: sets {@code outcome} on the request and keeps the feedback tuple (redacted
 * input, LLM output, guardrail decision, reviewer edits, outcome), the {@link DecisionRecord}'s projection for
 * tuning prompts and rules later.
 */
@Component
class RecordOutcomeDelegate implements JavaDelegate {

    private final TicketsmithMetrics metrics;
    private final DecisionRecords records;

    RecordOutcomeDelegate(TicketsmithMetrics metrics, DecisionRecords records) {
        this.metrics = metrics;
        this.records = records;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String outcome = HandleRequestProcess.Outcome.valueOf(Variables.OUTCOME_TO_RECORD.get(execution)).name();
        // The task's input parameter is local to it; the outcome belongs to the whole request.
        var request = execution.getProcessInstance();
        Variables.OUTCOME.set(request, outcome);
        if (HandleRequestProcess.Outcome.EXPIRED.name().equals(outcome)) {
            // Nobody decided within the maximum wait, which is how long the review waited.
            metrics.reviewDecision("expired", java.time.Duration.parse(Variables.REVIEW_MAX_WAIT.get(execution)));
        }

        // The request's own variables, with the outcome just set, projected as the record would show them.
        Map<String, Object> variables = new HashMap<>(execution.getVariables());
        Variables.OUTCOME.put(variables, outcome);
        Variables.FEEDBACK.set(request, records.fromVariables(execution.getProcessBusinessKey(), variables).feedback());
    }
}
