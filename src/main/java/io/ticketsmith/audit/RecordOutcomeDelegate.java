package io.ticketsmith.audit;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import io.ticketsmith.observability.TicketsmithMetrics;
import io.ticketsmith.request.HandleRequestProcess;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The "Record request ..." tasks: sets {@code outcome} on the request. The feedback tuple for tuning prompts and
 * rules (redacted input, LLM output, guardrail decision, reviewer edits, outcome) is the {@link DecisionRecord}'s
 * projection, assembled from history when it is asked for ({@code GET /api/requests/{id}/feedback}); keeping it as a
 * variable too cost every request a read of all its variables and a third copy of its largest values.
 */
@Component
class RecordOutcomeDelegate implements JavaDelegate {

    private final TicketsmithMetrics metrics;

    RecordOutcomeDelegate(TicketsmithMetrics metrics) {
        this.metrics = metrics;
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
    }
}
