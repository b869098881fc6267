package io.ticketsmith.zendesk;

/**
 * Zendesk failed in a way a person cannot fix by changing the action (5xx, no answer, a credential refused): the job
 * is retried and ends as an incident. The message names the method and path only, never a ticket's content.
 */
public class ZendeskException extends RuntimeException {

    private final int status;

    public ZendeskException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }
}
