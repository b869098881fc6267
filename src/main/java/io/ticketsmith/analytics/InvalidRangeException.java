package io.ticketsmith.analytics;

/** A summary's {@code from} and {@code to} that cannot be read or make no range; the message says what to send. */
class InvalidRangeException extends RuntimeException {

    InvalidRangeException(String message) {
        super(message);
    }
}
