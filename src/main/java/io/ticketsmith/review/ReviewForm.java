package io.ticketsmith.review;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.request.RequestVariables;

/**
 * The proposed actions in the shape the review form ({@code forms/review-request.form}) edits: every field
 * as text, labels joined by commas. {@link RequestVariables#actionsFrom} reads the form's answer back.
 */
final class ReviewForm {

    private ReviewForm() {
    }

    static List<Map<String, String>> actions(List<ProposedAction> actions) {
        return actions.stream().map(ReviewForm::action).toList();
    }

    private static Map<String, String> action(ProposedAction action) {
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "type", action.type());
        put(fields, "project", action.project());
        put(fields, "issueType", action.issueType());
        put(fields, "issueKey", action.issueKey());
        put(fields, "summary", action.summary());
        put(fields, "description", action.description());
        put(fields, "priority", action.priority());
        put(fields, "labels", action.labels() == null ? null : String.join(", ", action.labels()));
        put(fields, "assignee", action.assignee());
        put(fields, "parent", action.parent());
        put(fields, "toStatus", action.toStatus());
        put(fields, "body", action.body());
        put(fields, "to", action.to());
        put(fields, "subject", action.subject());
        put(fields, "linkedIssueKey", action.linkedIssueKey());
        put(fields, "linkType", action.linkType());
        put(fields, "space", action.space());
        put(fields, "template", action.template());
        put(fields, "ticketId", action.ticketId());
        return fields;
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
