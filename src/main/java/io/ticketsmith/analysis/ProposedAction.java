package io.ticketsmith.analysis;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One concrete action the analysis proposes. Which fields apply depends on {@link #type()}; see
 * {@link ActionType} for the fields each type requires.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "project", "issueType", "issueKey", "summary", "description", "priority", "labels",
        "assignee", "parent", "toStatus", "body", "to", "subject", "linkedIssueKey", "linkType", "space", "template", "ticketId"})
public record ProposedAction(
        String type,
        String project,
        String issueType,
        String issueKey,
        String summary,
        String description,
        String priority,
        List<String> labels,
        String assignee,
        String parent,
        String toStatus,
        String body,
        String to,
        String subject,
        String linkedIssueKey,
        String linkType,
        String space,
        String template,
        String ticketId) {

    /** Jira's link type for an issue that repeats another ("duplicates" / "is duplicated by"). */
    public static final String LINK_DUPLICATE = "Duplicate";
    /** Jira's link type for issues that concern the same thing ("relates to"). */
    public static final String LINK_RELATES = "Relates";

    public ProposedAction {
        labels = labels == null ? null : List.copyOf(labels);
    }

    /** An action on no Zendesk ticket. */
    public ProposedAction(String type, String project, String issueType, String issueKey, String summary,
            String description, String priority, List<String> labels, String assignee, String parent, String toStatus,
            String body, String to, String subject, String linkedIssueKey, String linkType, String space,
            String template) {
        this(type, project, issueType, issueKey, summary, description, priority, labels, assignee, parent, toStatus,
                body, to, subject, linkedIssueKey, linkType, space, template, null);
    }

    /** An action of a type that needs no Confluence space or page template. */
    public ProposedAction(String type, String project, String issueType, String issueKey, String summary,
            String description, String priority, List<String> labels, String assignee, String parent, String toStatus,
            String body, String to, String subject, String linkedIssueKey, String linkType) {
        this(type, project, issueType, issueKey, summary, description, priority, labels, assignee, parent, toStatus,
                body, to, subject, linkedIssueKey, linkType, null, null, null);
    }

    public static ProposedAction createIssue(String project, String issueType, String summary, String description,
            List<String> labels, String assignee) {
        return new ProposedAction(ActionType.CREATE_ISSUE.wireName(), project, issueType, null, summary, description,
                null, labels, assignee, null, null, null, null, null, null, null);
    }

    public static ProposedAction comment(String issueKey, String body) {
        return new ProposedAction(ActionType.COMMENT.wireName(), null, null, issueKey, null, null, null, null, null,
                null, null, body, null, null, null, null);
    }

    public static ProposedAction assign(String issueKey, String assignee) {
        return new ProposedAction(ActionType.ASSIGN.wireName(), null, null, issueKey, null, null, null, null, assignee,
                null, null, null, null, null, null, null);
    }

    public static ProposedAction transition(String issueKey, String toStatus) {
        return new ProposedAction(ActionType.TRANSITION.wireName(), null, null, issueKey, null, null, null, null, null,
                null, toStatus, null, null, null, null, null);
    }

    public static ProposedAction addLabels(String issueKey, List<String> labels) {
        return new ProposedAction(ActionType.ADD_LABELS.wireName(), null, null, issueKey, null, null, null, labels,
                null, null, null, null, null, null, null, null);
    }

    public static ProposedAction draftReply(String to, String subject, String body) {
        return new ProposedAction(ActionType.DRAFT_REPLY.wireName(), null, null, null, null, null, null, null, null,
                null, null, body, to, subject, null, null);
    }

    /**
     * Links an existing issue to another one, e.g. a reported issue as a duplicate of the one it repeats.
     *
     * @param issueKey       the issue the link starts from ("WEB-1500 duplicates …")
     * @param linkedIssueKey the issue it is linked to ("… WEB-1412")
     * @param linkType       the Jira link type's name, {@link #LINK_DUPLICATE} or {@link #LINK_RELATES}
     */
    public static ProposedAction linkIssue(String issueKey, String linkedIssueKey, String linkType) {
        return new ProposedAction(ActionType.LINK_ISSUE.wireName(), null, null, issueKey, null, null, null, null, null,
                null, null, null, null, null, linkedIssueKey, linkType);
    }

    /**
     * A Confluence page written from a template.
     *
     * @param parent   the id of the page to create it under, or null for the space's top level
     * @param title    the page title (kept in {@code summary})
     * @param template a {@code PageTemplate} name: {@code post-mortem} or {@code ticket-summary}
     * @param body     plain text with {@code ## Heading} sections, paragraphs and {@code - } lists
     * @param issueKey the Jira issue the page is about (linked both ways), or null
     */
    public static ProposedAction createPage(String space, String parent, String title, String template, String body,
            String issueKey) {
        return new ProposedAction(ActionType.CREATE_PAGE.wireName(), null, null, issueKey, title, null, null, null,
                null, parent, null, body, null, null, null, null, space, template);
    }

    /**
     * Tags added to a Zendesk ticket.
     *
     * @param ticketId the ticket, or null for the Zendesk ticket the request came from
     */
    public static ProposedAction tag(String ticketId, List<String> tags) {
        return new ProposedAction(ActionType.TAG.wireName(), null, null, null, null, null, null, tags, null, null, null,
                null, null, null, null, null, null, null, ticketId);
    }

    /** A Zendesk ticket's priority: low, normal, high or urgent. */
    public static ProposedAction setPriority(String ticketId, String priority) {
        return new ProposedAction(ActionType.SET_PRIORITY.wireName(), null, null, null, null, null, priority, null,
                null, null, null, null, null, null, null, null, null, null, ticketId);
    }

    /** A comment on a Zendesk ticket that only agents see. */
    public static ProposedAction internalNote(String ticketId, String body) {
        return new ProposedAction(ActionType.INTERNAL_NOTE.wireName(), null, null, null, null, null, null, null, null,
                null, null, body, null, null, null, null, null, null, ticketId);
    }

    public ProposedAction withPriority(String newPriority) {
        return new ProposedAction(type, project, issueType, issueKey, summary, description, newPriority, labels,
                assignee, parent, toStatus, body, to, subject, linkedIssueKey, linkType, space, template, ticketId);
    }

    /** Every Jira project this action touches: its own ({@link #projectKey()}) and a linked issue's. */
    public java.util.List<String> projectKeys() {
        String linked = linkedIssueKey == null ? null : projectOf(linkedIssueKey);
        String own = projectKey();
        return java.util.stream.Stream.of(own, linked).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /** The project prefix of an issue key ({@code WEB} of {@code WEB-12}), or null when it has none. */
    private static String projectOf(String key) {
        int dash = key.lastIndexOf('-');
        return dash > 0 ? key.substring(0, dash).trim() : null;
    }

    /**
     * The Jira project this action touches: for an action on an existing issue the prefix of its issue key, whatever
     * {@code project} says (a comment claiming project WEB on HR-7 touches HR); for a new issue its project.
     * A link touches a second project as well, {@link #projectKeys()} names both.
     */
    public String projectKey() {
        if (issueKey != null && !issueKey.isBlank() && !ActionType.CREATE_ISSUE.wireName().equals(type)) {
            String prefix = projectOf(issueKey);
            return prefix != null ? prefix : issueKey.trim();
        }
        if (project != null && !project.isBlank()) {
            return project.trim();
        }
        return issueKey == null ? null : projectOf(issueKey);
    }
}
