package io.ticketsmith.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Where each source's sync stands, in {@code ts_knowledge_sync}, shared by the nodes. */
class SyncStateStore {

    private static final int MAX_ERROR = 1000;

    private final JdbcTemplate jdbc;

    SyncStateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A source's sync state.
     *
     * @param highWaterMark everything changed before it is indexed (up to the overlap); null before the first run
     * @param blockedUntil  the source asked not to be called before then
     */
    record State(String source, Instant highWaterMark, Instant lastStartedAt, Instant lastEndedAt,
            String lastOutcome, String lastError, Instant blockedUntil, Instant lastReconciledAt, long indexed,
            long unchanged, long skipped, long removed) {
    }

    Optional<State> load(String source) {
        return jdbc.query("SELECT * FROM ts_knowledge_sync WHERE source = ?", SyncStateStore::state, source).stream()
                .findFirst();
    }

    List<State> all() {
        return jdbc.query("SELECT * FROM ts_knowledge_sync ORDER BY source", SyncStateStore::state);
    }

    void started(String source, Instant at) {
        ensure(source);
        jdbc.update("UPDATE ts_knowledge_sync SET last_started_at = ?, last_outcome = ?, last_error = NULL "
                + "WHERE source = ?", Timestamp.from(at), "running", source);
    }

    /** Moves the mark up, never down: a page may hold nothing newer than the mark of the overlap. */
    void advance(String source, Instant mark) {
        jdbc.update("UPDATE ts_knowledge_sync SET high_water_mark = ? WHERE source = ? AND (high_water_mark IS NULL "
                + "OR high_water_mark < ?)", Timestamp.from(mark), source, Timestamp.from(mark));
    }

    void reconciled(String source, Instant at) {
        jdbc.update("UPDATE ts_knowledge_sync SET last_reconciled_at = ? WHERE source = ?", Timestamp.from(at), source);
    }

    void finished(String source, Instant at, String outcome, String error, Instant blockedUntil, SyncCounts counts) {
        ensure(source);
        String message = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
        jdbc.update("UPDATE ts_knowledge_sync SET last_ended_at = ?, last_outcome = ?, last_error = ?, "
                + "blocked_until = ?, indexed = ?, unchanged = ?, skipped = ?, removed = ? WHERE source = ?",
                Timestamp.from(at), outcome, message, blockedUntil == null ? null : Timestamp.from(blockedUntil),
                counts.indexed(), counts.unchanged(), counts.skipped(), counts.removed(), source);
    }

    private void ensure(String source) {
        if (load(source).isEmpty()) {
            try {
                jdbc.update("INSERT INTO ts_knowledge_sync (source) VALUES (?)", source);
            } catch (DuplicateKeyException raced) {
                // another node created it first
            }
        }
    }

    private static State state(ResultSet row, int number) throws SQLException {
        return new State(row.getString("source"), instant(row, "high_water_mark"), instant(row, "last_started_at"),
                instant(row, "last_ended_at"), row.getString("last_outcome"), row.getString("last_error"),
                instant(row, "blocked_until"), instant(row, "last_reconciled_at"), row.getLong("indexed"),
                row.getLong("unchanged"), row.getLong("skipped"), row.getLong("removed"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
