package io.ticketsmith.review.notify;

import java.time.Duration;

/**
 * A delivery that did not succeed. The message is safe to log: it never holds an address, a webhook URL or text of
 * the request, which the exceptions of mail and HTTP clients often do.
 */
final class DeliveryFailure extends RuntimeException {

    private final boolean retryable;
    private final Duration retryAfter;

    DeliveryFailure(String message, boolean retryable, Duration retryAfter) {
        // No cause: its message is exactly what must not be logged.
        super(message, null, false, false);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    static DeliveryFailure retryable(String message) {
        return new DeliveryFailure(message, true, null);
    }

    static DeliveryFailure permanent(String message) {
        return new DeliveryFailure(message, false, null);
    }

    boolean retryable() {
        return retryable;
    }

    /** The wait the receiver asked for, or null. */
    Duration retryAfter() {
        return retryAfter;
    }

    /** The exception's type and those of its causes, e.g. {@code MailSendException < ConnectException}. */
    static String describe(Throwable error) {
        StringBuilder types = new StringBuilder(error.getClass().getSimpleName());
        Throwable cause = error.getCause();
        for (int depth = 0; cause != null && cause != error && depth < 4; depth++) {
            types.append(" < ").append(cause.getClass().getSimpleName());
            error = cause;
            cause = cause.getCause();
        }
        return types.toString();
    }
}
