package io.ticketsmith.intake;

import java.time.Duration;

/** Client errors of the intake API, each mapped to its HTTP status by {@link ApiErrorHandler}. */
final class IntakeExceptions {

    private IntakeExceptions() {
    }

    static class InvalidRequest extends RuntimeException {
        InvalidRequest(String message) {
            super(message);
        }
    }

    static class TextTooLarge extends RuntimeException {
        TextTooLarge(long size, long limit) {
            super("The request text has " + size + " bytes; at most " + limit + " are accepted");
        }
    }

    static class RateLimited extends RuntimeException {
        private final Duration retryAfter;

        RateLimited(String what, int perMinute, Duration retryAfter) {
            super("Too many " + what + ": at most " + perMinute + " a minute per user; retry after "
                    + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s");
            this.retryAfter = retryAfter;
        }

        long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    static class LlmBusy extends RuntimeException {
        LlmBusy(int slots) {
            super("All " + slots + " LLM calls this node allows at once are in use; retry in a few seconds");
        }
    }
}
