package io.ticketsmith.replay;

import static io.ticketsmith.replay.ReplayTables.DAY;
import static io.ticketsmith.replay.ReplayTables.bytes;
import static io.ticketsmith.replay.ReplayTables.history;
import static io.ticketsmith.replay.ReplayTables.request;
import static io.ticketsmith.replay.ReplayTables.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.ticketsmith.models.DecisionTables.Route;
import io.ticketsmith.request.Review;

import org.junit.jupiter.api.Test;

class DecisionReplayTest {

    private static final ReplayFilter DAYS = new ReplayFilter(DAY.minus(Duration.ofDays(1)), DAY.plus(Duration.ofDays(1)),
            null, null, null);

    private final StandaloneDecisions decisions = ReplayTables.decisions();

    /** Eight requests: the recorded table ran confidence >= 0.9 automatically, the rest were reviewed. */
    private final List<RecordedRequest> recorded = List.of(
            request("R-1", 0.95, Route.AUTO, ReviewerOutcome.NONE, "bug", "WEB"),
            request("R-2", 0.85, Route.REVIEW, ReviewerOutcome.APPROVED_UNCHANGED, "bug", "WEB"),
            request("R-3", 0.82, Route.REVIEW, ReviewerOutcome.APPROVED_UNCHANGED, "bug", "WEB"),
            request("R-4", 0.81, Route.REVIEW, ReviewerOutcome.EDITED, "access", "OPS"),
            request("R-5", 0.80, Route.REVIEW, ReviewerOutcome.REJECTED, "access", "OPS"),
            request("R-6", 0.50, Route.REVIEW, ReviewerOutcome.APPROVED_UNCHANGED, "bug", "WEB"),
            request("R-7", 0.40, Route.REVIEW, ReviewerOutcome.REJECTED, "question"),
            request("R-8", 0.30, Route.REVIEW, ReviewerOutcome.NONE, "question"));

    @Test
    void loweringTheAutoThresholdListsTheRequestsThatWouldNoLongerBeReviewed() {
        ReplayReport report = new DecisionReplay(history(recorded), 100)
                .replay(decisions.parse("candidate", bytes(table(0.8))), null, DAYS);

        assertThat(report.requests()).isEqualTo(8);
        assertThat(report.baseline()).isEqualTo("recorded");
        assertThat(report.routeChanges()).singleElement().satisfies(change -> {
            assertThat(change.from()).isEqualTo(Route.REVIEW);
            assertThat(change.to()).isEqualTo(Route.AUTO);
            assertThat(change.count()).isEqualTo(4);
            assertThat(change.requestIds()).containsExactly("R-2", "R-3", "R-4", "R-5");
            assertThat(change.idsTruncated()).isFalse();
        });
    }

    @Test
    void requestIdsOfARouteChangeAreCappedButCountedWhole() {
        ReplayReport report = new DecisionReplay(history(recorded), 2)
                .replay(decisions.parse("candidate", bytes(table(0.8))), null, DAYS);

        assertThat(report.routeChanges().get(0).count()).isEqualTo(4);
        assertThat(report.routeChanges().get(0).requestIds()).containsExactly("R-2", "R-3");
        assertThat(report.routeChanges().get(0).idsTruncated()).isTrue();
    }

    @Test
    void autoPrecisionIsTheShareOfReviewedAutoRequestsApprovedUnchanged() {
        ReplayReport report = new DecisionReplay(history(recorded), 100)
                .replay(decisions.parse("candidate", bytes(table(0.8))), null, DAYS);

        ReplayReport.Figures candidate = report.figures().get("candidate");
        // AUTO: R-1 (never reviewed), R-2 and R-3 (approved as proposed), R-4 (edited), R-5 (rejected).
        assertThat(candidate.auto()).isEqualTo(5);
        assertThat(candidate.autoShare()).isEqualTo(5 / 8.0);
        assertThat(candidate.autoReviewed()).isEqualTo(4);
        assertThat(candidate.autoApprovedUnchanged()).isEqualTo(2);
        assertThat(candidate.autoEdited()).isEqualTo(1);
        assertThat(candidate.autoRejected()).isEqualTo(1);
        assertThat(candidate.autoPrecision()).isEqualTo(0.5);
        ReplayReport.Figures what = report.figures().get("recorded");
        assertThat(what.auto()).isEqualTo(1);
        assertThat(what.autoPrecision()).as("the one AUTO request nobody reviewed").isNull();
    }

    @Test
    void currentTableAndCandidateAreComparedSideBySide() {
        ReplayReport report = new DecisionReplay(history(recorded), 100).replay(
                decisions.parse("candidate", bytes(table(0.82))), decisions.parse("version 3", bytes(table(0.85))),
                DAYS);

        assertThat(report.baseline()).isEqualTo("current");
        assertThat(report.current()).isEqualTo("version 3");
        assertThat(report.figures().get("current").auto()).isEqualTo(2);
        assertThat(report.figures().get("current").autoPrecision()).isEqualTo(1.0);
        assertThat(report.figures().get("candidate").auto()).isEqualTo(3);
        assertThat(report.routeChanges()).singleElement()
                .satisfies(change -> assertThat(change.requestIds()).containsExactly("R-3"));
    }

