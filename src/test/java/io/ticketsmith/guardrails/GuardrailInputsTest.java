package io.ticketsmith.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;

import org.junit.jupiter.api.Test;

/** The inputs of dmn/guardrails.dmn, derived from an analysis. */
class GuardrailInputsTest {

    /** {@code ticketsmith.safety.allowed-projects} of the demo profile. */
    private static final List<String> DEMO_PROJECTS = List.of("WEB", "OPS");

    private static Analysis analysis(Analysis.Confidence confidence, List<ProposedAction> actions) {
        return new Analysis("triage", "Login broken", "bug", "high", "negative", confidence,
                "The reporter cannot log in.", actions);
    }

    private static Analysis withActions(ProposedAction... actions) {
        return analysis(Analysis.Confidence.all(0.9), Arrays.asList(actions));
    }

    private static ProposedAction newBug(String project, String assignee) {
        return ProposedAction.createIssue(project, "Bug", "Login broken", null, null, assignee);
    }

    @Test
    void passesUrgencySentimentAndSourceThrough() {
        var inputs = GuardrailInputs.of(withActions(), "llm", 0.0, DEMO_PROJECTS);

        assertThat(inputs).containsEntry("urgency", "high")
                .containsEntry("sentiment", "negative")
                .containsEntry("analysisSource", "llm");
    }

    @Test
    void providesExactlyTheDecisionInputs() {
        assertThat(GuardrailInputs.of(withActions(), "rules", 0.0, DEMO_PROJECTS)).containsOnlyKeys("actionAssignees",
                "urgency", "sentiment", "analysisSource", "injectionScore", "minConfidence", "transitionTargets",
                "actionTypes", "actionsInAllowedProjects", "duplicateScore", "ticketSystem");
    }

    @Test
    void ticketSystemIsTheConnectorSourceOrNone() {
        assertThat(GuardrailInputs.of(withActions(), "llm", 0.0, DEMO_PROJECTS, 0.0, "zendesk"))
                .containsEntry("ticketSystem", "zendesk");
        assertThat(GuardrailInputs.of(withActions(), "llm", 0.0, DEMO_PROJECTS, 0.0, "jira"))
                .containsEntry("ticketSystem", "jira");
        assertThat(GuardrailInputs.of(withActions(), "llm", 0.0, DEMO_PROJECTS, 0.0, "api"))
                .containsEntry("ticketSystem", "none");
        assertThat(GuardrailInputs.of(withActions(), "llm", 0.0, DEMO_PROJECTS)).containsEntry("ticketSystem", "none");
    }

    @Test
    void duplicateScoreIsPassedOnAndALinkedIssuesProjectCounts() {
        var link = ProposedAction.linkIssue("WEB-1500", "HR-3", ProposedAction.LINK_DUPLICATE);

        var inputs = GuardrailInputs.of(withActions(link), "llm", 0.0, DEMO_PROJECTS, 0.93);

        assertThat(inputs).containsEntry("duplicateScore", 0.93);
        assertThat(GuardrailInputs.actionProjects(List.of(link))).containsExactly("WEB", "HR");
        assertThat(inputs).containsEntry("actionsInAllowedProjects", false);
    }

    @Test
    void collectsAssigneesOfAllActionsOnce() {
        var inputs = GuardrailInputs.of(withActions(
                ProposedAction.assign("WEB-1", "anna"),
                newBug("WEB", "ben"),
                ProposedAction.assign("WEB-2", "anna")), "llm", 0.0, DEMO_PROJECTS);

        assertThat(inputs.get("actionAssignees")).isEqualTo(List.of("anna", "ben"));
    }

    @Test
    void collectsTransitionTargetsOnce() {
        var inputs = GuardrailInputs.of(withActions(
                ProposedAction.transition("WEB-1", "Done"),
                ProposedAction.transition("WEB-2", "Done"),
                ProposedAction.transition("WEB-3", "In Progress")), "llm", 0.0, DEMO_PROJECTS);

        assertThat(inputs.get("transitionTargets")).isEqualTo(List.of("Done", "In Progress"));
    }

    @Test
    void collectsActionTypesOnce() {
        var inputs = GuardrailInputs.of(withActions(
                ProposedAction.comment("WEB-1", "Hi"),
                newBug("WEB", null),
                ProposedAction.comment("WEB-2", "Hi")), "llm", 0.0, DEMO_PROJECTS);

        assertThat(inputs.get("actionTypes")).isEqualTo(List.of("comment", "create_issue"));
    }

