package io.ticketsmith.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.junit.jupiter.api.Test;

class RootRemovalTimesTest {

    private static final Date REMOVAL = Date.from(Instant.parse("2027-05-30T09:00:00Z"));

    private final AtomicLong now = new AtomicLong(1_000);
    private final RootRemovalTimes removalTimes = new RootRemovalTimes(now::get);
    private final List<String> lookups = new ArrayList<>();

    @Test
    void aRootIsReadOnceWhileItsTimeIsKept() {
        Function<String, HistoricProcessInstanceEventEntity> lookup = rootWith(REMOVAL);

        List<HistoryEvent> events = List.of(event("root-1"), event("root-1"), event("root-1"));
        for (HistoryEvent event : events) {
            removalTimes.provide(event, true, lookup);
            now.addAndGet(1_000_000_000L);
        }

        assertThat(lookups).containsExactly("root-1");
        assertThat(events).allSatisfy(event -> assertThat(event.getRemovalTime()).isEqualTo(REMOVAL));
    }

    @Test
    void aRootIsReadAgainOnceItsTimeIsKeptNoLonger() {
        Date changed = Date.from(Instant.parse("2026-12-31T00:00:00Z"));
        removalTimes.provide(event("root-1"), true, rootWith(REMOVAL));

        // An operator set new removal times; the next row written after the while gets the new one.
        now.addAndGet(RootRemovalTimes.KEPT_NANOS);
        HistoryEvent later = event("root-1");
        removalTimes.provide(later, true, rootWith(changed));

        assertThat(lookups).containsExactly("root-1", "root-1");
        assertThat(later.getRemovalTime()).isEqualTo(changed);
    }

    @Test
    void eachRootHasItsOwnTime() {
        Date other = Date.from(Instant.parse("2027-06-01T00:00:00Z"));
        HistoryEvent first = event("root-1");
        HistoryEvent second = event("root-2");

        removalTimes.provide(first, true, rootWith(REMOVAL));
        removalTimes.provide(second, true, rootWith(other));

        assertThat(first.getRemovalTime()).isEqualTo(REMOVAL);
        assertThat(second.getRemovalTime()).isEqualTo(other);
    }

    @Test
    void aRootWithoutAHistoryRowIsReadEachTimeAndGivesNoTime() {
        HistoryEvent first = event("root-1");
        HistoryEvent second = event("root-1");

        removalTimes.provide(first, true, root -> {
            lookups.add(root);
            return null;
        });
        removalTimes.provide(second, true, rootWith(REMOVAL));

        assertThat(lookups).containsExactly("root-1", "root-1");
        assertThat(first.getRemovalTime()).isNull();
        assertThat(second.getRemovalTime()).isEqualTo(REMOVAL);
    }

    @Test
    void nothingIsRememberedWhenRemovalTimesAreNotSetAtTheStart() {
        Function<String, HistoricProcessInstanceEventEntity> lookup = rootWith(REMOVAL);

        removalTimes.provide(event("root-1"), false, lookup);
        removalTimes.provide(event("root-1"), false, lookup);

        assertThat(lookups).containsExactly("root-1", "root-1");
        assertThat(removalTimes.size()).isZero();
    }

    @Test
    void anEventOutsideAProcessIsLeftAlone() {
        HistoryEvent standalone = event(null);

        removalTimes.provide(standalone, true, rootWith(REMOVAL));

        assertThat(lookups).isEmpty();
        assertThat(standalone.getRemovalTime()).isNull();
    }

    @Test
    void theMemoryHoldsAtMostItsBound() {
        Function<String, HistoricProcessInstanceEventEntity> lookup = rootWith(REMOVAL);
        for (int i = 0; i < RootRemovalTimes.MOST + 10; i++) {
            removalTimes.provide(event("root-" + i), true, lookup);
        }

        assertThat(removalTimes.size()).isLessThanOrEqualTo(RootRemovalTimes.MOST);
        HistoryEvent last = event("root-" + (RootRemovalTimes.MOST + 9));
        removalTimes.provide(last, true, lookup);
        assertThat(last.getRemovalTime()).isEqualTo(REMOVAL);
    }

    private Function<String, HistoricProcessInstanceEventEntity> rootWith(Date removalTime) {
        return root -> {
            lookups.add(root);
            HistoricProcessInstanceEventEntity row = new HistoricProcessInstanceEventEntity();
            row.setId(root);
            row.setRemovalTime(removalTime);
            return row;
        };
    }

    private static HistoryEvent event(String root) {
        HistoryEvent event = new HistoricVariableUpdateEventEntity();
        event.setRootProcessInstanceId(root);
        return event;
    }
}
