package io.ticketsmith.jira;

/**
 * An approved action that cannot be carried out as it stands, for a reason a reviewer can fix (Jira refused its
 * content, a reply's address is not one): the request goes back to review with the message, rather than being
 * retried, which would only be refused again.
 */
public class ActionRejectedException extends RuntimeException {

    public ActionRejectedException(String message) {
        super(message);
    }
}
