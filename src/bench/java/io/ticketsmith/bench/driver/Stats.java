package io.ticketsmith.bench.driver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Percentiles (nearest rank) and means of a sample. */
final class Stats {

    private Stats() {
    }

    static Map<String, Object> summary(Collection<? extends Number> values) {
        List<Double> sorted = new ArrayList<>();
        values.forEach(value -> sorted.add(value.doubleValue()));
        Collections.sort(sorted);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", sorted.size());
        if (sorted.isEmpty()) {
            return summary;
        }
        summary.put("mean", round(sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        summary.put("p50", round(percentile(sorted, 50)));
        summary.put("p95", round(percentile(sorted, 95)));
        summary.put("p99", round(percentile(sorted, 99)));
        summary.put("max", round(sorted.get(sorted.size() - 1)));
        summary.put("min", round(sorted.get(0)));
        return summary;
    }

    static double percentile(List<Double> sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
