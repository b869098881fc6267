package io.ticketsmith.jira;

import io.ticketsmith.analysis.ProposedAction;

/**
 * How the {@link ActionExecutor} carries out an approved {@code draft_reply}: the reply goes to a person by the way
 * the request came (a Jira comment, an e-mail), which this package does not decide. Implemented by the reply
 * package's delivery, which uses this package; an interface here, so that this package needs nothing of that one.
 */
public interface ReplyDelivery {

    /**
     * The reply's way out, chosen and checked before anything is sent or entered in the ledger.
     *
     * @param reply the reply as approved, personal data restored where configured
     * @throws ActionRejectedException when the reply cannot go as approved (no valid address, no SMTP server): a
     *                                 reviewer has to change it
     */
    Route route(ProposedAction reply, RequestOrigin origin);

    /** One reply's way out. */
    interface Route {

        /** What the ledger and the result name as gateway: {@code smtp}, the Jira gateway's name or {@code draft}. */
        String gateway();

        /** The Jira issue the reply goes to, or null when it goes elsewhere. */
        String issueKey();

        /**
         * Whether an attempt the ledger shows as begun but not done delivered the reply after all; a channel that
         * cannot tell says no, and the reply is delivered again.
         */
        boolean foundDelivered(Reply reply);

        Delivered deliver(Reply reply);
    }

    /**
     * @param marker the action's idempotency label, for a channel whose messages can carry it
     */
    record Reply(String requestId, ProposedAction action, String idempotencyKey, String marker) {
    }

    /**
     * @param status {@link ActionExecutor#STATUS_DONE}, {@link ActionExecutor#STATUS_RECORDED} or
     *               {@link ActionExecutor#STATUS_DRAFTED}
     * @param sent   whether the reply left the application
     * @param detail what happened, for the decision record; never an address or other personal data
     */
    record Delivered(String status, boolean sent, String detail) {
    }
}
