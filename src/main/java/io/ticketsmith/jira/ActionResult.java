package io.ticketsmith.jira;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What happened to one approved action.
 *
 * @param status   {@code DONE} (sent to Jira, or a reply delivered), {@code RECORDED} (dry run: recorded, not sent),
 *                 {@code DRAFTED} (a reply kept for a person to send, where no channel can deliver it) or
 *                 {@code ALREADY_DONE} (an earlier attempt carried it out; found by its idempotency key)
 * @param issueKey the issue created or changed, when known
 * @param gateway  what carried it out: the Jira gateway's name, {@code smtp} for an e-mailed reply, {@code draft}
 * @param url      where a person opens that issue
 * @param detail   what happened, where the status does not say it all (how a reply went, or why it was not sent)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionResult(int index, String type, String status, String issueKey, String idempotencyKey,
        String gateway, String url, String detail) {

    public ActionResult(int index, String type, String status, String issueKey, String idempotencyKey, String gateway,
            String url) {
        this(index, type, status, issueKey, idempotencyKey, gateway, url, null);
    }
}
