package io.ticketsmith.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The guardrails decision (dmn/guardrails.dmn) in a real engine. Every test starts from inputs that run
 * automatically (see {@link GuardrailInputs#safe()}) and changes only what its name says. The table does not list
 * projects: whether the actions' projects are allowed comes from the application's
 * {@code ticketsmith.safety.allowed-projects}, here the demo profile's, through the same code as in the process.
 */
class GuardrailsDecisionTest extends DecisionTableTest {

    private static final String DECISION_KEY = "guardrails";
    private static final List<String> DEMO_ALLOWED_PROJECTS = demoAllowedProjects();

    // --- Rule_ProtectedAssigneeRejected -------------------------------------------------------------

    @Test
    void assigneeOnProtectedListIsRejected() {
        Outcome outcome = evaluate(GuardrailInputs.safe().assign("Dana", "ceo"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_ProtectedAssigneeRejected", "REJECT", null, null);
        assertThat(outcome.reason()).isEqualTo("Assigning work to a protected person (executives) is not allowed");
    }

    @Test
    void protectedAssigneeIsRecognisedRegardlessOfCase() {
        Outcome outcome = evaluate(GuardrailInputs.safe().assign("CFO@Example.com"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route)
                .containsExactly("Rule_ProtectedAssigneeRejected", "REJECT");
    }

    @Test
    void protectedAssigneeBeatsCriticalUrgency() {
        Outcome outcome = evaluate(GuardrailInputs.safe().urgency("critical").assign("CEO"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_ProtectedAssigneeRejected", "REJECT", null, null);
    }

    @Test
    void assigningToAnOrdinaryPersonGoesToReviewers() {
        Outcome outcome = evaluate(GuardrailInputs.safe().assign("Dana", "dana@example.com"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_OtherwiseReview", "REVIEW", "reviewers", "PT4H");
    }

    // --- Rule_StrongInjectionRejected and Rule_SuspectedInjectionToReview ----------------------------

    @Test
    void strongPromptInjectionIsRejectedEvenWhenEverythingElseWouldRunAutomatically() {
        Outcome outcome = evaluate(GuardrailInputs.safe().injection(0.8));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_StrongInjectionRejected", "REJECT", null, null);
    }

    @Test
    void suspectedPromptInjectionGoesToReviewers() {
        Outcome outcome = evaluate(GuardrailInputs.safe().injection(0.4));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_SuspectedInjectionToReview", "REVIEW", "reviewers", "PT4H");
    }

    @Test
    void scoreJustUnderTheSuspectedThresholdChangesNothing() {
        Outcome outcome = evaluate(GuardrailInputs.safe().injection(0.399));

        assertThat(outcome.ruleId()).isEqualTo("Rule_SafeActionsInAllowedProjectsAuto");
    }

    @Test
    void protectedAssigneeIsStillTheFirstReason() {
        Outcome outcome = evaluate(GuardrailInputs.safe().injection(0.95).assign("CEO"));

        assertThat(outcome.ruleId()).isEqualTo("Rule_ProtectedAssigneeRejected");
    }

    @Test
    void suspectedInjectionInACriticalRequestStillGoesToReview() {
        Outcome outcome = evaluate(GuardrailInputs.safe().urgency("critical").injection(0.55));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route)
                .containsExactly("Rule_SuspectedInjectionToReview", "REVIEW");
    }

    // --- Rule_CriticalUrgencyToLeads -----------------------------------------------------------------

    @Test
    void criticalUrgencyGoesToLeadsWithinAnHour() {
        Outcome outcome = evaluate(GuardrailInputs.safe().urgency("critical"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_CriticalUrgencyToLeads", "REVIEW", "leads", "PT1H");
        assertThat(outcome.reason()).isNotBlank();
    }

    @Test
    void criticalUrgencyBeatsFallbackAnalysisAndLowConfidence() {
        Outcome outcome = evaluate(GuardrailInputs.safe().urgency("critical").source("fallback").minConfidence(0.3));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_CriticalUrgencyToLeads", "leads", "PT1H");
    }

    // --- Rule_HighUrgencyNegativeSentimentToLeads ----------------------------------------------------

    @Test
    void highUrgencyFromAnUnhappyCustomerGoesToLeadsWithinAnHour() {
        Outcome outcome = evaluate(GuardrailInputs.safe().urgency("high").sentiment("negative"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_HighUrgencyNegativeSentimentToLeads", "REVIEW", "leads", "PT1H");
        assertThat(outcome.reason()).isNotBlank();
    }

    @Test
    void highUrgencyWithNeutralSentimentAloneDoesNotNeedALead() {
        Outcome outcome = evaluate(GuardrailInputs.safe().urgency("high").sentiment("neutral"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route)
                .containsExactly("Rule_SafeActionsInAllowedProjectsAuto", "AUTO");
    }

    @Test
    void negativeSentimentWithMediumUrgencyAloneDoesNotNeedALead() {
        Outcome outcome = evaluate(GuardrailInputs.safe().urgency("medium").sentiment("negative"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route)
                .containsExactly("Rule_SafeActionsInAllowedProjectsAuto", "AUTO");
    }

    // --- Rule_ZendeskTicketUpdatesAuto --------------------------------------------------------------

    @Test
    void confidentZendeskTagsPriorityAndNoteRunAutomatically() {
        Outcome outcome = evaluate(GuardrailInputs.safe().zendeskWriteBack());

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_ZendeskTicketUpdatesAuto", "AUTO", null, null);
    }

    @Test
    void zendeskWriteBackBelowNinetyPercentConfidenceGoesToReview() {
        Outcome outcome = evaluate(GuardrailInputs.safe().zendeskWriteBack().minConfidence(0.89));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route)
                .containsExactly("Rule_OtherwiseReview", "REVIEW");
    }

    @Test
    void zendeskDraftReplyIsAlwaysReviewed() {
        GuardrailInputs inputs = GuardrailInputs.safe().zendeskWriteBack();
        inputs.actionTypes.add("draft_reply");

        Outcome outcome = evaluate(inputs);

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route)
                .containsExactly("Rule_OtherwiseReview", "REVIEW");
    }

    // --- Rule_ZendeskBugInAllowedProjectAuto --------------------------------------------------------

    @Test
    void confidentJiraIssueForAZendeskTicketInAnAllowedProjectRunsAutomaticallyWithTheWriteBack() {
        GuardrailInputs inputs = GuardrailInputs.safe().zendeskWriteBack();
        inputs.actionTypes.add("create_issue");
        inputs.actionProjects.add("WEB");

        Outcome outcome = evaluate(inputs);

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_ZendeskBugInAllowedProjectAuto", "AUTO", null, null);
    }

    @Test
    void jiraIssueForAZendeskTicketInAProjectNotAllowedIsReviewed() {
        GuardrailInputs inputs = GuardrailInputs.safe().zendeskWriteBack();
        inputs.actionTypes.add("create_issue");
        inputs.actionProjects.add("HR");

        Outcome outcome = evaluate(inputs);

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route)
                .containsExactly("Rule_OtherwiseReview", "REVIEW");
    }

    @Test
    void zendeskActionsOnARequestFromElsewhereAreReviewed() {
        Outcome outcome = evaluate(GuardrailInputs.safe().zendeskWriteBack().ticketSystem("none"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route)
                .containsExactly("Rule_OtherwiseReview", "REVIEW");
    }

    @Test
    void criticalZendeskTicketStillGoesToLeads() {
        Outcome outcome = evaluate(GuardrailInputs.safe().zendeskWriteBack().urgency("critical"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup)
                .containsExactly("Rule_CriticalUrgencyToLeads", "REVIEW", "leads");
    }

    // --- Rule_FallbackAnalysisToReview ---------------------------------------------------------------

    @Test
    void fallbackAnalysisGoesToReviewers() {
        Outcome outcome = evaluate(GuardrailInputs.safe().source("fallback"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_FallbackAnalysisToReview", "REVIEW", "reviewers", "PT4H");
        assertThat(outcome.reason()).isNotBlank();
    }

    @Test
    void fallbackAnalysisIsReportedBeforeLowConfidence() {
        Outcome outcome = evaluate(GuardrailInputs.safe().source("fallback").minConfidence(0.5));

        assertThat(outcome.ruleId()).isEqualTo("Rule_FallbackAnalysisToReview");
    }

    // --- Rule_LowConfidenceToReview ------------------------------------------------------------------

    @Test
    void lowConfidenceGoesToReviewers() {
        Outcome outcome = evaluate(GuardrailInputs.safe().minConfidence(0.79));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_LowConfidenceToReview", "REVIEW", "reviewers", "PT4H");
        assertThat(outcome.reason()).isNotBlank();
    }

    @Test
    void confidenceOfExactlyPointEightIsNotLowButStillNotEnoughForAuto() {
        Outcome outcome = evaluate(GuardrailInputs.safe().minConfidence(0.8));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_OtherwiseReview", "REVIEW", "reviewers", "PT4H");
    }

    // --- Rule_PossibleDuplicateToReview --------------------------------------------------------------

    @Test
    void requestAsSimilarAsAKnownIssueGoesToReviewEvenWhenEverythingElseIsSafe() {
        Outcome outcome = evaluate(GuardrailInputs.safe().duplicate(0.55));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_PossibleDuplicateToReview", "REVIEW", "reviewers", "PT4H");
        assertThat(outcome.reason()).contains("duplicate");
    }

    @Test
    void requestLessSimilarThanTheThresholdStillRunsAutomatically() {
        assertThat(evaluate(GuardrailInputs.safe().duplicate(0.549)).ruleId())
                .isEqualTo("Rule_SafeActionsInAllowedProjectsAuto");
    }

    @Test
    void criticalDuplicateStillGoesToLeads() {
        assertThat(evaluate(GuardrailInputs.safe().urgency("critical").duplicate(0.97)).ruleId())
                .isEqualTo("Rule_CriticalUrgencyToLeads");
    }

    // --- Rule_ClosingTransitionToReview --------------------------------------------------------------

    @Test
    void transitionToDoneGoesToReview() {
        Outcome outcome = evaluate(GuardrailInputs.safe().transitionTo("In Progress", "Done"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_ClosingTransitionToReview", "REVIEW", "reviewers", "PT4H");
        assertThat(outcome.reason()).isNotBlank();
    }

    @Test
    void closingStatusesAreRecognisedRegardlessOfCase() {
        assertThat(evaluate(GuardrailInputs.safe().transitionTo("CLOSED")).ruleId())
                .isEqualTo("Rule_ClosingTransitionToReview");
        assertThat(evaluate(GuardrailInputs.safe().transitionTo("resolved")).ruleId())
                .isEqualTo("Rule_ClosingTransitionToReview");
    }

    @Test
    void transitionToAnOpenStatusIsStillNotSafeForAuto() {
        Outcome outcome = evaluate(GuardrailInputs.safe().transitionTo("In Progress"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_OtherwiseReview", "REVIEW", "reviewers", "PT4H");
    }

    // --- Rule_SafeActionsInAllowedProjectsAuto -------------------------------------------------------

    @Test
    void safeCreateInAllowedProjectRunsAutomatically() {
        Outcome outcome = evaluate(GuardrailInputs.safe());

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_SafeActionsInAllowedProjectsAuto", "AUTO", null, null);
        assertThat(outcome.reason()).isEqualTo("High-confidence, low-risk actions in an allowed project");
    }

    @Test
    void commentsAndLabelsAcrossAllowedProjectsRunAutomatically() {
        Outcome outcome = evaluate(GuardrailInputs.safe()
                .actions("create_issue", "comment", "add_labels")
                .projects("WEB", "OPS", "OPS"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route)
                .containsExactly("Rule_SafeActionsInAllowedProjectsAuto", "AUTO");
    }

    @Test
    void confidenceOfExactlyPointNineIsEnoughForAuto() {
        Outcome outcome = evaluate(GuardrailInputs.safe().minConfidence(0.9));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route)
                .containsExactly("Rule_SafeActionsInAllowedProjectsAuto", "AUTO");
    }

    // --- Rule_OtherwiseReview ------------------------------------------------------------------------

    @Test
    void autoNeedsEveryConfidenceAtLeastPointNine() {
        Outcome outcome = evaluate(GuardrailInputs.safe().minConfidence(0.85));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_OtherwiseReview", "REVIEW", "reviewers", "PT4H");
        assertThat(outcome.reason()).isNotBlank();
    }

    @Test
    void createInProjectOutsideAllowedListGoesToReview() {
        Outcome outcome = evaluate(GuardrailInputs.safe().actions("create_issue", "comment").projects("WEB", "HR"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_OtherwiseReview", "REVIEW", "reviewers", "PT4H");
    }

    @Test
    void projectKeysMustMatchTheAllowedListExactly() {
        Outcome outcome = evaluate(GuardrailInputs.safe().projects("web"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route)
                .containsExactly("Rule_OtherwiseReview", "REVIEW");
    }

    @Test
    void draftReplyNextToSafeActionsGoesToReview() {
        Outcome outcome = evaluate(GuardrailInputs.safe().actions("create_issue", "draft_reply").projects("WEB"));

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_OtherwiseReview", "REVIEW", "reviewers", "PT4H");
    }

    @Test
    void actionsWhoseProjectIsUnknownGoToReview() {
        Outcome outcome = evaluate(GuardrailInputs.safe().actions("comment").projects());

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route)
                .containsExactly("Rule_OtherwiseReview", "REVIEW");
    }

    @Test
    void demoAllowsExactlyWebAndOps() {
        assertThat(DEMO_ALLOWED_PROJECTS).containsExactly("WEB", "OPS");
    }

    @Test
    void withoutTheAllowedProjectsInputNothingRunsAutomatically() {
        Map<String, Object> variables = GuardrailInputs.safe().toVariables();
        variables.put("actionsInAllowedProjects", null);

        Evaluation evaluation = evaluateDecision(DECISION_KEY, variables);

        assertThat(evaluation.ruleId()).isEqualTo("Rule_OtherwiseReview");
        assertThat(evaluation.outputs().get("route")).isEqualTo("REVIEW");
    }

    @Test
    void noActionsGoesToReview() {
        Outcome outcome = evaluate(GuardrailInputs.safe().actions().projects());

        assertThat(outcome).extracting(Outcome::ruleId, Outcome::route, Outcome::reviewerGroup, Outcome::reviewDue)
                .containsExactly("Rule_OtherwiseReview", "REVIEW", "reviewers", "PT4H");
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** {@code ticketsmith.safety.allowed-projects} as the demo profile sets it. */
    private static List<String> demoAllowedProjects() {
        try {
            Map<String, Object> yaml = new Yaml().load(Files.readString(Path.of("src/main/resources/application-demo.yaml")));
            Object ticketsmith = yaml.get("ticketsmith");
            Object safety = ((Map<?, ?>) ticketsmith).get("safety");
            String projects = String.valueOf(((Map<?, ?>) safety).get("allowed-projects"));
            return Arrays.stream(projects.split(",")).map(String::trim).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Outcome evaluate(GuardrailInputs inputs) {
        Evaluation evaluation = evaluateDecision(DECISION_KEY, inputs.toVariables());
        return new Outcome(evaluation.ruleId(), evaluation.output("route"), evaluation.output("reason"),
                evaluation.output("reviewerGroup"), evaluation.output("reviewDue"));
    }

    record Outcome(String ruleId, String route, String reason, String reviewerGroup, String reviewDue) {
    }

    /** Decision inputs; {@link #safe()} describes a request that runs automatically. */
    static final class GuardrailInputs {

        private double minConfidence = 0.95;
        private String urgency = "medium";
        private String sentiment = "neutral";
        private String analysisSource = "llm";
        private double injectionScore = 0.0;
        private double duplicateScore = 0.0;
        private List<String> actionTypes = new ArrayList<>(List.of("create_issue"));
        private List<String> actionProjects = new ArrayList<>(List.of("WEB"));
        private final List<String> actionAssignees = new ArrayList<>();
        private final List<String> transitionTargets = new ArrayList<>();
        private String ticketSystem = "none";

        static GuardrailInputs safe() {
            return new GuardrailInputs();
        }

        GuardrailInputs minConfidence(double value) {
            this.minConfidence = value;
            return this;
        }

        GuardrailInputs urgency(String value) {
            this.urgency = value;
            return this;
        }

        GuardrailInputs sentiment(String value) {
            this.sentiment = value;
            return this;
        }

        GuardrailInputs injection(double score) {
            this.injectionScore = score;
            return this;
        }

        /** A request from Zendesk whose actions are the ticket's default write-back. */
        GuardrailInputs zendeskWriteBack() {
            this.ticketSystem = "zendesk";
            this.actionTypes = new ArrayList<>(List.of("tag", "set_priority", "internal_note"));
            this.actionProjects = new ArrayList<>();
            return this;
        }

        GuardrailInputs ticketSystem(String value) {
            this.ticketSystem = value;
            return this;
        }

        GuardrailInputs duplicate(double score) {
            this.duplicateScore = score;
            return this;
        }

        GuardrailInputs source(String value) {
            this.analysisSource = value;
            return this;
        }

        /** Replaces the action types. */
        GuardrailInputs actions(String... types) {
            this.actionTypes = new ArrayList<>(List.of(types));
            return this;
        }

        /** Replaces the projects the actions target. */
        GuardrailInputs projects(String... keys) {
            this.actionProjects = new ArrayList<>(List.of(keys));
            return this;
        }

        /** Adds an assign action naming the given assignees. */
        GuardrailInputs assign(String... assignees) {
            this.actionTypes.add("assign");
            this.actionAssignees.addAll(List.of(assignees));
            return this;
        }

        /** Adds a transition action for each target status. */
        GuardrailInputs transitionTo(String... statuses) {
            for (String status : statuses) {
                this.actionTypes.add("transition");
                this.transitionTargets.add(status);
            }
            return this;
        }

        Map<String, Object> toVariables() {
            Map<String, Object> variables = new HashMap<>();
            variables.put("minConfidence", minConfidence);
            variables.put("urgency", urgency);
            variables.put("sentiment", sentiment);
            variables.put("analysisSource", analysisSource);
            variables.put("injectionScore", injectionScore);
            variables.put("duplicateScore", duplicateScore);
            variables.put("actionTypes", new ArrayList<>(actionTypes));
            variables.put("actionsInAllowedProjects",
                    io.ticketsmith.guardrails.GuardrailInputs.inAllowedProjects(actionProjects, DEMO_ALLOWED_PROJECTS));
            variables.put("actionAssignees", new ArrayList<>(actionAssignees));
            variables.put("transitionTargets", new ArrayList<>(transitionTargets));
            variables.put("ticketSystem", ticketSystem);
            return variables;
        }
    }
}
