package io.ticketsmith.request;

import java.util.List;
import java.util.Map;

/**
 * One review of a request, as {@code reviews} keeps it: a request reviewed again after Jira refused an action
 * has one per round.
 *
 * @param at      when it was decided (ISO-8601)
 * @param changes what the reviewer changed, field by field ({@code review.ActionChanges})
 * @param jiraError what Jira answered to the previous attempt, when the review was entered again for it
 */
public record Review(String by, String at, String decision, String comment, List<Map<String, Object>> changes,
        String jiraError) {
}
