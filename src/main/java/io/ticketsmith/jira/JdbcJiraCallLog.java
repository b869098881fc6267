package io.ticketsmith.jira;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notes every Jira call made while working on a request (the engine puts the request id into the log context)
 * in {@code ts_jira_call}, in its own transaction: the call happened even if the engine's transaction rolls back.
 */
@Repository
public class JdbcJiraCallLog implements JiraCallLog {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    JdbcJiraCallLog(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public void record(String operation, String status, Duration duration) {
        String requestId = MDC.get("requestId");
        if (requestId == null) {
            return; // a health check or a triage search, not work on a request
        }
        ownTransaction.executeWithoutResult(tx -> jdbc.update(
                "INSERT INTO ts_jira_call (id, request_id, called_at, operation, status, duration_ms) VALUES (?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), requestId, Timestamp.from(clock.instant()), operation, status,
                duration.toMillis()));
    }

    /** One Jira call. */
    public record Call(java.time.Instant calledAt, String operation, String status, long durationMillis) {
    }

    public List<Call> forRequest(String requestId) {
        return jdbc.query("SELECT called_at, operation, status, duration_ms FROM ts_jira_call WHERE request_id = ? "
                        + "ORDER BY called_at", (row, n) -> new Call(row.getTimestamp("called_at").toInstant(),
                row.getString("operation"), row.getString("status"), row.getLong("duration_ms")), requestId);
    }
}
