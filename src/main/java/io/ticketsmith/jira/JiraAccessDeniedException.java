package io.ticketsmith.jira;

import io.ticketsmith.engine.NonRetryable;

/** Jira answered 401 or 403: the configured account cannot do this. Operators have to fix the credentials or rights. */
public class JiraAccessDeniedException extends RuntimeException implements NonRetryable {

    public JiraAccessDeniedException(String message) {
        super(message);
    }
}
