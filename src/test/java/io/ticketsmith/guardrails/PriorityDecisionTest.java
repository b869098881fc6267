package io.ticketsmith.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The Jira priority decision (dmn/priority.dmn) in a real engine. */
class PriorityDecisionTest extends DecisionTableTest {

    private static final String DECISION_KEY = "priority";

    @Test
    void requestedJiraPriorityIsKeptEvenAgainstUrgencyAndIssueType() {
        Outcome outcome = evaluate("critical", "Bug", "Lowest");

        assertThat(outcome).isEqualTo(new Outcome("Rule_RequestedPriorityKept", "Lowest"));
    }

    @Test
    void everyJiraPriorityNameIsKept() {
        for (String name : new String[] {"Highest", "High", "Medium", "Low", "Lowest"}) {
            assertThat(evaluate("low", "Task", name)).as("requested %s", name)
                    .isEqualTo(new Outcome("Rule_RequestedPriorityKept", name));
        }
    }

    @Test
    void requestedValueThatIsNoJiraPriorityNameIsIgnored() {
        Outcome outcome = evaluate("low", "Task", "P1");

        assertThat(outcome).isEqualTo(new Outcome("Rule_LowUrgencyIsLow", "Low"));
    }

    @Test
    void criticalUrgencyIsHighest() {
        Outcome outcome = evaluate("critical", "Task", null);

        assertThat(outcome).isEqualTo(new Outcome("Rule_CriticalUrgencyIsHighest", "Highest"));
    }

    @Test
    void highUrgencyIsHighEvenForABug() {
        Outcome outcome = evaluate("high", "Bug", null);

        assertThat(outcome).isEqualTo(new Outcome("Rule_HighUrgencyIsHigh", "High"));
    }

    @Test
    void bugWithLowUrgencyAndNoPriorityGetsMedium() {
        Outcome outcome = evaluate("low", "Bug", null);

        assertThat(outcome).isEqualTo(new Outcome("Rule_BugDefaultsToMedium", "Medium"));
    }

    @Test
    void bugWithUnknownUrgencyAndNoPriorityGetsMedium() {
        Outcome outcome = evaluate(null, "Bug", null);

        assertThat(outcome).isEqualTo(new Outcome("Rule_BugDefaultsToMedium", "Medium"));
    }

    @Test
    void mediumUrgencyIsMedium() {
        Outcome outcome = evaluate("medium", "Story", null);

        assertThat(outcome).isEqualTo(new Outcome("Rule_MediumUrgencyIsMedium", "Medium"));
    }

    @Test
    void lowUrgencyIsLow() {
        Outcome outcome = evaluate("low", "Task", null);

        assertThat(outcome).isEqualTo(new Outcome("Rule_LowUrgencyIsLow", "Low"));
    }

    @Test
    void lowUrgencyWithoutIssueTypeIsLow() {
        Outcome outcome = evaluate("low", null, null);

        assertThat(outcome).isEqualTo(new Outcome("Rule_LowUrgencyIsLow", "Low"));
    }

    @Test
    void unknownUrgencyWithoutAnythingElseIsMedium() {
        Outcome outcome = evaluate(null, null, null);

        assertThat(outcome).isEqualTo(new Outcome("Rule_OtherwiseMedium", "Medium"));
    }

    @Test
    void unrecognisedUrgencyForATaskIsMedium() {
        Outcome outcome = evaluate("whenever", "Task", "");

        assertThat(outcome).isEqualTo(new Outcome("Rule_OtherwiseMedium", "Medium"));
    }

    private static Outcome evaluate(String urgency, String issueType, String requestedPriority) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("urgency", urgency);
        variables.put("issueType", issueType);
        variables.put("requestedPriority", requestedPriority);
        Evaluation evaluation = evaluateDecision(DECISION_KEY, variables);
        return new Outcome(evaluation.ruleId(), evaluation.output("priority"));
    }

    record Outcome(String ruleId, String priority) {
    }
}
