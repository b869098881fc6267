package io.ticketsmith.jira;

import java.util.List;

/**
 * The Jira operations the product carries out. Implementations throw {@link JiraRejectedException} when Jira
 * refuses the content (400, 404, 409, ...), {@link JiraRateLimitedException} on 429,
 * {@link JiraAccessDeniedException} on 401/403 and {@link JiraUnavailableException} for everything technical.
 * Callers make each operation idempotent (see {@link ActionExecutor}); implementations need not.
 */
public interface JiraGateway {

    /** A short description for logs and results, e.g. {@code dry-run} or {@code cloud https://acme.atlassian.net}. */
    String name();

    /** Whether operations really reach Jira; a dry-run gateway only records them. */
    boolean sendsToJira();

    /** Creates an issue and returns its key (null when nothing was sent). */
    String createIssue(NewIssue issue);

    void addComment(String issueKey, String body);

    void assign(String issueKey, String assignee);

    void transition(String issueKey, String toStatus);

    void addLabels(String issueKey, List<String> labels);

    /**
     * An issue to create.
     *
     * @param priority Jira priority name, or null for the project default
     * @param assignee a name, email or account id as the request gave it, or null
     * @param parent   the parent issue key for a sub-task, or null
     */
    record NewIssue(String project, String issueType, String summary, String description, String priority,
            List<String> labels, String assignee, String parent) {

        public NewIssue {
            labels = labels == null ? List.of() : List.copyOf(labels);
        }
    }
}
