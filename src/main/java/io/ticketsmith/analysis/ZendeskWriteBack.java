package io.ticketsmith.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What every handled Zendesk ticket gets by default: the tags {@code ai_processed}, {@code ai_<category>},
 * {@code ai_<urgency>} and {@code ai_<sentiment>}, the priority its urgency calls for, and an internal note with the
 * analysis ("AI Analysis: ..."). The actions go to the request's own ticket (no {@code ticketId}).
 */
public final class ZendeskWriteBack {

    /** The tag that marks a ticket as handled, so that no later run triages it again. */
    public static final String PROCESSED_TAG = "ai_processed";
    public static final String NOTE_PREFIX = "AI Analysis: ";

    private ZendeskWriteBack() {
    }

    public static List<ProposedAction> actions(Analysis analysis) {
        List<String> tags = new ArrayList<>(List.of(PROCESSED_TAG));
        for (String value : new String[] {analysis.category(), analysis.urgency(), analysis.sentiment()}) {
            if (value != null && !value.isBlank()) {
                tags.add("ai_" + value.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_"));
            }
        }
        return List.of(ProposedAction.tag(null, tags), ProposedAction.setPriority(null, priority(analysis.urgency())),
                ProposedAction.internalNote(null, note(analysis)));
    }

    /**
     * The analysis with whatever of the default write-back it lacks added after its own actions: a model that
     * forgets the processed tag, the priority or the note does not leave a ticket that the next run triages again or
     * that agents see no analysis on. What the model proposed of its own (other tags, another priority) stays.
     */
    public static Analysis completed(Analysis analysis) {
        List<ProposedAction> actions = new ArrayList<>(analysis.actions() == null ? List.of() : analysis.actions());
        List<ProposedAction> defaults = actions(analysis);
        boolean tagged = actions.stream().anyMatch(action -> ActionType.TAG.wireName().equals(action.type())
                && action.labels() != null && action.labels().contains(PROCESSED_TAG));
        boolean prioritised = actions.stream().anyMatch(action -> ActionType.SET_PRIORITY.wireName().equals(action.type()));
        boolean noted = actions.stream().anyMatch(action -> ActionType.INTERNAL_NOTE.wireName().equals(action.type())
                && action.body() != null && action.body().startsWith(NOTE_PREFIX));
        if (!tagged) {
            actions.add(defaults.get(0));
        }
        if (!prioritised) {
            actions.add(defaults.get(1));
        }
        if (!noted) {
            actions.add(defaults.get(2));
        }
        return tagged && prioritised && noted ? analysis : analysis.withActions(actions);
    }

    /** Zendesk's priority for an analysis urgency: low, normal, high, urgent. */
    public static String priority(String urgency) {
        return switch (urgency == null ? "" : urgency) {
            case "low" -> "low";
            case "high" -> "high";
            case "critical" -> "urgent";
            default -> "normal";
        };
    }

    static String note(Analysis analysis) {
        Analysis.Confidence confidence = analysis.confidence();
        return NOTE_PREFIX + analysis.summary() + "\n"
                + "Root cause: " + analysis.explanation() + "\n"
                + "Category: " + analysis.category() + confidence(confidence == null ? null : confidence.category()) + "\n"
                + "Urgency: " + analysis.urgency() + confidence(confidence == null ? null : confidence.urgency()) + "\n"
                + "Sentiment: " + analysis.sentiment() + confidence(confidence == null ? null : confidence.sentiment());
    }

    private static String confidence(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, " (confidence %.2f)", value);
    }
}
