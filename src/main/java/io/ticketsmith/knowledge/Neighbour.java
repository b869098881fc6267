package io.ticketsmith.knowledge;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something in the knowledge index similar to a request: a finished request, a Jira issue or a page.
 *
 * @param score the hybrid similarity, 0 to 1
 * @param link  where a person opens it (the Jira issue, the Confluence page), when known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Neighbour(String id, String source, String title, String issueKey, String outcome, double score,
        String link) {

    public Neighbour(String id, String source, String title, String issueKey, String outcome, double score) {
        this(id, source, title, issueKey, outcome, score, null);
    }

    /**
     * How likely the request repeats a known issue: the best score among neighbours that have a Jira issue, 0 when
     * none has. A page or a request that led to no issue cannot be linked to.
     */
    public static double duplicateScore(java.util.List<Neighbour> neighbours) {
        return closestIssue(neighbours).map(Neighbour::score).orElse(0.0);
    }

    /** The neighbour with a Jira issue that scores best, if any. */
    public static java.util.Optional<Neighbour> closestIssue(java.util.List<Neighbour> neighbours) {
        return neighbours == null ? java.util.Optional.empty() : neighbours.stream()
                .filter(neighbour -> neighbour.issueKey() != null)
                .max(java.util.Comparator.comparingDouble(Neighbour::score));
    }

    /**
     * The words of {@link #describe()} that came from the item and may carry instructions, its title (its id when
     * it has none) and outcome: "Login page returns 500 after deploy (DONE)". They stay the same from one request the
     * item is found for to the next; the score does not, and the issue key is Jira's own identifier.
     */
    public String ownText() {
        return name() + " (" + state() + ")";
    }

    private String name() {
        return title == null ? id : title;
    }

    private String state() {
        return outcome == null ? source : outcome;
    }

    /** "WEB-1412 · Login page returns 500 after deploy (DONE, similarity 0.91)". */
    public String describe() {
        return (issueKey != null ? issueKey + " · " : "") + name() + " (" + state() + ", similarity "
                + String.format(java.util.Locale.ROOT, "%.2f", score) + ")";
    }
}
