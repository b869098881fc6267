package io.ticketsmith.review.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A notice as people read it, the same in every channel: a title saying whether it is an escalation, the fields and
 * the link to the task in Tasklist.
 */
record ReviewMessage(ReviewNotice notice, String title, String summary, String reason, String due,
                     String escalated, URI link) {

    static final String TASKLIST_TASK_PATH = "/camunda/app/tasklist/default/#/?task=";
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    static ReviewMessage of(ReviewNotice notice, URI tasklistBaseUrl, ZoneId zone) {
        String title = notice.escalated()
                ? "Review overdue, escalated to " + notice.groupId() + ": request " + notice.requestId()
                : "Review waiting for " + notice.groupId() + ": request " + notice.requestId();
        return new ReviewMessage(notice, title,
                orElse(notice.summary(), "(no summary)"),
                orElse(notice.reason(), "(no reason given)"),
                notice.due() == null ? "none" : DUE.format(notice.due().atZone(zone)),
                notice.escalated() ? "yes" : "no",
                link(tasklistBaseUrl, notice.taskId()));
    }

    static URI link(URI tasklistBaseUrl, String taskId) {
        String base = tasklistBaseUrl.toString().replaceAll("/+$", "");
        return URI.create(base + TASKLIST_TASK_PATH + URLEncoder.encode(taskId, StandardCharsets.UTF_8));
    }

    private static String orElse(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }
}
