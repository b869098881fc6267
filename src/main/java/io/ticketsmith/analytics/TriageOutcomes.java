package io.ticketsmith.analytics;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.ticketsmith.models.DecisionTables;
import io.ticketsmith.observability.TicketsmithMetrics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code ts_triage_outcome} table: one row per finished request, written when it ends, and the analytics summary
 * aggregated from it by the database. Only the grouped counts (bounded by the closed label sets) and one row per day
 * come back, however many requests the range holds.
 */
@Repository
public class TriageOutcomes {

    private static final String NEGATIVE = "negative";

    private final JdbcTemplate jdbc;
    private final TicketsmithMetrics metrics;

    TriageOutcomes(JdbcTemplate jdbc, TicketsmithMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    /**
     * Keeps how a request's triage went and counts it in {@code ticketsmith.triage.outcomes}. Runs in the engine's
     * transaction, so the row is there exactly when the request has ended; a request already kept is not kept twice.
     */
    public void record(TriageOutcome outcome) {
        // One statement that inserts only when the request has no row yet, rather than an insert caught on its key: on
        // PostgreSQL a failed INSERT would spoil the engine's transaction. A request ends once, so nothing races here.
        int inserted = jdbc.update("INSERT INTO ts_triage_outcome (request_id, ended_at, ended_day, source, category, "
                        + "urgency, sentiment, analysis, route, review, outcome, triaged) "
                        + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM ts_triage_outcome WHERE request_id = ?)",
                outcome.requestId(), Timestamp.from(outcome.endedAt()), java.sql.Date.valueOf(day(outcome.endedAt())),
                outcome.source(), outcome.category(), outcome.urgency(), outcome.sentiment(), outcome.analysis(),
                outcome.route(), outcome.review(), outcome.outcome(), outcome.triaged(), outcome.requestId());
        if (inserted > 0) {
            metrics.triageFinished(outcome.source(), outcome.analysis(), outcome.triaged());
        }
    }

    /** The requests that ended in {@code [from, to)}. */
    public TriageSummary summarise(Instant from, Instant to) {
        Totals totals = new Totals();
        jdbc.query("SELECT source, category, urgency, sentiment, analysis, route, review, triaged, COUNT(*) AS n "
                        + "FROM ts_triage_outcome WHERE ended_at >= ? AND ended_at < ? "
                        + "GROUP BY source, category, urgency, sentiment, analysis, route, review, triaged",
                row -> {
                    totals.add(row.getString("source"), row.getString("category"), row.getString("urgency"),
                            row.getString("sentiment"), row.getString("analysis"), row.getString("route"),
                            row.getString("review"), row.getBoolean("triaged"), row.getLong("n"));
                }, Timestamp.from(from), Timestamp.from(to));

        Map<LocalDate, TriageSummary.Day> days = new TreeMap<>();
        if (to.isAfter(from)) {
            LocalDate last = day(to.minusNanos(1));
            for (LocalDate day = day(from); !day.isAfter(last); day = day.plusDays(1)) {
                days.put(day, TriageSummary.Day.empty(day));
            }
        }
        jdbc.query("SELECT ended_day, COUNT(*) AS n, "
                        + "SUM(CASE WHEN sentiment = ? THEN 1 ELSE 0 END) AS negative, "
                        + "SUM(CASE WHEN urgency IN (?, ?) THEN 1 ELSE 0 END) AS high_urgency, "
                        + "SUM(CASE WHEN analysis = ? THEN 1 ELSE 0 END) AS llm, "
                        + "SUM(CASE WHEN analysis = ? THEN 1 ELSE 0 END) AS fallback, "
                        + "SUM(CASE WHEN route = ? THEN 1 ELSE 0 END) AS auto_route, "
                        + "SUM(CASE WHEN route = ? THEN 1 ELSE 0 END) AS review_route, "
                        + "SUM(CASE WHEN triaged THEN 1 ELSE 0 END) AS triaged "
                        + "FROM ts_triage_outcome WHERE ended_at >= ? AND ended_at < ? "
                        + "GROUP BY ended_day ORDER BY ended_day",
                row -> {
                    LocalDate day = row.getDate("ended_day").toLocalDate();
                    days.put(day, new TriageSummary.Day(day, row.getLong("n"), row.getLong("negative"),
                            row.getLong("high_urgency"), row.getLong("llm"), row.getLong("fallback"),
                            row.getLong("auto_route"), row.getLong("review_route"), row.getLong("triaged")));
                }, NEGATIVE, highUrgencies().get(0), highUrgencies().get(1), TicketsmithMetrics.ANALYSIS_LLM,
                TicketsmithMetrics.ANALYSIS_FALLBACK, DecisionTables.Route.AUTO.value(),
                DecisionTables.Route.REVIEW.value(), Timestamp.from(from), Timestamp.from(to));
        return totals.summary(from, to, List.copyOf(days.values()));
    }

