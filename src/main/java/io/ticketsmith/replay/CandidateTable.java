package io.ticketsmith.replay;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.ticketsmith.guardrails.GuardrailOutcome;
import io.ticketsmith.models.DecisionTables.Route;

/**
 * A guardrails table parsed by the standalone DMN engine, never deployed: what a replay evaluates.
 *
 * @param label      how reports name it ("uploaded file", "version 7", ...)
 * @param inputNames the variables its input columns read, where a column reads a plain variable
 * @param ruleIds    its rules, top to bottom
 */
public record CandidateTable(String label, Set<String> inputNames, List<String> ruleIds,
        Function<Map<String, Object>, Evaluation> evaluator) {

    /** The route this table gives a recorded input set (read on the safe side, as the process reads it). */
    public record Evaluation(Route route, List<String> matchedRules) {

        static Evaluation of(Map<String, Object> result, List<String> matchedRules) {
            return new Evaluation(GuardrailOutcome.of(result).route(), matchedRules);
        }
    }

    public Evaluation evaluate(Map<String, Object> inputs) {
        return evaluator.apply(inputs);
    }
}
