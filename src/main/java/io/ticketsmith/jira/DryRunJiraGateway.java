package io.ticketsmith.jira;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Used whenever no Jira is configured: sends nothing and logs what it would have done. The
 * {@link ActionExecutor} keeps each operation in the action ledger, so the record survives in the database.
 */
class DryRunJiraGateway implements JiraGateway {

    private static final Logger log = LoggerFactory.getLogger(DryRunJiraGateway.class);

    @Override
    public String name() {
        return "dry-run";
    }

    @Override
    public boolean sendsToJira() {
        return false;
    }

    @Override
    public CreatedIssue createIssue(NewIssue issue, String idempotencyLabel, boolean begunBefore) {
        log.info("Dry run: would create a {} in {}: {}", issue.issueType(), issue.project(), issue.summary());
        return new CreatedIssue(null, true);
    }

    @Override
    public void addComment(String issueKey, String body) {
        log.info("Dry run: would comment on {} ({} characters)", issueKey, body.length());
    }

    @Override
    public void addInternalComment(String issueKey, String body) {
        log.info("Dry run: would add an internal comment to {} ({} characters)", issueKey, body.length());
    }

    @Override
    public void addPublicComment(String issueKey, String body) {
        log.info("Dry run: would add a public comment to customer request {} ({} characters)", issueKey, body.length());
    }

    @Override
    public void assign(String issueKey, String assignee) {
        log.info("Dry run: would assign {} to {}", issueKey, assignee);
    }

    @Override
    public void transition(String issueKey, String toStatus) {
        log.info("Dry run: would move {} to {}", issueKey, toStatus);
    }

    @Override
    public void addLabels(String issueKey, List<String> labels) {
        log.info("Dry run: would add labels {} to {}", labels, issueKey);
    }

    @Override
    public void linkIssues(String issueKey, String linkedIssueKey, String linkType) {
        log.info("Dry run: would link {} to {} ({})", issueKey, linkedIssueKey, linkType);
    }

    @Override
    public void addRemoteLink(String issueKey, String globalId, String url, String title) {
        log.info("Dry run: would link {} to {} ({})", issueKey, url, globalId);
    }

    @Override
    public SearchPage search(String jql, String pageToken, int maxResults) {
        log.info("Dry run: no Jira to search ({})", jql);
        return new SearchPage(List.of(), null);
    }

    @Override
    public JiraIssue getIssue(String issueKey) {
        throw new JiraRejectedException(404, "No Jira is configured, so issue " + issueKey + " cannot be read");
    }

    @Override
    public String browseUrl(String issueKey) {
        return null;
    }
}
