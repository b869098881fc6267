package io.ticketsmith.jira;

import java.util.List;

/**
 * The Jira operations the product carries out. Implementations throw {@link JiraRejectedException} when Jira
 * refuses the content (400, 404, 409, an unknown or ambiguous assignee, a missing required field),
 * {@link JiraRateLimitedException} on 429 and 503 with the wait Jira asked for, {@link JiraAccessDeniedException}
 * on 401/403 and {@link JiraUnavailableException} for everything technical (5xx, timeouts, I/O). Messages carry
 * Jira's own words and never a credential.
 */
public interface JiraGateway {

    /** A short description for logs and results, e.g. {@code dry-run} or {@code cloud https://acme.atlassian.net}. */
    String name();

    /** Whether operations really reach Jira; a dry-run gateway only records them. */
    boolean sendsToJira();

    /**
     * Checks that Jira can be reached and accepts the configured credentials, with a call cheap enough for a health
     * check. Returns normally when it does; otherwise throws the usual exceptions: {@link JiraAccessDeniedException}
     * when Jira refuses the credentials, {@link JiraUnavailableException} when it cannot be reached or fails,
     * {@link JiraRateLimitedException} when it asks to slow down. A gateway that sends nothing has nothing to check.
     */
    default void checkConnection() {
    }

    /**
     * Creates an issue, or returns the one created earlier for the same action: an issue carrying
     * {@code idempotencyLabel} is looked up first, and the new issue carries that label.
     */
    default CreatedIssue createIssue(NewIssue issue, String idempotencyLabel) {
        return createIssue(issue, idempotencyLabel, true);
    }

    /**
     * Creates an issue carrying {@code idempotencyLabel}. With {@code begunBefore}, an earlier attempt at the same
     * action may have created it: an issue carrying the label is looked up first and returned if there is one.
     * Without, no issue can carry the label yet (the ledger enters every action before its first call to Jira), and
     * Jira is not searched for it.
     */
    CreatedIssue createIssue(NewIssue issue, String idempotencyLabel, boolean begunBefore);

    /** Adds a comment; the text is plain text with light markdown (paragraphs, lists, code blocks, links). */
    void addComment(String issueKey, String body);

    /**
     * Whether the issue has a comment containing {@code marker}, for an action whose comment may have been posted
     * before its record was written; a gateway that cannot tell says no.
     */
    default boolean hasComment(String issueKey, String marker) {
        return false;
    }

    /**
     * Adds a comment only the team sees: on a Jira Service Management request an internal note, hidden from the
     * customer; on any other issue an ordinary comment, which only the issue's viewers see anyway. Found again by
     * {@link #hasComment} like any comment.
     */
    void addInternalComment(String issueKey, String body);

    /**
     * Adds a comment the customer sees and is notified of, on a Jira Service Management request (Jira Service
     * Management's own API, the same on Cloud and Data Center). An issue that is no customer request is refused.
     *
     * @param body plain text, sent as it is: the customer reads it, so it carries no marker
     */
    void addPublicComment(String issueKey, String body);

    /**
     * Whether the customer request already shows a public comment with exactly this text, for a public reply that
     * may have been posted before its record was written; a gateway that cannot tell says no.
     */
    default boolean hasPublicComment(String issueKey, String body) {
        return false;
    }

    /**
     * Assigns an issue to a person given by name, email, account id (Cloud) or username (Data Center).
     * {@code null} unassigns; {@code "-1"} assigns the project default.
     */
    void assign(String issueKey, String assignee);

    /** Moves an issue to the status named {@code toStatus} through the workflow transition that leads there. */
    void transition(String issueKey, String toStatus);

    void addLabels(String issueKey, List<String> labels);

    /**
     * Links two existing issues with a link type by its name ({@code Duplicate}, {@code Relates}): {@code issueKey}
     * is the outward end ("WEB-1500 duplicates WEB-1412"), {@code linkedIssueKey} the inward one.
     */
    void linkIssues(String issueKey, String linkedIssueKey, String linkType);

