package io.ticketsmith.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * The LLM could not be asked: timeout, connection refused, 5xx, 429, or a refusal of the request itself
 * (401, 403, 404, 400). Retryable failures are retried on the {@code ticketsmith.llm.retry-cycle}; the others
 * go straight to the keyword-rules fallback, as asking again would fail the same way.
 */
public class LlmUnavailableException extends RuntimeException {

    private final boolean retryable;
    private final transient Duration retryAfter;

    public LlmUnavailableException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The wait the provider asked for (a 429's or 503's {@code Retry-After}), if it named one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
