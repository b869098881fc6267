package io.ticketsmith.audit;

/** Why a request's status or record cannot be shown; the API maps each to its HTTP status. */
public final class AuditExceptions {

    private AuditExceptions() {
    }

    public static class UnknownRequest extends RuntimeException {
        UnknownRequest(String id) {
            super("No request with id " + id);
        }
    }

    public static class HistoryNotReadable extends RuntimeException {
        HistoryNotReadable(String userId) {
            super("User " + userId + " may not read the history of requests (READ_HISTORY on process definition "
                    + "'handle-request')");
        }
    }

    public static class InvalidQuery extends RuntimeException {
        InvalidQuery(String message) {
            super(message);
        }
    }
}
