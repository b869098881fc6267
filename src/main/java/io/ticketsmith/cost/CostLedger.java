package io.ticketsmith.cost;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * <p>The same transaction adds the call to two running totals, which the budget reads for every request: the day's
 * cost ({@code ts_llm_spend_day}) and the minute's tokens ({@code ts_llm_tokens_minute}, for the hourly token cap).
 * Reading them costs one row for a day and 60 for an hour, however many calls there were. Every node adds to the same rows,
 * so the totals are the cluster's; a row's lock is held only for that short transaction.
 */
@Repository
class CostLedger {

    /** Minutes of token totals kept; the cap reads the last hour. */
    private static final Duration MINUTES_KEPT = Duration.ofDays(1);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    /** The day and the minute whose total rows this node knows to exist. */
    private volatile java.sql.Date dayStarted;
    private volatile Timestamp minuteStarted;

    CostLedger(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void record(Instant at, String requestId, String provider, String model, long promptTokens, long completionTokens,
            BigDecimal costUsd, String outcome) {
        java.sql.Date day = java.sql.Date.valueOf(day(at));
        Timestamp minute = Timestamp.from(at.truncatedTo(ChronoUnit.MINUTES));
        long tokens = promptTokens + completionTokens;
        startTotals(day, minute);
        ownTransaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO ts_llm_usage (id, called_at, usage_day, request_id, provider, model, prompt_tokens, "
                            + "completion_tokens, cost_usd, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    UUID.randomUUID().toString(), Timestamp.from(at), day, requestId, provider, model, promptTokens,
                    completionTokens, costUsd, outcome);
            // A total row removed after this node started it is begun again with this call.
            if (jdbc.update("UPDATE ts_llm_spend_day SET cost_usd = cost_usd + ?, calls = calls + 1 WHERE usage_day = ?",
                    costUsd, day) == 0) {
                jdbc.update("INSERT INTO ts_llm_spend_day (usage_day, cost_usd, calls) VALUES (?, ?, 1)", day, costUsd);
            }
            if (jdbc.update("UPDATE ts_llm_tokens_minute SET tokens = tokens + ? WHERE minute_start = ?", tokens,
                    minute) == 0) {
                jdbc.update("INSERT INTO ts_llm_tokens_minute (minute_start, tokens) VALUES (?, ?)", minute, tokens);
            }
        });
    }

    /**
     * Makes sure the day and the minute have their total rows, each in a transaction of its own: when two nodes (or
     * two calls on one node) start one at once, one insert fails on the key and leaves the other's row, without
     * aborting the transaction that records a call. A new minute also removes the minutes older than a day.
     */
    private void startTotals(java.sql.Date day, Timestamp minute) {
        if (!day.equals(dayStarted)) {
            insertIfMissing("INSERT INTO ts_llm_spend_day (usage_day, cost_usd, calls) SELECT ?, 0, 0 WHERE NOT EXISTS "
                    + "(SELECT 1 FROM ts_llm_spend_day WHERE usage_day = ?)", day);
            dayStarted = day;
        }
        if (!minute.equals(minuteStarted)) {
            insertIfMissing("INSERT INTO ts_llm_tokens_minute (minute_start, tokens) SELECT ?, 0 WHERE NOT EXISTS "
                    + "(SELECT 1 FROM ts_llm_tokens_minute WHERE minute_start = ?)", minute);
            ownTransaction.executeWithoutResult(status -> jdbc.update(
                    "DELETE FROM ts_llm_tokens_minute WHERE minute_start < ?",
                    Timestamp.from(minute.toInstant().minus(MINUTES_KEPT))));
            minuteStarted = minute;
        }
    }

    /** Runs {@code insert}, which takes {@code key} twice, ignoring a row inserted meanwhile by another node or thread. */
    private void insertIfMissing(String insert, Object key) {
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.update(insert, key, key));
        } catch (org.springframework.dao.DuplicateKeyException startedElsewhere) {
            // inserted by another node or thread between the check and the insert
        }
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
        return spent.isEmpty() ? BigDecimal.ZERO : spent.get(0);
    }

    /** Tokens of the calls from {@code since} on: whole minutes from their totals, the minute begun from its calls. */
    long tokensSince(Instant since) {
        Instant wholeMinutesFrom = since.truncatedTo(ChronoUnit.MINUTES);
        long tokens = 0;
        if (!wholeMinutesFrom.equals(since)) {
            wholeMinutesFrom = wholeMinutesFrom.plus(Duration.ofMinutes(1));
            tokens += jdbc.queryForObject("SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0) FROM ts_llm_usage "
                    + "WHERE called_at >= ? AND called_at < ?", Long.class, Timestamp.from(since),
                    Timestamp.from(wholeMinutesFrom));
        }
        return tokens + jdbc.queryForObject("SELECT COALESCE(SUM(tokens), 0) FROM ts_llm_tokens_minute "
                + "WHERE minute_start >= ?", Long.class, Timestamp.from(wholeMinutesFrom));
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
