package io.ticketsmith.cost;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every LLM call's tokens and cost, in {@code ts_llm_usage}. Written in its own transaction: the money is spent
 * once the provider answered, whatever happens to the engine transaction afterwards.
 *
 * <p>The same transaction adds the cost to the day's running total ({@code ts_llm_spend_day}), which the budget
 * reads for every request: one row, however many calls the day had. Every node adds to the same row, so the total
 * is the cluster's; its row lock is held only for that short transaction.
 */
@Repository
class CostLedger {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    /** The day whose total row this node knows to exist. */
    private volatile java.sql.Date totalStarted;

    CostLedger(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void record(Instant at, String requestId, String provider, String model, long promptTokens, long completionTokens,
            BigDecimal costUsd, String outcome) {
        java.sql.Date day = java.sql.Date.valueOf(day(at));
        startTotalOf(day);
        ownTransaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO ts_llm_usage (id, called_at, usage_day, request_id, provider, model, prompt_tokens, "
                            + "completion_tokens, cost_usd, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    UUID.randomUUID().toString(), Timestamp.from(at), day, requestId, provider, model, promptTokens,
                    completionTokens, costUsd, outcome);
            int added = jdbc.update("UPDATE ts_llm_spend_day SET cost_usd = cost_usd + ?, calls = calls + 1 "
                    + "WHERE usage_day = ?", costUsd, day);
            if (added == 0) {
                // The row was removed after this node started the day: begin it again with this call.
                jdbc.update("INSERT INTO ts_llm_spend_day (usage_day, cost_usd, calls) VALUES (?, ?, 1)", day, costUsd);
            }
        });
    }

    /**
     * Makes sure the day has its total row, in a transaction of its own: when two nodes (or two calls on one node)
     * start a day at once, one insert fails on the key and leaves the other's row, without aborting the transaction
     * that records a call.
     */
    private void startTotalOf(java.sql.Date day) {
        if (day.equals(totalStarted)) {
            return;
        }
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.update(
                    "INSERT INTO ts_llm_spend_day (usage_day, cost_usd, calls) SELECT ?, 0, 0 WHERE NOT EXISTS "
                            + "(SELECT 1 FROM ts_llm_spend_day WHERE usage_day = ?)", day, day));
        } catch (org.springframework.dao.DuplicateKeyException startedElsewhere) {
            // inserted by another node or thread between the check and the insert
        }
        totalStarted = day;
    }

    /**
     * An analysis reused from {@code reusedFrom} instead of an LLM call; what that request's successful calls cost
     * counts as saved.
     */
    void recordReuse(Instant at, String requestId, String reusedFrom) {
        ownTransaction.executeWithoutResult(status -> {
            BigDecimal saved = jdbc.queryForObject("SELECT COALESCE(SUM(cost_usd), 0) FROM ts_llm_usage "
                    + "WHERE request_id = ? AND outcome = 'success'", BigDecimal.class, reusedFrom);
            jdbc.update("INSERT INTO ts_analysis_reuse (id, reused_at, usage_day, request_id, reused_from, saved_usd) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), Timestamp.from(at),
                    java.sql.Date.valueOf(day(at)), requestId, reusedFrom, saved == null ? BigDecimal.ZERO : saved);
        });
    }

    Reuse reuseOn(LocalDate day) {
        return jdbc.queryForObject("SELECT COUNT(*) AS hits, COALESCE(SUM(saved_usd), 0) AS saved FROM ts_analysis_reuse "
                + "WHERE usage_day = ?", (row, n) -> new Reuse(row.getLong("hits"), row.getBigDecimal("saved")),
                java.sql.Date.valueOf(day));
    }

    BigDecimal spentOn(LocalDate day) {
        List<BigDecimal> spent = jdbc.queryForList("SELECT cost_usd FROM ts_llm_spend_day WHERE usage_day = ?",
                BigDecimal.class, java.sql.Date.valueOf(day));
        return spent.isEmpty() || spent.get(0) == null ? BigDecimal.ZERO : spent.get(0);
    }

    long tokensSince(Instant since) {
        Long tokens = jdbc.queryForObject(
                "SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0) FROM ts_llm_usage WHERE called_at >= ?",
                Long.class, Timestamp.from(since));
        return tokens == null ? 0 : tokens;
    }

    List<ModelUsage> byModelOn(LocalDate day) {
        return jdbc.query("SELECT model, SUM(prompt_tokens) AS prompt, SUM(completion_tokens) AS completion, "
                        + "SUM(cost_usd) AS cost, COUNT(*) AS calls FROM ts_llm_usage WHERE usage_day = ? GROUP BY model ORDER BY model",
                (row, n) -> new ModelUsage(row.getString("model"), row.getLong("calls"), row.getLong("prompt"),
                        row.getLong("completion"), row.getBigDecimal("cost")), java.sql.Date.valueOf(day));
    }

    List<DayUsage> daysFrom(LocalDate first) {
        return jdbc.query("SELECT usage_day, SUM(prompt_tokens) AS prompt, SUM(completion_tokens) AS completion, "
                        + "SUM(cost_usd) AS cost, COUNT(*) AS calls FROM ts_llm_usage WHERE usage_day >= ? GROUP BY usage_day ORDER BY usage_day",
                (row, n) -> new DayUsage(row.getDate("usage_day").toLocalDate(), row.getLong("calls"), row.getLong("prompt"),
                        row.getLong("completion"), row.getBigDecimal("cost")), java.sql.Date.valueOf(first));
    }

    static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Tokens and cost of one model on one day. */
    record ModelUsage(String model, long calls, long promptTokens, long completionTokens, BigDecimal costUsd) {
    }

    /** Analyses reused instead of asking the LLM, and what the reused analyses cost when they were made. */
    record Reuse(long cacheHits, BigDecimal savedUsd) {
    }

    /** Tokens and cost of one day. */
    record DayUsage(LocalDate day, long calls, long promptTokens, long completionTokens, BigDecimal costUsd) {
    }
}
