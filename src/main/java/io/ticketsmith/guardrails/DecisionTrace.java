package io.ticketsmith.guardrails;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects the decision audit entries (decision, version, matched rules) of evaluations made outside a
 * process on the current thread, e.g. for a dry-run plan.
 */
public final class DecisionTrace implements AutoCloseable {

    private static final ThreadLocal<DecisionTrace> CURRENT = new ThreadLocal<>();

    private final List<Map<String, Object>> entries = new ArrayList<>();

    private DecisionTrace() {
    }

    public static DecisionTrace start() {
        DecisionTrace trace = new DecisionTrace();
        CURRENT.set(trace);
        return trace;
    }

    public static void record(Map<String, Object> entry) {
        DecisionTrace trace = CURRENT.get();
        if (trace != null) {
            trace.entries.add(entry);
        }
    }

    public List<Map<String, Object>> entries() {
        return List.copyOf(entries);
    }

    @Override
    public void close() {
        CURRENT.remove();
    }
}
