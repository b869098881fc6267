package io.ticketsmith.jira;

/** Jira answered 401 or 403: the configured account cannot do this. Operators have to fix the credentials or rights. */
public class JiraAccessDeniedException extends RuntimeException {

    public JiraAccessDeniedException(String message) {
        super(message);
    }
}
