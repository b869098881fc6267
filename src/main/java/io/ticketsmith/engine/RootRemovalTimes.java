package io.ticketsmith.engine;

import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;

/**
 * The removal time of a running process instance's history rows, remembered on this node for a short while.
 *
 * <p>With removal times set at the start, the engine gives every history row it writes (an activity, a variable, a
 * job log entry, a decision) the removal time of the row's root process instance, and reads the root's history row
 * for it in every transaction that writes history: five reads of {@code ACT_HI_PROCINST} per request. That time is
 * set when the root starts and changes only when an operator sets removal times anew (the history service's batch),
 * so the time read is kept here for {@link #KEPT_NANOS}: a row written within that while after such a batch may
 * still get the time the batch replaced, as a row written by a transaction that ran during the batch may with the
 * engine's own lookup. A root whose row is not found, or whose removal time is not set at the start (another
 * strategy), is looked up each time, as by the engine.
 */
public final class RootRemovalTimes {

    /** How long a root's removal time is used without reading it again: longer than most requests run. */
    static final long KEPT_NANOS = 60_000_000_000L;

    /** More roots than requests run at once on a node; past it, the expired ones go, and if none has, all. */
    static final int MOST = 20_000;

    private record Known(Date removalTime, long until) {
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    RootRemovalTimes() {
        this(System::nanoTime);
    }

    RootRemovalTimes(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Gives the event its root's removal time, from this node's memory when it read it recently.
     *
     * @param strategyStart whether removal times are set at the start; otherwise nothing is remembered
     * @param lookup the engine's lookup of the root's history row
     */
    void provide(HistoryEvent event, boolean strategyStart,
            Function<String, HistoricProcessInstanceEventEntity> lookup) {
        String root = event.getRootProcessInstanceId();
        if (root == null) {
            return;
        }
        long now = nanoTime.getAsLong();
        Known remembered = strategyStart ? known.get(root) : null;
        if (remembered != null && now - remembered.until() < 0) {
            event.setRemovalTime(remembered.removalTime());
            return;
        }
        HistoricProcessInstanceEventEntity row = lookup.apply(root);
        if (row == null) {
            return;
        }
        event.setRemovalTime(row.getRemovalTime());
        if (strategyStart) {
            remember(root, row.getRemovalTime(), now);
        }
    }

    private void remember(String root, Date removalTime, long now) {
        if (known.size() >= MOST) {
            known.values().removeIf(entry -> now - entry.until() >= 0);
            if (known.size() >= MOST) {
                known.clear();
            }
        }
        known.put(root, new Known(removalTime, now + KEPT_NANOS));
    }

    /** The roots remembered now. */
    int size() {
        return known.size();
    }
}
