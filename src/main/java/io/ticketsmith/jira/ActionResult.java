package io.ticketsmith.jira;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What happened to one approved action.
 *
 * @param status   {@code DONE} (sent to Jira, or to Confluence for a page), {@code RECORDED} (dry run: recorded,
 *                 not sent), {@code DRAFTED} (a reply draft for a person to send) or {@code ALREADY_DONE} (an earlier
 *                 attempt carried it out; found by its idempotency key)
 * @param issueKey the issue created or changed (for a page, the issue it links), when known
 * @param url      where a person opens that issue
 * @param pageUrl  where a person opens the Confluence page a {@code create_page} action created or found; absent
 *                 for every other action, so results written before pages existed read the same
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionResult(int index, String type, String status, String issueKey, String idempotencyKey,
        String gateway, String url, String pageUrl) {

    @JsonCreator
    public ActionResult {
    }

    /** The result of an action that touches Jira only. */
    public ActionResult(int index, String type, String status, String issueKey, String idempotencyKey,
            String gateway, String url) {
        this(index, type, status, issueKey, idempotencyKey, gateway, url, null);
    }
}