    @Test
    void figuresAreBrokenDownByCategoryAndProject() {
        ReplayReport report = new DecisionReplay(history(recorded), 100)
                .replay(decisions.parse("candidate", bytes(table(0.8))), null, DAYS);

        assertThat(report.byCategory().get("access").get("candidate").autoPrecision()).isEqualTo(0.0);
        assertThat(report.byCategory().get("bug").get("candidate").autoPrecision()).isEqualTo(1.0);
        assertThat(report.byProject().get("WEB").get("candidate").auto()).isEqualTo(3);
        assertThat(report.byProject().get("OPS").get("candidate").autoRejected()).isEqualTo(1);
        assertThat(report.byProject().get("(none)").get("candidate").auto()).isZero();
    }

    @Test
    void filtersKeepOnlyTheChosenCategory() {
        ReplayReport report = new DecisionReplay(history(recorded), 100).replay(
                decisions.parse("candidate", bytes(table(0.8))), null,
                new ReplayFilter(DAYS.from(), DAYS.to(), null, "access", null));

        assertThat(report.requests()).isEqualTo(2);
    }

    @Test
    void rulesThatNeverOrAlwaysDecideAreNamed() {
        ReplayReport everything = new DecisionReplay(history(recorded), 100)
                .replay(decisions.parse("candidate", bytes(table(0.1))), null, DAYS);

        assertThat(everything.neverMatched()).containsExactly("Rule_ImpossibleReject", "Rule_OtherwiseReview");
        assertThat(everything.alwaysMatched()).containsExactly("Rule_ConfidentAuto");
        assertThat(everything.rules()).extracting(ReplayReport.RuleUse::hits).containsExactly(8, 0, 0);
    }

    @Test
    void candidateReadingAnInputTheHistoryLacksIsRefusedNamingIt() {
        CandidateTable candidate = decisions.parse("candidate", bytes(table(0.8, "lowestConfidence")));

        assertThatThrownBy(() -> new DecisionReplay(history(recorded), 100).replay(candidate, null, DAYS))
                .isInstanceOf(ReplayRefusedException.class)
                .hasMessageContaining("'lowestConfidence'")
                .hasMessageContaining("minConfidence");
    }

    @Test
    void tableThatDoesNotParseIsRefusedWithTheReason() {
        assertThatThrownBy(() -> decisions.parse("uploaded table", bytes(table(0.8).replace("</definitions>", ""))))
                .isInstanceOf(ReplayRefusedException.class)
                .hasMessageContaining("uploaded table");
        assertThatThrownBy(() -> decisions.parse("uploaded table", bytes(table(0.8)
                .replace("id=\"guardrails\"", "id=\"other\""))))
                .isInstanceOf(ReplayRefusedException.class)
                .hasMessageContaining("'guardrails'");
    }

    @Test
    void tableTheDeploymentPolicyRefusesIsRefused() {
        String script = table(0.8).replace("<decisionTable id=\"DecisionTable_Candidate\"",
                "<decisionTable id=\"DecisionTable_Candidate\" expressionLanguage=\"javascript\"");

        assertThatThrownBy(() -> decisions.parse("uploaded table", bytes(script)))
                .isInstanceOf(ReplayRefusedException.class)
                .hasMessageContaining("would be refused as a deployment");
    }

    @Test
    void theShippedGuardrailsTableParsesAndReadsItsElevenInputs() {
        CandidateTable shipped = decisions.parse("file", Path.of("dmn/guardrails.dmn"));

        assertThat(shipped.inputNames()).contains("minConfidence", "actionTypes", "duplicateScore", "ticketSystem").hasSize(11);
        Map<String, Object> inputs = new java.util.HashMap<>();
        shipped.inputNames().forEach(name -> inputs.put(name, null));
        inputs.putAll(Map.of("actionAssignees", List.of("ceo"), "actionTypes", List.of("create_issue"),
                "transitionTargets", List.of(), "minConfidence", 0.99, "injectionScore", 0.0, "duplicateScore", 0.0,
                "urgency", "low", "sentiment", "neutral", "analysisSource", "llm", "actionsInAllowedProjects", true));
        assertThat(shipped.evaluate(inputs).route()).isEqualTo(Route.REJECT);
        assertThat(shipped.evaluate(inputs).matchedRules()).containsExactly("Rule_ProtectedAssigneeRejected");
    }

    @Test
    void reviewerOutcomeTellsUnchangedApprovalsFromEditsAndRejections() {
        Review approved = new Review("ann", "2026-11-02T10:00:00Z", "approve", null, List.of(), null);
        Review edited = new Review("ann", "2026-11-02T10:00:00Z", "approve", null,
                List.of(Map.of("field", "project")), null);
        Review rejected = new Review("ann", "2026-11-02T10:00:00Z", "reject", "wrong", List.of(), null);

        assertThat(ReviewerOutcome.of(List.of(approved))).isEqualTo(ReviewerOutcome.APPROVED_UNCHANGED);
        assertThat(ReviewerOutcome.of(List.of(edited, approved))).isEqualTo(ReviewerOutcome.EDITED);
        assertThat(ReviewerOutcome.of(List.of(approved, rejected))).isEqualTo(ReviewerOutcome.REJECTED);
        assertThat(ReviewerOutcome.of(null)).isEqualTo(ReviewerOutcome.NONE);
    }
}
