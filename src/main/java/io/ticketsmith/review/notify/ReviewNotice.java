package io.ticketsmith.review.notify;

import java.time.Instant;

/**
 * That a review task waits for a group: everything a notification says, read from the engine before it is sent.
 *
 * @param requestId the request's id (the process business key)
 * @param taskId    the review task, for the link to it in Tasklist
 * @param groupId   the candidate group told about it
 * @param summary   the analysis' summary, already redacted
 * @param reason    why the guardrails sent the request to review
 * @param due       when the review is due; null when the task has no due date
 * @param escalated whether the review is overdue and now offered to {@code groupId} as well
 */
public record ReviewNotice(String requestId, String taskId, String groupId, String summary, String reason,
                           Instant due, boolean escalated) {
}
