package io.ticketsmith.jira;

/** Jira could not be reached or failed (timeout, connection refused, 5xx). Retried by the engine. */
public class JiraUnavailableException extends RuntimeException {

    public JiraUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
