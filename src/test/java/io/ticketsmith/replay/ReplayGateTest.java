package io.ticketsmith.replay;

import static io.ticketsmith.replay.ReplayTables.DAY;
import static io.ticketsmith.replay.ReplayTables.bytes;
import static io.ticketsmith.replay.ReplayTables.history;
import static io.ticketsmith.replay.ReplayTables.request;
import static io.ticketsmith.replay.ReplayTables.table;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.ticketsmith.models.DecisionTables.Route;

import org.junit.jupiter.api.Test;

class ReplayGateTest {

    private static final ReplayProperties.Gate GATE = new ReplayProperties.Gate(true, 0.95, Duration.ofDays(30), 5);
    private static final Clock CLOCK = Clock.fixed(DAY.plus(Duration.ofHours(1)), ZoneOffset.UTC);

    private final StandaloneDecisions decisions = ReplayTables.decisions();

    /** Ten reviewed requests: confident ones (0.9) approved as proposed, less confident ones (0.7) edited. */
    private static List<RecordedRequest> reviewed() {
        List<RecordedRequest> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            requests.add(request("C-" + i, 0.9, Route.REVIEW, ReviewerOutcome.APPROVED_UNCHANGED, "bug", "WEB"));
            requests.add(request("U-" + i, 0.7, Route.REVIEW, ReviewerOutcome.EDITED, "bug", "WEB"));
        }
        return requests;
    }

    @Test
    void tableThatWouldRunWhatReviewersEditedIsRefusedWithTheFigures() {
        ReplayGate gate = new ReplayGate(new DecisionReplay(history(reviewed()), 10), GATE, CLOCK);

        ReplayGate.Verdict verdict = gate.check(decisions.parse("guardrails.dmn", bytes(table(0.6))));

        assertThat(verdict.passes()).isFalse();
        assertThat(verdict.refusal()).contains("10 recorded requests").contains("AUTO precision 0.500")
                .contains("minimum 0.950").contains("5 edited");
    }

    @Test
    void tableThatRunsOnlyWhatReviewersApprovedUnchangedPasses() {
        ReplayGate gate = new ReplayGate(new DecisionReplay(history(reviewed()), 10), GATE, CLOCK);

        ReplayGate.Verdict verdict = gate.check(decisions.parse("guardrails.dmn", bytes(table(0.85))));

        assertThat(verdict.passes()).isTrue();
        assertThat(verdict.report().candidateFigures().autoPrecision()).isEqualTo(1.0);
    }

    @Test
    void tooLittleHistoryPassesUnmeasured() {
        ReplayGate gate = new ReplayGate(new DecisionReplay(history(reviewed().subList(0, 4)), 10), GATE, CLOCK);

        ReplayGate.Verdict verdict = gate.check(decisions.parse("guardrails.dmn", bytes(table(0.6))));

        assertThat(verdict.passes()).isTrue();
        assertThat(verdict.report().requests()).isEqualTo(4);
    }

    @Test
    void historyOlderThanThePeriodIsNotReplayed() {
        Clock later = Clock.offset(CLOCK, Duration.ofDays(31));
        ReplayGate gate = new ReplayGate(new DecisionReplay(history(reviewed()), 10), GATE, later);

        ReplayGate.Verdict verdict = gate.check(decisions.parse("guardrails.dmn", bytes(table(0.6))));

        assertThat(verdict.passes()).isTrue();
        assertThat(verdict.report().requests()).isZero();
    }
}
