package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

import io.ticketsmith.observability.TicketsmithMetrics;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The "Record request ..." tasks: sets {@code outcome} on the request and keeps the feedback tuple (redacted
 * input, LLM output, guardrail decision, reviewer edits, outcome) for tuning prompts and rules later.
 */
@Component
class RecordOutcomeDelegate implements JavaDelegate {

    private static final TypeReference<List<Map<String, Object>>> ENTRIES = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final RequestVariables variables;
    private final TicketsmithMetrics metrics;

    RecordOutcomeDelegate(RequestVariables variables, TicketsmithMetrics metrics) {
        this.variables = variables;
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

        Map<String, Object> guardrails = new LinkedHashMap<>();
        guardrails.put("route", Variables.ROUTE.get(execution));
        guardrails.put("reason", Variables.GUARDRAIL_REASON.get(execution));
        guardrails.put("reviewerGroup", Variables.REVIEWER_GROUP.get(execution));
        guardrails.put("decisions", variables.read(execution, Variables.DECISION_AUDIT, ENTRIES));

        Map<String, Object> feedback = new LinkedHashMap<>();
        feedback.put("requestId", execution.getProcessBusinessKey());
        feedback.put("redactedInput", Variables.REQUEST_TEXT.get(execution));
        feedback.put("analysisSource", Variables.ANALYSIS_SOURCE.get(execution));
        feedback.put("llmOutput", Variables.LLM_OUTPUT.get(execution));
        feedback.put("llmCall", variables.read(execution, Variables.LLM_CALL, OBJECT));
        feedback.put("analysis", variables.read(execution, Variables.ANALYSIS, OBJECT));
        feedback.put("guardrails", guardrails);
        feedback.put("reviews", variables.read(execution, Variables.REVIEWS, ENTRIES));
        feedback.put("finalActions", variables.read(execution, Variables.ACTIONS, ENTRIES));
        feedback.put("outcome", outcome);
        request.setVariable(Variables.FEEDBACK, variables.json(feedback));
    }
}
