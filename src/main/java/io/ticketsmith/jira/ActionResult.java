package io.ticketsmith.jira;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What happened to one approved action.
 *
 * @param status   {@code DONE} (sent to Jira or Confluence, or a reply delivered), {@code RECORDED} (dry run:
 *                 recorded, not sent), {@code DRAFTED} (a reply kept for a person to send, where no channel can
 *                 deliver it) or {@code ALREADY_DONE} (an earlier attempt carried it out; found by its idempotency key)
 * @param issueKey the issue created or changed (for a page, the issue it links), when known
 * @param gateway  what carried it out: the Jira gateway's name, {@code smtp} for an e-mailed reply, {@code draft},
 *                 the Confluence client's name for a page
 * @param url      where a person opens that issue
 * @param detail   what happened, where the status does not say it all (how a reply went, or why it was not sent)
 * @param pageUrl  where a person opens the Confluence page a {@code create_page} action created or found; absent
 *                 for every other action, so results written before pages existed read the same
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionResult(int index, String type, String status, String issueKey, String idempotencyKey,
        String gateway, String url, String detail, String pageUrl) {

    @JsonCreator
    public ActionResult {
    }

    /** The result of an action that touches Jira only. */
    public ActionResult(int index, String type, String status, String issueKey, String idempotencyKey,
            String gateway, String url) {
        this(index, type, status, issueKey, idempotencyKey, gateway, url, null, null);
    }

    /** The result of a reply, with how it went. */
    public static ActionResult reply(int index, String type, String status, String issueKey, String idempotencyKey,
            String gateway, String url, String detail) {
        return new ActionResult(index, type, status, issueKey, idempotencyKey, gateway, url, detail, null);
    }

    /** The result of a page, with where it is. */
    public static ActionResult page(int index, String type, String status, String issueKey, String idempotencyKey,
            String gateway, String url, String pageUrl) {
        return new ActionResult(index, type, status, issueKey, idempotencyKey, gateway, url, null, pageUrl);
    }
}
