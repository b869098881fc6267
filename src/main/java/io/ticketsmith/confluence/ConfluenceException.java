package io.ticketsmith.confluence;

/**
 * Confluence refused a call or could not be reached. The message names the call by its path and Confluence's
 * status, never a query value or the credential.
 */
public class ConfluenceException extends RuntimeException {

    private final int status;

    public ConfluenceException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** Confluence's HTTP status, or 0 when it did not answer. */
    public int status() {
        return status;
    }
}
