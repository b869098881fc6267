package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;

/**
 * An analysis as the variables the process and the review form use: the whole analysis and its actions as JSON
 * ({@link JsonVariable}), and the flat values the form, the filters and the guardrails read.
 */
public final class RequestVariables {

    private RequestVariables() {
    }

    /** Everything that describes an analysis, as the variables the process and the review form use. */
    public static Map<String, Object> analysisVariables(Analysis analysis, String source) {
        Map<String, Object> variables = new HashMap<>();
        Variables.ANALYSIS.put(variables, analysis);
        Variables.ACTIONS.put(variables, analysis.actions());
        Variables.ANALYSIS_SOURCE.put(variables, source);
        Variables.SUMMARY.put(variables, analysis.summary());
        Variables.CATEGORY.put(variables, analysis.category());
        Variables.URGENCY.put(variables, analysis.urgency());
        Variables.SENTIMENT.put(variables, analysis.sentiment());
        Variables.CONFIDENCE_SUMMARY.put(variables, confidenceSummary(analysis.confidence()));
        Variables.EXPLANATION.put(variables, analysis.explanation());
        return variables;
    }

    /**
     * Reads actions as a form or an API client may send them back (JSON text, Spin JSON, a tree or plain lists):
     * empty text fields become absent and labels typed as "a, b" become a list; nothing is an empty list.
     */
    public static List<ProposedAction> actionsFrom(Object value) {
        List<ProposedAction> actions = Variables.ACTIONS.read(value);
        return actions == null ? List.of() : actions;
    }

    static String confidenceSummary(Analysis.Confidence confidence) {
        if (confidence == null) {
            return "";
        }
        return String.format(Locale.ROOT, "intent %.2f · category %.2f · urgency %.2f · sentiment %.2f",
                orZero(confidence.intent()), orZero(confidence.category()), orZero(confidence.urgency()),
                orZero(confidence.sentiment()));
    }

    private static double orZero(Double value) {
        return value == null ? 0.0 : value;
    }
}
