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

    static class UnknownRequest extends RuntimeException {
        UnknownRequest(String id) {
            super("No request with id " + id);
        }
    }

    static class HistoryNotReadable extends RuntimeException {
        HistoryNotReadable(String userId) {
            super("User " + userId + " may not read the history of requests (READ_HISTORY on process definition "
                    + "'handle-request')");
        }
    }
}
