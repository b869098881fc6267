package io.ticketsmith.jira;

import java.time.Duration;

/** Jira answered 429; it may be asked again after {@link #retryAfter()}. */
public class JiraRateLimitedException extends RuntimeException {

    private final transient Duration retryAfter;

    public JiraRateLimitedException(Duration retryAfter) {
        this(retryAfter, "Jira rate limit reached; retry after " + retryAfter);
    }

    protected JiraRateLimitedException(Duration retryAfter, String message) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
