package io.ticketsmith.jira;

/** Jira refused what was sent (e.g. 400 with a missing required field); a person has to change it. */
public class JiraRejectedException extends ActionRejectedException {

    private final int status;

    public JiraRejectedException(int status, String jiraMessage) {
        super(jiraMessage);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
