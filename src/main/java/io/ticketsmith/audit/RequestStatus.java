package io.ticketsmith.audit;

/** Where a request stands, as API clients see it. */
public enum RequestStatus {
    ANALYZING, IN_REVIEW, EXECUTING, DONE, REJECTED, EXPIRED, FAILED;

    public boolean isFinal() {
        return this == DONE || this == REJECTED || this == EXPIRED || this == FAILED;
    }
}
