package io.ticketsmith.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.ticketsmith.request.HandleRequestProcess;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code ts_request} table: every request with its id, external id and current status. */
@Repository
public class RequestRegistry {

    private static final String COLUMNS =
            "id, external_id, source, reporter, submitted_by, process_instance_id, status, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    RequestRegistry(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The one way a request gets its row: when its process starts, whichever door it came through.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the external id is already known
     */
    void register(String id, String externalId, String source, String reporter, String submittedBy,
            String processInstanceId) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO ts_request (" + COLUMNS + ", external_scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, externalId, source, reporter, submittedBy, processInstanceId, RequestStatus.ANALYZING.name(), now,
                now, externalId == null ? null : externalScope(source, submittedBy));
    }

    /**
     * Whose namespace an external id belongs to: a ticket system's keys (source {@code jira}) are that system's,
     * which only its connector fills; any other id is the submitting client's own, so no client can take another's
     * id first, nor a Jira issue's.
     */
    public static String externalScope(String source, String submittedBy) {
        if (HandleRequestProcess.Sources.CONNECTORS.contains(source)) {
            return source;
        }
        return submittedBy == null ? HandleRequestProcess.Sources.API : submittedBy;
    }

    public Optional<RequestRecord> findById(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ts_request WHERE id = ?", RequestRegistry::record, id)
                .stream().findFirst();
    }

    /** @param scope see {@link #externalScope} */
    public Optional<RequestRecord> findByExternalId(String scope, String externalId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ts_request WHERE external_scope = ? AND external_id = ?",
                RequestRegistry::record, scope, externalId).stream().findFirst();
    }

    /** Replaces the reporter as given with its redacted form. */
    void recordReporter(String id, String reporter) {
        jdbc.update("UPDATE ts_request SET reporter = ? WHERE id = ?", reporter, id);
    }

    /** Records the status a request's process reached. */
    void recordStatus(String id, RequestStatus status) {
        jdbc.update("UPDATE ts_request SET status = ?, updated_at = ? WHERE id = ?", status.name(),
                Timestamp.from(clock.instant()), id);
    }

    /** Newest first. */
    public List<RequestRecord> list(RequestStatus status, Instant from, Instant to, int page, int size) {
        return list(null, status, from, to, page, size);
    }

    /** Newest first; @param submittedBy only the requests this user submitted, or null for everyone's */
    public List<RequestRecord> list(String submittedBy, RequestStatus status, Instant from, Instant to, int page,
            int size) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM ts_request WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (submittedBy != null) {
            sql.append(" AND submitted_by = ?");
            args.add(submittedBy);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        if (from != null) {
            sql.append(" AND created_at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND created_at < ?");
            args.add(Timestamp.from(to));
        }
        sql.append(" ORDER BY created_at DESC, id LIMIT ? OFFSET ?");
        args.add(size);
        args.add((long) page * size);
        return jdbc.query(sql.toString(), RequestRegistry::record, args.toArray());
    }

    private static RequestRecord record(ResultSet row, int number) throws SQLException {
        return new RequestRecord(row.getString("id"), row.getString("external_id"), row.getString("source"),
                row.getString("reporter"), row.getString("submitted_by"), row.getString("process_instance_id"),
                RequestStatus.valueOf(row.getString("status")), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }

    /** One row of {@code ts_request}. */
    public record RequestRecord(String id, String externalId, String source, String reporter, String submittedBy,
            String processInstanceId, RequestStatus status, Instant createdAt, Instant updatedAt) {
    }
}
