package io.ticketsmith.confluence;

import java.time.Duration;

/** Confluence answered 429; it may be asked again after {@link #retryAfter()}. */
public class ConfluenceRateLimitedException extends RuntimeException {

    private final transient Duration retryAfter;

    public ConfluenceRateLimitedException(Duration retryAfter) {
        super("Confluence rate limit reached; retry after " + retryAfter);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
