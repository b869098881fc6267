package io.ticketsmith.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ticketsmith.analysis.ActionType;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.confluence.ConfluencePages;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The last line of defence before Jira, independent of what the model proposed or a reviewer approved: only
 * allowed action types in allowed projects (and pages in allowed Confluence spaces) run, text is sanitised, and every text written carries the request
 * id so a change seen in Jira can be traced back.
 */
@Component
public class ActionPolicy {

    private final SafetyProperties properties;
    private final JiraTextSanitizer sanitizer;
    private final PiiVault vault;
    private final boolean confluenceConfigured;

    @Autowired
    public ActionPolicy(SafetyProperties properties, JiraTextSanitizer sanitizer, PiiVault vault,
            ObjectProvider<ConfluencePages> confluence) {
        this(properties, sanitizer, vault, confluence.getIfAvailable() != null);
    }

    /** @param confluenceConfigured whether pages can be written, so that {@code create_page} may run at all */
    public ActionPolicy(SafetyProperties properties, JiraTextSanitizer sanitizer, PiiVault vault,
            boolean confluenceConfigured) {
        this.properties = properties;
        this.sanitizer = sanitizer;
        this.vault = vault;
        this.confluenceConfigured = confluenceConfigured;
    }

    /** Without a Confluence: {@code create_page} actions are refused. */
    public ActionPolicy(SafetyProperties properties, JiraTextSanitizer sanitizer, PiiVault vault) {
        this(properties, sanitizer, vault, false);
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
                action.template(), action.ticketId());
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
            if (ActionType.CREATE_PAGE.wireName().equals(action.type())) {
                pageViolations(i, action).forEach(violations::add);
            }
        }
        return violations;
    }

    /**
     * A page needs a Confluence to go to, and a space on the list. Refused rather than skipped, so an approved page
     * never silently disappears: the request goes back to review with the reason.
     */
    private List<String> pageViolations(int i, ProposedAction action) {
        if (!confluenceConfigured) {
            return List.of("action " + (i + 1) + ": Confluence is not configured, so the page cannot be created "
                    + "(set TICKETSMITH_CONFLUENCE_BASE_URL, or remove the action)");
        }
        String space = action.space();
        if (!properties.allowedSpaces().isEmpty() && (space == null
                || properties.allowedSpaces().stream().noneMatch(allowed -> allowed.equalsIgnoreCase(space.trim())))) {
            return List.of("action " + (i + 1) + ": Confluence space " + (space == null ? "(none)" : space.trim())
                    + " is not allowed (allowed: " + String.join(", ", properties.allowedSpaces()) + ")");
        }
        return List.of();
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
                action.linkedIssueKey(), action.linkType(), action.space(), action.template(), action.ticketId());
    }
}
