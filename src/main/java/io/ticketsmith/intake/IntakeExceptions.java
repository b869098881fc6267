package io.ticketsmith.intake;

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
}