    static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static List<String> highUrgencies() {
        return TicketsmithMetrics.HIGH_URGENCIES.stream().sorted().toList();
    }

    /** The grouped counts added up per figure. */
    private static final class Totals {

        private final Map<String, Long> categories = keys(TicketsmithMetrics.CATEGORIES);
        private final Map<String, Long> urgencies = keys(TicketsmithMetrics.URGENCIES);
        private final Map<String, Long> sentiments = keys(TicketsmithMetrics.SENTIMENTS);
        private final Map<String, Long> sources = keys(TriageOutcome.sources());
        private final Map<String, Long> analyses = ordered(List.of(TicketsmithMetrics.ANALYSIS_LLM,
                TicketsmithMetrics.ANALYSIS_FALLBACK, TicketsmithMetrics.ANALYSIS_NONE));
        private final Map<String, Long> routes = ordered(TriageOutcome.ROUTES);
        private final Map<String, Long> reviews = ordered(TriageOutcome.REVIEWS);
        private long requests;
        private long analysed;
        private long highUrgency;
        private long triaged;

        void add(String source, String category, String urgency, String sentiment, String analysis, String route,
                String review, boolean wasTriaged, long count) {
            requests += count;
            // Rows are written through TriageOutcome, so every value is a key; merge keeps a stray one visible.
            sources.merge(source, count, Long::sum);
            analyses.merge(analysis, count, Long::sum);
            routes.merge(route, count, Long::sum);
            reviews.merge(review, count, Long::sum);
            if (!TicketsmithMetrics.ANALYSIS_NONE.equals(analysis) && category != null) {
                analysed += count;
                categories.merge(category, count, Long::sum);
                urgencies.merge(urgency, count, Long::sum);
                sentiments.merge(sentiment, count, Long::sum);
                if (TicketsmithMetrics.HIGH_URGENCIES.contains(urgency)) {
                    highUrgency += count;
                }
            }
            if (wasTriaged) {
                triaged += count;
            }
        }

        TriageSummary summary(Instant from, Instant to, List<TriageSummary.Day> days) {
            long llm = analyses.get(TicketsmithMetrics.ANALYSIS_LLM);
            long auto = routes.get(DecisionTables.Route.AUTO.value());
            long decided = reviews.get(TriageOutcome.APPROVED) + reviews.get(TriageOutcome.EDITED)
                    + reviews.get(TriageOutcome.REJECTED);
            return new TriageSummary(from, to, requests, analysed, categories, urgencies, sentiments, sources,
                    TriageSummary.share(sentiments.get(NEGATIVE), analysed), highUrgency, analyses,
                    TriageSummary.share(llm, llm + analyses.get(TicketsmithMetrics.ANALYSIS_FALLBACK)), routes,
                    TriageSummary.share(auto, auto + routes.get(DecisionTables.Route.REVIEW.value())), reviews,
                    TriageSummary.share(reviews.get(TriageOutcome.APPROVED), decided), triaged,
                    TriageSummary.share(triaged, requests), days);
        }

        /** The known values in alphabetical order, {@code other} last. */
        private static Map<String, Long> keys(Set<String> values) {
            return ordered(Stream.concat(values.stream().filter(value -> !TicketsmithMetrics.OTHER.equals(value))
                    .sorted(), Stream.of(TicketsmithMetrics.OTHER)).toList());
        }

        private static Map<String, Long> ordered(Collection<String> values) {
            Map<String, Long> counts = new LinkedHashMap<>();
            values.forEach(value -> counts.put(value, 0L));
            return counts;
        }
    }
}