    @Test
    void projectOfAnActionIsItsProjectOrTheIssueKeyPrefix() {
        List<ProposedAction> actions = List.of(
                newBug("OPS", null),
                ProposedAction.comment("WEB-12", "Hi"),
                ProposedAction.assign("MY_PROJ-3", "anna"),
                ProposedAction.comment("WEB-13", "Hi"));

        assertThat(GuardrailInputs.actionProjects(actions)).isEqualTo(List.of("OPS", "WEB", "MY_PROJ"));
        assertThat(GuardrailInputs.of(withActions(actions.toArray(ProposedAction[]::new)), "llm", 0.0,
                List.of("WEB", "OPS", "MY_PROJ"))).containsEntry("actionsInAllowedProjects", true);
        assertThat(GuardrailInputs.of(withActions(actions.toArray(ProposedAction[]::new)), "llm", 0.0, DEMO_PROJECTS))
                .containsEntry("actionsInAllowedProjects", false);
    }

    @Test
    void blankProjectFallsBackToIssueKeyPrefix() {
        var action = new ProposedAction("create_issue", "  ", "Sub-task", "HR-4", "Fix", null, null, null, null, null,
                null, null, null, null, null, null);

        assertThat(GuardrailInputs.actionProjects(List.of(action))).isEqualTo(List.of("HR"));
        assertThat(GuardrailInputs.of(withActions(action), "llm", 0.0, List.of("HR")))
                .containsEntry("actionsInAllowedProjects", true);
    }

    @Test
    void missingValuesAreDropped() {
        var inputs = GuardrailInputs.of(withActions(
                ProposedAction.draftReply("anna@example.com", "Re: login", "We are on it."),
                ProposedAction.comment("WEB-1", "Hi")), "llm", 0.0, DEMO_PROJECTS);

        assertThat(inputs.get("actionAssignees")).isEqualTo(List.of());
        assertThat(inputs.get("transitionTargets")).isEqualTo(List.of());
        assertThat(GuardrailInputs.actionProjects(List.of(
                ProposedAction.draftReply("anna@example.com", "Re: login", "We are on it."),
                ProposedAction.comment("WEB-1", "Hi")))).isEqualTo(List.of("WEB"));
        // The reply touches no project; the one project that is known is allowed.
        assertThat(inputs).containsEntry("actionsInAllowedProjects", true);
    }

    @Test
    void noActionsGiveEmptyLists() {
        var inputs = GuardrailInputs.of(analysis(Analysis.Confidence.all(0.9), null), "llm", 0.0, DEMO_PROJECTS);

        assertThat(inputs).containsEntry("actionAssignees", List.of())
                .containsEntry("transitionTargets", List.of())
                .containsEntry("actionTypes", List.of())
                .containsEntry("actionsInAllowedProjects", false);
        assertThat(GuardrailInputs.actionProjects(List.of())).isEqualTo(List.of());
    }

    // --- actionsInAllowedProjects: the allowed projects come from the configuration, not the table ---------

    @Test
    void actionsInAllowedProjectsOnlyWhenEveryProjectIsOnTheList() {
        assertThat(GuardrailInputs.inAllowedProjects(List.of("WEB"), DEMO_PROJECTS)).isTrue();
        assertThat(GuardrailInputs.inAllowedProjects(List.of("WEB", "OPS"), DEMO_PROJECTS)).isTrue();
        assertThat(GuardrailInputs.inAllowedProjects(List.of("WEB", "HR"), DEMO_PROJECTS)).isFalse();
    }

    @Test
    void projectKeysMustMatchTheAllowedListExactly() {
        assertThat(GuardrailInputs.inAllowedProjects(List.of("web"), DEMO_PROJECTS)).isFalse();
    }

    @Test
    void actionsWithoutAnyKnownProjectAreNotInAllowedProjects() {
        assertThat(GuardrailInputs.inAllowedProjects(List.of(), DEMO_PROJECTS)).isFalse();
    }

    @Test
    void emptyAllowedListLetsNothingRunAutomatically() {
        // Empty means "any project, after a review" (ActionPolicy), never "any project, automatically".
        assertThat(GuardrailInputs.inAllowedProjects(List.of("WEB"), List.of())).isFalse();
        assertThat(GuardrailInputs.of(withActions(newBug("WEB", null)), "llm", 0.0, List.of()))
                .containsEntry("actionsInAllowedProjects", false);
    }

    @Test
    void minConfidenceIsTheLowestOfTheFour() {
        var inputs = GuardrailInputs.of(analysis(new Analysis.Confidence(0.9, 0.6, 0.85, 0.95), List.of()), "llm", 0.0, DEMO_PROJECTS);

        assertThat(inputs.get("minConfidence")).isEqualTo(0.6);
    }

    @Test
    void missingConfidenceValueCountsAsZero() {
        var inputs = GuardrailInputs.of(analysis(new Analysis.Confidence(0.9, 0.9, null, 0.9), List.of()), "llm", 0.0, DEMO_PROJECTS);

        assertThat(inputs.get("minConfidence")).isEqualTo(0.0);
    }

    @Test
    void missingConfidenceCountsAsZero() {
        var inputs = GuardrailInputs.of(analysis(null, List.of()), "llm", 0.0, DEMO_PROJECTS);

        assertThat(inputs.get("minConfidence")).isEqualTo(0.0);
    }
}
