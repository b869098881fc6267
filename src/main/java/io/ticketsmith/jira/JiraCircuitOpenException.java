package io.ticketsmith.jira;

import java.time.Duration;

/**
 * Jira has failed too often lately (timeouts, 5xx, refused connections): it is not called for a while. The request
 * waits on its timer as it does for a 429, without using up a retry of its job.
 */
public class JiraCircuitOpenException extends JiraRateLimitedException {

    public JiraCircuitOpenException(Duration wait) {
        super(wait, "Jira is failing (too many recent calls failed); not calling it for " + wait);
    }
}
