package io.ticketsmith.zendesk;

import java.time.Duration;

import io.ticketsmith.jira.JiraRateLimitedException;

/**
 * Zendesk answered 429, or this application's own share of the account's limit is used up for the minute. A Jira
 * rate limit to the process, which waits on the same timer.
 */
public class ZendeskRateLimitedException extends JiraRateLimitedException {

    public ZendeskRateLimitedException(Duration retryAfter, String message) {
        super(retryAfter, message);
    }
}
