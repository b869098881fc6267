package io.ticketsmith.knowledge;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something in the knowledge index similar to a request: a finished request, a Jira issue or a page.
 *
 * @param score the hybrid similarity, 0 to 1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Neighbour(String id, String source, String title, String issueKey, String outcome, double score) {

    /** "WEB-1412 · Login page returns 500 after deploy (DONE, similarity 0.91)". */
    public String describe() {
        return (issueKey != null ? issueKey + " · " : "") + (title == null ? id : title) + " ("
                + (outcome == null ? source : outcome) + ", similarity "
                + String.format(java.util.Locale.ROOT, "%.2f", score) + ")";
    }
}
