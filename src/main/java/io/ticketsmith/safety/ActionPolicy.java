package io.ticketsmith.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ticketsmith.analysis.ProposedAction;

import org.springframework.stereotype.Component;

/**
 * The last line of defence before Jira, independent of what the model proposed or a reviewer approved: only
 * allowed action types in allowed projects run, text is sanitised, and every text written carries the request
 * id so a change seen in Jira can be traced back.
 */
@Component
public class ActionPolicy {

    private final SafetyProperties properties;
    private final JiraTextSanitizer sanitizer;
    private final PiiVault vault;

    public ActionPolicy(SafetyProperties properties, JiraTextSanitizer sanitizer, PiiVault vault) {
        this.properties = properties;
        this.sanitizer = sanitizer;
        this.vault = vault;
    }

    private ProposedAction restored(ProposedAction action, String requestId) {
        if (!vault.isEnabled()) {
            return action;
        }
        return new ProposedAction(action.type(), action.project(), action.issueType(), action.issueKey(),
                vault.restore(requestId, action.summary()), vault.restore(requestId, action.description()),
                action.priority(), action.labels(), vault.restore(requestId, action.assignee()), action.parent(),
                action.toStatus(), vault.restore(requestId, action.body()), vault.restore(requestId, action.to()),
                vault.restore(requestId, action.subject()), action.linkedIssueKey(), action.linkType(), action.space(),
                action.template());
    }

    /** Why actions may not run; empty when all may. */
    public List<String> violations(List<ProposedAction> actions) {
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            ProposedAction action = actions.get(i);
            if (!properties.allowedActionTypes().isEmpty() && !properties.allowedActionTypes().contains(action.type())) {
                violations.add("action " + (i + 1) + ": type " + action.type() + " is not allowed");
            }
            for (String project : action.projectKeys()) {
                if (!properties.allowedProjects().isEmpty()
                        && properties.allowedProjects().stream().noneMatch(allowed -> allowed.equalsIgnoreCase(project))) {
                    violations.add("action " + (i + 1) + ": project " + project.toUpperCase(Locale.ROOT)
                            + " is not allowed (allowed: " + String.join(", ", properties.allowedProjects()) + ")");
                }
            }
        }
        return violations;
    }

    /**
     * The action as it goes to Jira: personal data put back where configured (after approval, never before), texts
     * sanitised, and the request id in the description or comment.
     */
    public ProposedAction forJira(ProposedAction approved, String requestId) {
        ProposedAction action = restored(approved, requestId);
        String footer = "\n\n—\nTicketsmith request " + requestId;
        String description = action.description();
        String body = action.body();
        if ("create_issue".equals(action.type())) {
            description = (description == null ? "" : sanitizer.sanitize(description)) + footer;
        } else if ("comment".equals(action.type())) {
            body = sanitizer.sanitize(body) + footer;
        } else if (body != null) {
            body = sanitizer.sanitize(body);
        }
        return new ProposedAction(action.type(), action.project(), action.issueType(), action.issueKey(),
                sanitizer.sanitize(action.summary()), description, action.priority(), action.labels(), action.assignee(),
                action.parent(), action.toStatus(), body, action.to(), sanitizer.sanitize(action.subject()),
                action.linkedIssueKey(), action.linkType(), action.space(), action.template());
    }
}
