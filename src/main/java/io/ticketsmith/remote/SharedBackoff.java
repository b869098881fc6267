package io.ticketsmith.remote;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One "blocked until" per remote system, shared by every request on every node: when Jira or the LLM provider says
 * to wait (a 429 with {@code Retry-After}), no request calls it again before that time; each waits on its own timer
 * instead. Jira Cloud limits per account, so requests that each met their own 429 first prolonged a storm.
 *
 * <p>Kept in {@code ts_backoff}, so the cluster shares it; read at most every {@link #REFRESH} per target per node, so
 * a busy node does not ask the database before every call. Without a database (tests, tools) it is the node's own.
 */
public class SharedBackoff {

    private static final Logger log = LoggerFactory.getLogger(SharedBackoff.class);

    /** How stale a node's copy of another node's back-off may be. */
    static final Duration REFRESH = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    /** @param jdbc the shared table's database, or null for a back-off of this node only */
    public SharedBackoff(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A back-off of this node only. */
    public static SharedBackoff local(Clock clock) {
        return new SharedBackoff(null, clock);
    }

    /** How long {@code target} is still to be left alone; empty when it may be called. */
    public Optional<Duration> remaining(String target) {
        Instant now = clock.instant();
        Known copy = known.get(target);
        if (jdbc != null && (copy == null || copy.readAt().plus(REFRESH).isBefore(now))) {
            copy = new Known(read(target, copy), now);
            known.put(target, copy);
        }
        if (copy == null || copy.until() == null || !copy.until().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, copy.until()));
    }

    /** Records that {@code target} asked to be left alone until {@code until}; a later time already known stays. */
    public void blockUntil(String target, Instant until, String reason) {
        Known copy = known.get(target);
        if (copy == null || copy.until() == null || until.isAfter(copy.until())) {
            known.put(target, new Known(until, clock.instant()));
        }
        if (jdbc == null) {
            return;
        }
        String why = reason == null || reason.length() <= 255 ? reason : reason.substring(0, 255);
        try {
            int updated = jdbc.update("UPDATE ts_backoff SET blocked_until = ?, reason = ? WHERE target = ? "
                    + "AND blocked_until < ?", Timestamp.from(until), why, target, Timestamp.from(until));
            if (updated == 0 && read(target, null) == null) {
                jdbc.update("INSERT INTO ts_backoff (target, blocked_until, reason) VALUES (?, ?, ?)", target,
                        Timestamp.from(until), why);
            }
        } catch (DuplicateKeyException raced) {
            jdbc.update("UPDATE ts_backoff SET blocked_until = ?, reason = ? WHERE target = ? AND blocked_until < ?",
                    Timestamp.from(until), why, target, Timestamp.from(until));
        } catch (DataAccessException e) {
            // This node still backs off; the others learn of it from their own 429.
            log.warn("Back-off of {} until {} not shared with other nodes: {}", target, until, e.getMessage());
        }
    }

    /** Ends a back-off at once, on every node (within {@link #REFRESH}). */
    public void clear(String target) {
        known.remove(target);
        if (jdbc != null) {
            jdbc.update("DELETE FROM ts_backoff WHERE target = ?", target);
        }
    }

    private Instant read(String target, Known fallback) {
        try {
            List<Timestamp> until = jdbc.queryForList("SELECT blocked_until FROM ts_backoff WHERE target = ?",
                    Timestamp.class, target);
            Instant shared = until.isEmpty() ? null : until.get(0).toInstant();
            Instant own = fallback == null ? null : fallback.until();
            return own != null && (shared == null || own.isAfter(shared)) ? own : shared;
        } catch (DataAccessException e) {
            return fallback == null ? null : fallback.until();
        }
    }

    private record Known(Instant until, Instant readAt) {
    }
}
