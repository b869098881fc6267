package io.ticketsmith.jira;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Remembers every action carried out, by idempotency key. Entries are written in their own transaction:
 * the engine's transaction for the job may still roll back (a crash, a failing step after the call), and
 * the record that Jira was called must survive that, or the retry would call Jira again.
 */
@Repository
public class ActionLedger {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    ActionLedger(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    private static final String COLUMNS =
            "idempotency_key, request_id, action_index, action_type, gateway, sent, issue_key, executed_at, state";
    static final String PENDING = "PENDING";
    static final String DONE = "DONE";

    /** Entries are committed when written, so the engine's transaction sees them without a transaction of its own. */
    public Optional<Entry> find(String idempotencyKey) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ts_action_ledger WHERE idempotency_key = ?",
                ActionLedger::entry, idempotencyKey).stream().findFirst();
    }

    /** The actions carried out for a request (not those only begun). */
    public List<Entry> forRequest(String requestId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ts_action_ledger WHERE request_id = ? AND state = '" + DONE
                + "' ORDER BY executed_at, action_index", ActionLedger::entry, requestId);
    }

    /** Enters an action about to be sent; a retry that finds it asks Jira before sending it again. */
    void begin(String idempotencyKey, String requestId, int actionIndex, String actionType, String gateway,
            String actionJson) {
        ownTransaction.executeWithoutResult(status -> {
            if (jdbc.update("UPDATE ts_action_ledger SET executed_at = ? WHERE idempotency_key = ? AND state = ?",
                    Timestamp.from(clock.instant()), idempotencyKey, PENDING) == 0) {
                jdbc.update("INSERT INTO ts_action_ledger (idempotency_key, request_id, action_index, action_type, "
                        + "gateway, sent, action_json, issue_key, executed_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        idempotencyKey, requestId, actionIndex, actionType, gateway, false, actionJson, null,
                        Timestamp.from(clock.instant()), PENDING);
            }
        });
    }

    /** Records an action as carried out. */
    Entry record(String idempotencyKey, String requestId, int actionIndex, String actionType, String gateway,
            boolean sent, String actionJson, String issueKey) {
        Instant now = clock.instant();
        ownTransaction.executeWithoutResult(status -> {
            if (jdbc.update("UPDATE ts_action_ledger SET gateway = ?, sent = ?, issue_key = ?, executed_at = ?, state = ? "
                    + "WHERE idempotency_key = ?", gateway, sent, issueKey, Timestamp.from(now), DONE, idempotencyKey) == 0) {
                jdbc.update("INSERT INTO ts_action_ledger (idempotency_key, request_id, action_index, action_type, "
                        + "gateway, sent, action_json, issue_key, executed_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        idempotencyKey, requestId, actionIndex, actionType, gateway, sent, actionJson, issueKey,
                        Timestamp.from(now), DONE);
            }
        });
        return new Entry(idempotencyKey, requestId, actionIndex, actionType, gateway, sent, issueKey, now, true);
    }

    private static Entry entry(java.sql.ResultSet row, int rowNumber) throws java.sql.SQLException {
        return new Entry(row.getString("idempotency_key"), row.getString("request_id"), row.getInt("action_index"),
                row.getString("action_type"), row.getString("gateway"), row.getBoolean("sent"),
                row.getString("issue_key"), row.getTimestamp("executed_at").toInstant(),
                DONE.equals(row.getString("state")));
    }

    /**
     * One action carried out, or begun.
     *
     * @param done false while the action is only begun: Jira may or may not have it
     */
    public record Entry(String idempotencyKey, String requestId, int actionIndex, String actionType, String gateway,
            boolean sent, String issueKey, Instant executedAt, boolean done) {
    }
}
