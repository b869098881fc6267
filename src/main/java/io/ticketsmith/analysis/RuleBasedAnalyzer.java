package io.ticketsmith.analysis;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.ticketsmith.models.DecisionTables.FallbackAnalysis;
import io.ticketsmith.models.DecisionTables;

import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Service;

/**
 * The analysis used when the LLM is off, down or keeps answering nonsense: category, urgency and sentiment
 * from the keyword tables in {@code dmn/fallback-analysis.dmn} (latest deployed version), a fixed
 * confidence of 0.5, and one proposed action labelled {@code ai_fallback} for a reviewer to check. The new issue
 * goes to the project the text names, if that project is allowed ({@link ProjectKeyFinder}), to the person it asks
 * to assign it to ({@link AssigneeFinder}), and is titled with the first sentence ({@link FirstSentence}).
 */
@Service
public class RuleBasedAnalyzer {

    public static final double CONFIDENCE = 0.5;
    public static final String FALLBACK_LABEL = "ai_fallback";
    /**
     * Jira allows 255 characters in an issue summary; the analysis summary is held to the analysis contract's 100,
     * but a first sentence a little longer than that is a better issue title than one cut in the middle.
     */
    static final int MAX_ISSUE_SUMMARY_LENGTH = 120;

    private static final Pattern ISSUE_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,49}-[1-9][0-9]*");

    private final DecisionService decisions;

    RuleBasedAnalyzer(DecisionService decisions) {
        this.decisions = decisions;
    }

    /**
     * @param text            the redacted request text
     * @param jiraIssueKey    the Jira issue the request came from, if any: it gets labelled instead of a new issue
     * @param fallbackProject the project a new issue is proposed in when the text names no allowed project
     *                        ({@code ticketsmith.safety.fallback-project}, one of the allowed projects)
     * @param allowedProjects the projects actions may touch ({@code ticketsmith.safety.allowed-projects}); empty
     *                        when every project is allowed
     * @param reason          why the LLM was not used, for the explanation
     */
    public Analysis analyze(String text, String jiraIssueKey, String fallbackProject,
            Collection<String> allowedProjects, String reason) {
        return analyze(text, jiraIssueKey, fallbackProject, allowedProjects, reason, null);
    }

    /**
     * @param duplicateOf the Jira issue the request most likely repeats (the knowledge index found it similar enough),
     *                    or null: a Jira request is then linked to it as a duplicate, any other request becomes a
     *                    comment on it rather than a new issue
     */
    public Analysis analyze(String text, String jiraIssueKey, String fallbackProject,
            Collection<String> allowedProjects, String reason, String duplicateOf) {
        Map<String, Object> input = Map.of(FallbackAnalysis.TEXT.name(), text == null ? "" : text);
        String category = decide(FallbackAnalysis.CATEGORY_KEY, input, FallbackAnalysis.CATEGORY);
        String urgency = decide(FallbackAnalysis.URGENCY_KEY, input, FallbackAnalysis.URGENCY);
        String sentiment = decide(FallbackAnalysis.SENTIMENT_KEY, input, FallbackAnalysis.SENTIMENT);
        String summary = summarise(text);

        boolean fromJira = jiraIssueKey != null && ISSUE_KEY.matcher(jiraIssueKey).matches();
        boolean repeats = duplicateOf != null && ISSUE_KEY.matcher(duplicateOf).matches()
                && !duplicateOf.equals(jiraIssueKey);
        List<ProposedAction> actions;
        if (fromJira) {
            ProposedAction labels = ProposedAction.addLabels(jiraIssueKey, List.of(FALLBACK_LABEL, category));
            actions = repeats ? List.of(labels, ProposedAction.linkIssue(jiraIssueKey, duplicateOf,
                    ProposedAction.LINK_DUPLICATE)) : List.of(labels);
        } else if (repeats) {
            actions = List.of(ProposedAction.comment(duplicateOf, "Reported again: " + text));
        } else {
            actions = List.of(ProposedAction.createIssue(
                    ProjectKeyFinder.find(text, allowedProjects).orElse(fallbackProject),
                    issueTypeFor(category), FirstSentence.of(text, MAX_ISSUE_SUMMARY_LENGTH), text,
                    List.of(FALLBACK_LABEL), AssigneeFinder.find(text).orElse(null)));
        }
        String explanation = "The AI analysis was not available"
                + (reason == null || reason.isBlank() ? "" : " (" + abbreviate(reason, 200) + ")")
                + ", so keyword rules classified this request."
                + (repeats ? " It is very similar to " + duplicateOf + ", so it is proposed as a repeat of that issue."
                        : "")
                + " Please check every field before approving.";
        return new Analysis(repeats && !fromJira ? "comment" : "triage", summary, category, urgency, sentiment,
                Analysis.Confidence.all(CONFIDENCE), explanation, actions);
    }

    /**
     * A ticket from Zendesk: the write-back every handled ticket gets ({@link ZendeskWriteBack}), from the keyword
     * rules' classification; nothing in Jira.
     *
     * @param reason why the LLM was not used, for the explanation
     */
    public Analysis analyzeZendeskTicket(String text, String reason) {
        Map<String, Object> input = Map.of(FallbackAnalysis.TEXT.name(), text == null ? "" : text);
        String category = decide(FallbackAnalysis.CATEGORY_KEY, input, FallbackAnalysis.CATEGORY);
        String urgency = decide(FallbackAnalysis.URGENCY_KEY, input, FallbackAnalysis.URGENCY);
        String sentiment = decide(FallbackAnalysis.SENTIMENT_KEY, input, FallbackAnalysis.SENTIMENT);
        String explanation = "The AI analysis was not available"
                + (reason == null || reason.isBlank() ? "" : " (" + abbreviate(reason, 200) + ")")
                + ", so keyword rules classified this ticket. Please check every field before approving.";
        Analysis classified = new Analysis("triage", summarise(text), category, urgency, sentiment,
                Analysis.Confidence.all(CONFIDENCE), explanation, List.of());
        return classified.withActions(ZendeskWriteBack.actions(classified));
    }

    private String decide(String decisionKey, Map<String, Object> input, DecisionTables.Output output) {
        return output.from(decisions.evaluateDecisionTableByKey(decisionKey)
                .variables(input)
                .evaluate()
                .getSingleResult()
                .getEntryMap());
    }

    static String issueTypeFor(String category) {
        return switch (category == null ? "other" : category) {
            case "bug", "incident" -> "Bug";
            case "feature" -> "Story";
            default -> "Task";
        };
    }

    /** The first sentence of the text, cut to the 100 characters an analysis summary may have. */
    static String summarise(String text) {
        return FirstSentence.of(text, AnalysisValidator.MAX_SUMMARY_LENGTH);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
