package io.ticketsmith.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The LLM budget decision (dmn/budget.dmn) in a real engine, rule by rule. */
class BudgetDecisionTest extends DecisionTableTest {

    @Test
    void withinBudgetTheConfiguredModelAnalyses() {
        assertThat(evaluate(0.42, false, true)).isEqualTo(new Outcome("Rule_WithinBudget", "normal"));
    }

    @Test
    void noLimitConfiguredMeansWithinBudget() {
        assertThat(evaluate(0.0, false, false)).isEqualTo(new Outcome("Rule_WithinBudget", "normal"));
    }

    @Test
    void hourlyTokenCapSendsToKeywordRulesEvenWithinBudget() {
        assertThat(evaluate(0.1, true, true)).isEqualTo(new Outcome("Rule_HourlyTokenCapFallback", "fallback"));
    }

    @Test
    void spentBudgetUsesTheCheaperModelWhenOneIsConfigured() {
        assertThat(evaluate(1.0, false, true)).isEqualTo(new Outcome("Rule_OverBudgetCheaperModel", "cheaper"));
    }

    @Test
    void spentBudgetWithoutCheaperModelSendsToKeywordRules() {
        assertThat(evaluate(1.0, false, false)).isEqualTo(new Outcome("Rule_OverBudgetFallback", "fallback"));
    }

    @Test
    void farOverBudgetStopsEvenTheCheaperModel() {
        assertThat(evaluate(1.25, false, true)).isEqualTo(new Outcome("Rule_FarOverBudgetFallback", "fallback"));
    }

    @Test
    void justUnderTheBudgetStillUsesTheConfiguredModel() {
        assertThat(evaluate(0.999, false, false)).isEqualTo(new Outcome("Rule_WithinBudget", "normal"));
    }

    private record Outcome(String ruleId, String llmMode) {
    }

    private static Outcome evaluate(double usedRatio, boolean hourlyCapReached, boolean cheaperModelConfigured) {
        Evaluation evaluation = evaluateDecision("budget", Map.of(
                "budgetUsedRatio", usedRatio,
                "hourlyTokenCapReached", hourlyCapReached,
                "cheaperModelConfigured", cheaperModelConfigured));
        return new Outcome(evaluation.ruleId(), evaluation.output("llmMode"));
    }
}
