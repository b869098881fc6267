package io.ticketsmith.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.ticketsmith.confluence.PageTemplate;

/**
 * Checks an analysis against the contract: allowed values, confidences between 0 and 1, known action
 * types and the fields each type requires. The messages name the JSON path, because they are sent back
 * to the LLM when it is asked again and shown to reviewers who edit actions.
 */
public class AnalysisValidator {

    public static final int MAX_SUMMARY_LENGTH = 100;

    static final Set<String> INTENTS = Set.of("create_issue", "comment", "assign", "transition", "triage",
            "draft_reply", "question", "unknown");
    public static final Set<String> CATEGORIES = Set.of("bug", "feature", "question", "incident", "refund", "other");
    public static final Set<String> URGENCIES = Set.of("low", "medium", "high", "critical");
    public static final Set<String> SENTIMENTS = Set.of("positive", "neutral", "negative");
    static final Set<String> LINK_TYPES = Set.of(ProposedAction.LINK_DUPLICATE, ProposedAction.LINK_RELATES);

    private static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,49}");
    private static final Pattern ISSUE_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,49}-[1-9][0-9]*");
    // Confluence space keys: letters and digits (personal spaces start with ~).
    private static final Pattern SPACE_KEY = Pattern.compile("~?[A-Za-z0-9]{1,255}");
    private static final Pattern PAGE_ID = Pattern.compile("[1-9][0-9]{0,19}");
    /** Confluence refuses longer page titles. */
    static final int MAX_PAGE_TITLE_LENGTH = 255;

    private static final String ZENDESK = "zendesk";
    private static final Set<String> ZENDESK_PRIORITIES = Set.of("low", "normal", "high", "urgent");

    /** Returns every problem found; an empty list means the analysis is valid. */
    public List<String> validate(Analysis analysis) {
        List<String> errors = new ArrayList<>();
        if (analysis == null) {
            errors.add("the answer must be a JSON object with the fields intent, summary, category, urgency, "
                    + "sentiment, confidence, explanation and actions");
            return errors;
        }
        oneOf(errors, "intent", analysis.intent(), INTENTS);
        if (isBlank(analysis.summary())) {
            errors.add("summary is required");
        } else if (analysis.summary().length() > MAX_SUMMARY_LENGTH) {
            errors.add("summary must be at most " + MAX_SUMMARY_LENGTH + " characters, it has "
                    + analysis.summary().length());
        }
        oneOf(errors, "category", analysis.category(), CATEGORIES);
        oneOf(errors, "urgency", analysis.urgency(), URGENCIES);
        oneOf(errors, "sentiment", analysis.sentiment(), SENTIMENTS);
        validateConfidence(errors, analysis.confidence());
        if (isBlank(analysis.explanation())) {
            errors.add("explanation is required");
        }
        if (analysis.actions() == null) {
            errors.add("actions is required (an empty list when nothing should be done in Jira)");
        } else {
            errors.addAll(validateActions(analysis.actions()));
        }
        return errors;
    }

    /** Checks only the actions, as a reviewer may edit them. */
    public List<String> validateActions(List<ProposedAction> actions) {
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            validateAction(errors, "actions[" + i + "]", actions.get(i));
        }
        return errors;
    }

    /**
     * Whether the actions suit where the request came from: a Zendesk ticket gets no Jira comment, assignment,
     * transition, labels or link (it is no Jira issue), and a request from elsewhere no Zendesk tags, priority or note
     * (it has no ticket). A new Jira issue, a page and a reply suit every source.
     *
     * @param source the request's source ({@code zendesk}, {@code jira}, {@code api}, ...), or null when unknown
     */
    public List<String> validateForSource(List<ProposedAction> actions, String source) {
        List<String> errors = new ArrayList<>();
        if (actions == null) {
            return errors;
        }
        boolean zendesk = ZENDESK.equals(source);
        for (int i = 0; i < actions.size(); i++) {
            ProposedAction action = actions.get(i);
            var type = action == null ? java.util.Optional.<ActionType>empty() : ActionType.fromWireName(action.type());
            if (type.isEmpty()) {
                continue;
            }
            if (zendesk && type.get().jiraOnly()) {
                errors.add("actions[" + i + "].type " + type.get().wireName() + " is for Jira issues; this request is a "
                        + "Zendesk ticket: use tag, set_priority, internal_note, draft_reply or create_issue");
            } else if (!zendesk && type.get().zendeskOnly()) {
                errors.add("actions[" + i + "].type " + type.get().wireName() + " is for Zendesk tickets; this "
                        + "request did not come from Zendesk");
            }
        }
        return errors;
    }

    private static void validateConfidence(List<String> errors, Analysis.Confidence confidence) {
        if (confidence == null) {
            errors.add("confidence is required, with intent, category, urgency and sentiment between 0.0 and 1.0");
            return;
        }
        probability(errors, "confidence.intent", confidence.intent());
        probability(errors, "confidence.category", confidence.category());
        probability(errors, "confidence.urgency", confidence.urgency());
        probability(errors, "confidence.sentiment", confidence.sentiment());
    }

    private static void validateAction(List<String> errors, String path, ProposedAction action) {
        if (action == null) {
            errors.add(path + " must be an object");
            return;
        }
        var type = ActionType.fromWireName(action.type());
        if (type.isEmpty()) {
            errors.add(path + ".type must be one of " + sorted(actionTypeNames()) + ", not " + quoted(action.type()));
            return;
        }
        if (type.get() != ActionType.CREATE_ISSUE && !isBlank(action.project())) {
            // The project of an action on an existing issue is its issue key's; a second one could only mislead.
            errors.add(path + ".project must not be set for " + type.get().wireName() + ": the issue key names the project");
        }
        switch (type.get()) {
            case CREATE_ISSUE -> {
                projectKey(errors, path + ".project", action.project());
                required(errors, path + ".issueType", action.issueType(), type.get());
                required(errors, path + ".summary", action.summary(), type.get());
                if (action.parent() != null && !ISSUE_KEY.matcher(action.parent()).matches()) {
                    errors.add(path + ".parent must be an issue key like WEB-12, not " + quoted(action.parent()));
                }
            }
            case COMMENT -> {
                issueKey(errors, path + ".issueKey", action.issueKey());
                required(errors, path + ".body", action.body(), type.get());
            }
            case ASSIGN -> {
                issueKey(errors, path + ".issueKey", action.issueKey());
                required(errors, path + ".assignee", action.assignee(), type.get());
            }
            case TRANSITION -> {
                issueKey(errors, path + ".issueKey", action.issueKey());
                required(errors, path + ".toStatus", action.toStatus(), type.get());
            }
            case ADD_LABELS -> {
                issueKey(errors, path + ".issueKey", action.issueKey());
                if (action.labels() == null || action.labels().isEmpty()) {
                    errors.add(path + ".labels must list at least one label for add_labels");
                } else if (action.labels().stream().anyMatch(label -> isBlank(label) || label.contains(" "))) {
                    errors.add(path + ".labels must not contain blank labels or labels with spaces");
                }
            }
            case DRAFT_REPLY -> {
                required(errors, path + ".subject", action.subject(), type.get());
                required(errors, path + ".body", action.body(), type.get());
            }
            case LINK_ISSUE -> {
                issueKey(errors, path + ".issueKey", action.issueKey());
                issueKey(errors, path + ".linkedIssueKey", action.linkedIssueKey());
                if (action.issueKey() != null && action.issueKey().equalsIgnoreCase(action.linkedIssueKey())) {
                    errors.add(path + ".linkedIssueKey must name another issue than issueKey");
                }
                oneOf(errors, path + ".linkType", action.linkType(), LINK_TYPES);
            }
            case TAG -> {
                zendeskTicketId(errors, path, action);
                if (action.labels() == null || action.labels().isEmpty()) {
                    errors.add(path + ".labels must list at least one tag for tag");
                } else if (action.labels().stream().anyMatch(label -> isBlank(label) || label.contains(" "))) {
                    errors.add(path + ".labels must not contain blank tags or tags with spaces");
                }
            }
            case SET_PRIORITY -> {
                zendeskTicketId(errors, path, action);
                oneOf(errors, path + ".priority", action.priority(), ZENDESK_PRIORITIES);
            }
            case INTERNAL_NOTE -> {
                zendeskTicketId(errors, path, action);
                required(errors, path + ".body", action.body(), type.get());
            }
            case CREATE_PAGE -> {
                if (action.space() == null || !SPACE_KEY.matcher(action.space()).matches()) {
                    errors.add(path + ".space must be a Confluence space key like ENG, not " + quoted(action.space()));
                }
                required(errors, path + ".summary", action.summary(), type.get());
                if (action.summary() != null && action.summary().length() > MAX_PAGE_TITLE_LENGTH) {
                    errors.add(path + ".summary (the page title) must be at most " + MAX_PAGE_TITLE_LENGTH
                            + " characters, it has " + action.summary().length());
                }
                oneOf(errors, path + ".template", action.template(), new java.util.HashSet<>(PageTemplate.names()));
                required(errors, path + ".body", action.body(), type.get());
                if (!isBlank(action.parent()) && !PAGE_ID.matcher(action.parent()).matches()) {
                    errors.add(path + ".parent must be a Confluence page id (digits) or empty, not "
                            + quoted(action.parent()));
                }
                if (!isBlank(action.issueKey())) {
                    issueKey(errors, path + ".issueKey", action.issueKey());
                }
            }
        }
    }

    /** A Zendesk action's ticket: empty for the request's own, otherwise a ticket id (digits). */
    private static void zendeskTicketId(List<String> errors, String path, ProposedAction action) {
        if (!isBlank(action.ticketId()) && !PAGE_ID.matcher(action.ticketId().trim()).matches()) {
            errors.add(path + ".ticketId must be a Zendesk ticket id (digits) or empty for the request's ticket, not "
                    + quoted(action.ticketId()));
        }
    }

    private static void oneOf(List<String> errors, String field, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            errors.add(field + " must be one of " + sorted(allowed) + ", not " + quoted(value));
        }
    }

    private static void probability(List<String> errors, String field, Double value) {
        if (value == null || value.isNaN() || value < 0.0 || value > 1.0) {
            errors.add(field + " must be a number between 0.0 and 1.0, not " + value);
        }
    }

    private static void required(List<String> errors, String field, String value, ActionType type) {
        if (isBlank(value)) {
            errors.add(field + " is required for " + type.wireName());
        }
    }

    private static void projectKey(List<String> errors, String field, String value) {
        if (value == null || !PROJECT_KEY.matcher(value).matches()) {
            errors.add(field + " must be a Jira project key like WEB, not " + quoted(value));
        }
    }

    private static void issueKey(List<String> errors, String field, String value) {
        if (value == null || !ISSUE_KEY.matcher(value).matches()) {
            errors.add(field + " must be an issue key like WEB-12, not " + quoted(value));
        }
    }

    private static List<String> actionTypeNames() {
        return java.util.Arrays.stream(ActionType.values()).map(ActionType::wireName).toList();
    }

    private static List<String> sorted(java.util.Collection<String> values) {
        return values.stream().sorted().toList();
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "\"" + value + "\"";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
