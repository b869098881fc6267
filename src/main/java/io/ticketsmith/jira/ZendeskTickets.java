package io.ticketsmith.jira;

import java.util.List;

/**
 * How the {@link ActionExecutor} writes to a Zendesk ticket: tags, priority, internal notes and public replies.
 * Implemented by the Zendesk connector, which uses this package; an interface here, so that this package needs
 * nothing of that one (as with {@link ReplyDelivery}).
 *
 * <p>Every write is refused with an {@link ActionRejectedException} when the ticket's brand or group is not allowed,
 * when Zendesk refuses the content (422), or when an agent keeps changing the ticket while it is written (409); a
 * {@link JiraRateLimitedException} asks the process to wait.
 */
public interface ZendeskTickets {

    /** What the ledger and results name as gateway, e.g. {@code zendesk https://acme.zendesk.com}. */
    String name();

    /** False in dry-run mode: writes are recorded, nothing reaches Zendesk. */
    boolean sendsToZendesk();

    /** The agent's view of the ticket, for the decision record. */
    String ticketUrl(String ticketId);

    /** Adds tags to the ticket's own, never replacing them. */
    void addTags(String ticketId, List<String> tags);

    /** @param priority {@code low}, {@code normal}, {@code high} or {@code urgent} */
    void setPriority(String ticketId, String priority);

    /** A comment only agents see. */
    void addInternalNote(String ticketId, String body);

    /** A comment the requester sees and is notified of. */
    void addPublicReply(String ticketId, String body);

    /** Whether an internal note containing {@code marker} is on the ticket. */
    boolean hasInternalNote(String ticketId, String marker);

    /** Whether a public comment with exactly this text is on the ticket. */
    boolean hasPublicReply(String ticketId, String body);
}
