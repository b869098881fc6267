package io.ticketsmith.jira;

/**
 * Where a request came from, as far as carrying out its actions needs it: a reply goes back the way the request came.
 *
 * @param source     the request's source ({@code api}, {@code jira}, {@code zendesk}, ...), or null when unknown
 * @param externalId the id the source gave the request (a Jira request's issue key), or null
 */
public record RequestOrigin(String source, String externalId) {

    /** A request whose origin nobody knows: its replies go by e-mail. */
    public static final RequestOrigin UNKNOWN = new RequestOrigin(null, null);
}
