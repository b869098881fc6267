package io.ticketsmith.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.jira.ActionLedger;
import io.ticketsmith.jira.ActionResult;
import io.ticketsmith.jira.JdbcJiraCallLog;
import io.ticketsmith.knowledge.Neighbour;
import io.ticketsmith.llm.LlmCall;
import io.ticketsmith.request.Review;

/**
 * Everything needed to explain one request afterwards: the decision record auditors ask for. It is assembled in
 * one place ({@link DecisionRecords}); the record endpoint shows it whole, and the status view
 * ({@link RequestView}) and the {@code feedback} variable kept when a request ends are projections of it, so a
 * field added here is added to each of them.
 */
public record DecisionRecord(
        Request request,
        Input input,
        AnalysisRecord analysis,
        Guardrails guardrails,
        List<Review> reviews,
        List<ProposedAction> actions,
        Jira jira,
        List<Step> timeline,
        RequestStatus status,
        String outcome) {

    /** Where the request came from. */
    public record Request(String id, String externalId, String source, String reporter, String submittedBy,
            Instant receivedAt, String processInstanceId) {
    }

    /**
     * What the analysis was given: the redacted text, what the screening found, and what the knowledge index found
     * similar (with scores).
     */
    public record Input(String redactedText, Map<String, Integer> personalDataRemoved, Double injectionScore,
            String injectionLevel, List<String> injectionSignals, List<Neighbour> similar) {
    }

    /** Who analysed the request, with what call, and what came of it. */
    public record AnalysisRecord(String source, LlmCall llmCall, String llmOutput, List<String> validationErrors,
            String fallbackReason, String fallbackCause, Analysis result, String reusedFrom) {
    }

    /** What the guardrails decided, and every decision table's id, version and matched rules on the way. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Guardrails(String route, String reason, String reviewerGroup, String reviewDue,
            Integer decisionVersion, List<String> matchedRules, List<Map<String, Object>> decisions) {

        public static Guardrails of(String route, String reason, String reviewerGroup, String reviewDue,
                List<Map<String, Object>> decisions) {
            Map<String, Object> guardrails = null;
            for (Map<String, Object> entry : decisions == null ? List.<Map<String, Object>>of() : decisions) {
                if ("guardrails".equals(entry.get("decision"))) {
                    guardrails = entry;
                }
            }
            Integer version = guardrails != null && guardrails.get("version") instanceof Number number
                    ? number.intValue() : null;
            List<String> matched = new ArrayList<>();
            if (guardrails != null && guardrails.get("matchedRules") instanceof List<?> rules) {
                rules.forEach(rule -> matched.add(String.valueOf(rule)));
            }
            return new Guardrails(route, reason, reviewerGroup, reviewDue, version, matched, decisions);
        }
    }

    /** What was carried out in Jira: the ledger, every call made, the results and Jira's last error. */
    public record Jira(List<ActionLedger.Entry> executed, List<JdbcJiraCallLog.Call> calls, List<ActionResult> results,
            String lastError) {
    }

    /** One step of the process the request passed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String activity, String name, Instant startedAt, Instant endedAt, Long durationMillis,
            String assignee) {
    }

    /** The last review, if there was one. */
    @JsonIgnore
    public Review lastReview() {
        return reviews == null || reviews.isEmpty() ? null : reviews.get(reviews.size() - 1);
    }

    /**
     * The feedback tuple kept with a finished request for tuning prompts and rules: the redacted input, the
     * model's output, the guardrails' decision, the reviews and the final actions.
     */
    public record Feedback(String requestId, String redactedInput, String analysisSource, String llmOutput,
            LlmCall llmCall, Analysis analysis, Guardrails guardrails, List<Review> reviews,
            List<ProposedAction> finalActions, String outcome) {
    }

    public Feedback feedback() {
        return new Feedback(request.id(), input.redactedText(), analysis.source(), analysis.llmOutput(),
                analysis.llmCall(), analysis.result(), guardrails, reviews, actions, outcome);
    }
}
