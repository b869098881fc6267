package io.ticketsmith.jira;

import java.time.Duration;

/** Where each Jira call of a request is noted for its decision record. */
@FunctionalInterface
public interface JiraCallLog {

    JiraCallLog NONE = (operation, status, duration) -> { };

    /**
     * @param operation method and path template, e.g. {@code POST /rest/api/3/issue/{key}/comment}
     * @param status    the HTTP status, or {@code io_error} when no answer came
     */
    void record(String operation, String status, Duration duration);
}
