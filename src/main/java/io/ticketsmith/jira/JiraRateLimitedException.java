package io.ticketsmith.jira;

import java.time.Duration;

/** Jira answered 429; it may be asked again after {@link #retryAfter()}. */
public class JiraRateLimitedException extends RuntimeException {

    private final transient Duration retryAfter;

    public JiraRateLimitedException(Duration retryAfter) {
        super("Jira rate limit reached; retry after " + retryAfter);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
