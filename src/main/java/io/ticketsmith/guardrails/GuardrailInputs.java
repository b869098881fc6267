package io.ticketsmith.guardrails;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;

/** The inputs of {@code dmn/guardrails.dmn}, derived from an analysis. */
public final class GuardrailInputs {

    private GuardrailInputs() {
    }

    /** @param injectionScore the prompt-injection screening's score, 0 to 1 */
    public static Map<String, Object> of(Analysis analysis, String analysisSource, double injectionScore) {
        List<ProposedAction> actions = analysis.actions() == null ? List.of() : analysis.actions();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("actionAssignees", distinct(actions.stream().map(ProposedAction::assignee).toList()));
        inputs.put("urgency", analysis.urgency());
        inputs.put("sentiment", analysis.sentiment());
        inputs.put("analysisSource", analysisSource);
        inputs.put("injectionScore", injectionScore);
        inputs.put("minConfidence", analysis.confidence() == null ? 0.0 : analysis.confidence().min());
        inputs.put("transitionTargets", distinct(actions.stream().map(ProposedAction::toStatus).toList()));
        inputs.put("actionTypes", distinct(actions.stream().map(ProposedAction::type).toList()));
        inputs.put("actionProjects", distinct(actions.stream().map(ProposedAction::projectKey).toList()));
        return inputs;
    }

    private static List<String> distinct(List<String> values) {
        return values.stream().filter(Objects::nonNull).distinct().toList();
    }
}
