package io.ticketsmith.replay;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.ticketsmith.models.DecisionTables.Route;

/**
 * One finished request as a replay sees it: the inputs of its first guardrails evaluation, the route that
 * evaluation gave, what the reviewers decided, and what the breakdowns group by.
 *
 * @param inputs        the recorded decision inputs by variable name; a value may be null, a missing name was not
 *                      recorded
 * @param recordedRoute the route the table of the day gave, read on the safe side; null when it gave none
 */
public record RecordedRequest(String requestId, Instant evaluatedAt, Map<String, Object> inputs, Route recordedRoute,
        ReviewerOutcome reviewerOutcome, String source, String category, List<String> projects) {

    public RecordedRequest {
        projects = projects == null ? List.of() : List.copyOf(projects);
        reviewerOutcome = reviewerOutcome == null ? ReviewerOutcome.NONE : reviewerOutcome;
    }
}