    /**
     * Whether the two issues are already linked by that type, in either direction, for a link that may have been
     * made before its record was written; a gateway that cannot tell says no.
     */
    default boolean hasLink(String issueKey, String linkedIssueKey, String linkType) {
        return false;
    }

    /**
     * Links the issue to a page elsewhere (a Confluence page), shown under the issue's links. Jira keeps one remote
     * link per {@code globalId} and updates it when the same id is sent again, so sending it twice is harmless.
     *
     * @param globalId identifies the linked object, e.g. {@code confluence-page:12345}
     */
    void addRemoteLink(String issueKey, String globalId, String url, String title);

    /**
     * Leaves a trace in the issue that the request changed it (an issue property), for changes that carry no text
     * of their own such as an assignment or a transition. Best effort: a failure is logged, not thrown, because the
     * change itself is already made.
     */
    default void recordTrace(String issueKey, String requestId, String actionType) {
    }

    /** One page of a JQL search; pass the returned token to get the next page. */
    SearchPage search(String jql, String pageToken, int maxResults);

    JiraIssue getIssue(String issueKey);

    /**
     * One page of a JQL search as the knowledge index reads it: each issue with its resolution, when it was last
     * updated and its newest {@code lastComments} comments, all as plain text. Only a gateway that reaches Jira can.
     */
    default KnowledgePage searchForKnowledge(String jql, String pageToken, int maxResults, int lastComments) {
        throw new UnsupportedOperationException(name() + " does not read Jira");
    }

    /** One page of the keys a JQL search finds, no field read. Only a gateway that reaches Jira can. */
    default KeyPage searchKeys(String jql, String pageToken, int maxResults) {
        throw new UnsupportedOperationException(name() + " does not read Jira");
    }

    /** The address a person opens to see the issue, or null when there is no Jira. */
    String browseUrl(String issueKey);

    /**
     * An issue to create.
     *
     * @param priority     Jira priority name, or null for the project default
     * @param assignee     a name, email or account id as the request gave it, or null
     * @param parent       the parent issue key for a sub-task, or null
     * @param customFields custom fields by their id ({@code customfield_10010}) with values as Jira expects them
     */
    record NewIssue(String project, String issueType, String summary, String description, String priority,
            List<String> labels, String assignee, String parent, java.util.Map<String, Object> customFields) {

        public NewIssue {
            labels = labels == null ? List.of() : List.copyOf(labels);
            customFields = customFields == null ? java.util.Map.of() : java.util.Map.copyOf(customFields);
        }

        public NewIssue(String project, String issueType, String summary, String description, String priority,
                List<String> labels, String assignee, String parent) {
            this(project, issueType, summary, description, priority, labels, assignee, parent, null);
        }
    }

    /**
     * @param key     e.g. {@code WEB-123}, or null when nothing was sent
     * @param created false when an issue created earlier for the same action was found
     */
    record CreatedIssue(String key, boolean created) {
    }

    /** An issue as read for triage; the description is plain text. */
    record JiraIssue(String key, String summary, String description, String status, String statusCategory,
            List<String> labels, String reporter, String issueType, String project) {

        public JiraIssue {
            labels = labels == null ? List.of() : List.copyOf(labels);
        }
    }

    /**
     * An issue as the knowledge index reads it; text is plain text, any of it may be null.
     *
     * @param comments the newest comments, oldest of them first
     */
    record KnowledgeIssue(String key, String summary, String description, String resolution,
            java.time.Instant updated, List<String> comments) {

        public KnowledgeIssue {
            comments = comments == null ? List.of() : List.copyOf(comments);
        }
    }

    /** @param nextPageToken null on the last page */
    record KnowledgePage(List<KnowledgeIssue> issues, String nextPageToken) {

        public KnowledgePage {
            issues = List.copyOf(issues);
        }
    }

    /** @param nextPageToken null on the last page */
    record KeyPage(List<String> keys, String nextPageToken) {

        public KeyPage {
            keys = List.copyOf(keys);
        }
    }

    /** @param nextPageToken null on the last page */
    record SearchPage(List<JiraIssue> issues, String nextPageToken) {

        public SearchPage {
            issues = List.copyOf(issues);
        }
    }
}
