package io.ticketsmith.zendesk;

import io.ticketsmith.jira.ActionRejectedException;

/**
 * Zendesk refused a write for a reason a reviewer can act on: the content is invalid (422), the ticket is gone (404),
 * an agent changed it while it was written (409), or the ticket's brand or group is not one this application may
 * write to. The request goes back to review with the message.
 */
public class ZendeskRejectedException extends ActionRejectedException {

    private final int status;

    public ZendeskRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status Zendesk answered, or 0 when the application refused before calling. */
    public int status() {
        return status;
    }
}
