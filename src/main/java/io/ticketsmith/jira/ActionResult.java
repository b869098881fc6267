package io.ticketsmith.jira;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What happened to one approved action.
 *
 * @param status   {@code DONE} (sent to Jira), {@code RECORDED} (dry run: recorded, not sent),
 *                 {@code DRAFTED} (a reply draft for a person to send) or {@code ALREADY_DONE} (an earlier
 *                 attempt carried it out; found by its idempotency key)
 * @param issueKey the issue created or changed, when known
 * @param url      where a person opens that issue
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionResult(int index, String type, String status, String issueKey, String idempotencyKey,
        String gateway, String url) {
}
