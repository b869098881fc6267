package io.ticketsmith.reply.delivery;

import io.ticketsmith.jira.ActionRejectedException;

/**
 * A reply that cannot go as approved, for a reason a reviewer can fix: no valid address, an address that is still a
 * placeholder, no SMTP server to send it. Messages never hold the address itself, as they are logged.
 */
class ReplyRejectedException extends ActionRejectedException {

    ReplyRejectedException(String message) {
        super(message);
    }
}
