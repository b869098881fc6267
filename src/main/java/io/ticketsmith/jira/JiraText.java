package io.ticketsmith.jira;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Jira rich text as plain text, for code outside this package that reads Jira payloads itself (e.g. webhooks):
 * Cloud sends descriptions and comments as Atlassian Document Format, Data Center as wiki text.
 */
public final class JiraText {

    private JiraText() {
    }

    /**
     * @param richText an ADF document, a wiki-text string, or null/missing
     * @return plain text (blocks separated by a blank line, list items on their own lines), or null when there is none
     */
    public static String plain(JsonNode richText) {
        return Adf.plainText(richText);
    }

    /**
     * An issue as Jira's REST API and its webhooks show it ({@code key} and {@code fields}), in either flavour: the
     * description may be ADF or wiki text, the reporter is named by display name, else account id or user name.
     */
    public static JiraGateway.JiraIssue issue(JsonNode issue) {
        JsonNode fields = issue.path("fields");
        JsonNode status = fields.path("status");
        JsonNode reporter = fields.path("reporter");
        String reporterName = RestJiraGateway.text(reporter.path("displayName"));
        if (reporterName == null) {
            reporterName = RestJiraGateway.text(reporter.path("accountId"));
        }
        if (reporterName == null) {
            reporterName = RestJiraGateway.text(reporter.path("name"));
        }
        return new JiraGateway.JiraIssue(RestJiraGateway.text(issue.path("key")),
                RestJiraGateway.text(fields.path("summary")), plain(fields.path("description")),
                RestJiraGateway.text(status.path("name")), RestJiraGateway.text(status.path("statusCategory").path("key")),
                RestJiraGateway.stream(fields.path("labels")).map(JsonNode::asText).toList(), reporterName,
                RestJiraGateway.text(fields.path("issuetype").path("name")),
                RestJiraGateway.text(fields.path("project").path("key")));
    }
}
