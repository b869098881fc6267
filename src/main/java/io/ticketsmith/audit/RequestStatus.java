package io.ticketsmith.audit;

/**
 * Where a request stands, as API clients see it. The final statuses are the outcomes of the request process
 * ({@code HandleRequestProcess.Outcome}): REFUSED by the guardrails, REJECTED by a reviewer.
 */
public enum RequestStatus {
    ANALYZING, IN_REVIEW, EXECUTING, DONE, REFUSED, REJECTED, EXPIRED, FAILED;

    public boolean isFinal() {
        return this == DONE || this == REFUSED || this == REJECTED || this == EXPIRED || this == FAILED;
    }
}
