package io.ticketsmith.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, the engine's indexes on columns a request leaves empty index only the rows that have a value.
 * <p>
 * The engine indexes a tenant, a CMMN case, a batch, a task-local variable's task, a variable's byte array, a
 * failure's stack trace and a decision's requirements graph on every table they can appear in. This product uses no
 * tenants, cases or requirements graphs, so those columns are empty in every row, and most variables are neither
 * task-local nor stored as bytes; a B-tree still takes an entry for each empty value. A request inserts about 34
 * variables, each into 11 indexes of {@code ACT_RU_VARIABLE}, 7 of them on empty columns, and about as many history
 * rows. Each such index here becomes the same index {@code WHERE column IS NOT NULL}, under the same name: a lookup
 * by the column ({@code = ?}, {@code IN}, a foreign key's check) is served by it as before, and an insert of a row
 * without the value no longer touches it. Only a query for the rows <em>without</em> a value could have used the
 * index before, and a column empty in every row gave it nothing to narrow.
 * <p>
 * Runs once the application is ready, on a thread of its own, on one node at a time ({@link ClusterLock#ENGINE_INDEXES};
 * the others skip it), and later starts find the indexes partial and do nothing. Each index is built
 * {@code CONCURRENTLY} beside the old one, so every node goes on writing. Such a build waits for every older
 * transaction in the database to end, a node waiting for the start lock among them; so it never runs while this node
 * holds that lock, and it gives up after {@code lock_timeout} (five minutes) of waiting rather than hold a connection
 * behind a transaction someone left open. A build interrupted between the steps leaves a {@code _sparse} index that the
 * next run finishes or removes. A failure is logged and leaves the engine's index as it was: the indexes make requests
 * cheaper, they are not needed to handle them.
 * <p>
 * It also adds one index of the same kind, {@value #LOCKED_JOBS}: the jobs some node has locked, by process instance.
 * Each job acquisition skips the exclusive jobs of an instance that has another exclusive job in progress; PostgreSQL
 * finds those by reading every row of {@code ACT_RU_JOB} into a hash once per acquisition, so an acquisition cost more
 * the more jobs were waiting (a backlog, the two timers of every request waiting for review). The locked jobs are as
 * many as the job executors' threads, and this index of them only is what the same query reads instead.
 */
@Component
class SparseEngineIndexes implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(SparseEngineIndexes.class);

    static final String SUFFIX = "_sparse";

    /** The product's index of the locked jobs, for job acquisition. */
    static final String LOCKED_JOBS = "ts_idx_job_locked_procinst";

    /** Columns no row of this product fills in, on every engine table. */
    private static final Set<String> EMPTY_EVERYWHERE = Set.of("tenant_id_", "case_inst_id_", "case_execution_id_",
            "case_exec_id_", "case_def_id_", "batch_id_", "exception_stack_id_", "job_exception_stack_id_",
            "error_details_id_", "dec_req_id_", "dec_req_key_", "root_dec_inst_id_");

    /** Columns most rows of these tables leave empty: a variable's byte array and task, a resource's deployment. */
    private static final Map<String, Set<String>> EMPTY_IN = Map.of(
            "act_ru_variable", Set.of("bytearray_id_", "task_id_"),
            "act_hi_varinst", Set.of("bytearray_id_"),
            "act_hi_detail", Set.of("bytearray_id_", "task_id_"),
            "act_ge_bytearray", Set.of("deployment_id_"));

    private final DataSource dataSource;
    private final ProcessEngine processEngine;

    SparseEngineIndexes(DataSource dataSource, ProcessEngine processEngine) {
        this.dataSource = dataSource;
        this.processEngine = processEngine;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        if (!"postgres".equals(configuration.getDatabaseType())) {
            return;
        }
        Thread thread = new Thread(this::run, "engine-indexes");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            Optional<ClusterLock.Held> held = ClusterLock.tryAcquire(dataSource, ClusterLock.ENGINE_INDEXES);
            if (held.isEmpty()) {
                return;
            }
            try {
                List<String> made = makeSparse(dataSource);
                if (!made.isEmpty()) {
                    log.info("{} of the engine's indexes now leave out rows without a value", made.size());
                    log.debug("Indexes made partial: {}", made);
                }
                if (addLockedJobsIndex(dataSource)) {
                    log.info("Job acquisition now finds the locked jobs through their own index");
                }
            } finally {
                held.get().release();
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("The engine's indexes stay as they are for now; making them partial failed: {}", e.getMessage());
        }
    }

    /**
     * Makes each full index on an empty column partial and finishes what an interrupted start left; the names of the
     * indexes it changed.
     */
    static List<String> makeSparse(DataSource dataSource) throws SQLException {
        return withLockTimeout(dataSource, SparseEngineIndexes::makeSparse);
    }

    /** Work on a statement of {@link #withLockTimeout}. */
    private interface IndexWork<T> {
        T run(Statement statement) throws SQLException;
    }

    /**
     * Runs {@code work} on a pooled connection in autocommit (which {@code CONCURRENTLY} needs), waiting at most five
     * minutes for any lock, and gives the connection back as it was. When the work fails, that failure is the one
     * reported, even if the connection can no longer reset its timeout (a connection that broke fails both).
     */
    private static <T> T withLockTimeout(DataSource dataSource, IndexWork<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("SET lock_timeout = '5min'");
            T result;
            try {
                result = work.run(statement);
            } catch (Throwable failed) {
                try {
                    statement.execute("RESET lock_timeout");
                } catch (SQLException resetFailed) {
                    failed.addSuppressed(resetFailed);
                }
                throw failed;
            }
            statement.execute("RESET lock_timeout");
            return result;
        }
    }

    private static List<String> makeSparse(Statement statement) throws SQLException {
        List<String> made = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Leftover> leftovers = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("""
                SELECT t.relname, i.relname, a.attname, pg_get_indexdef(i.oid), x.indpred IS NOT NULL,
                       x.indisunique, x.indisvalid, am.amname
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_am am ON am.oid = i.relam
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
                WHERE t.relnamespace = current_schema()::regnamespace AND t.relname LIKE 'act\\_%'
                ORDER BY t.relname, i.relname""")) {
            while (rows.next()) {
                String table = rows.getString(1);
                String index = rows.getString(2);
                names.add(index);
                if (index.endsWith(SUFFIX)) {
                    leftovers.add(new Leftover(index, rows.getBoolean(7)));
                } else if (!rows.getBoolean(5) && !rows.getBoolean(6) && "btree".equals(rows.getString(8))
                        && emptyColumn(table, rows.getString(3))) {
                    candidates.add(new Candidate(index, rows.getString(3), rows.getString(4)));
                }
            }
        }
        for (Leftover leftover : leftovers) {
            String original = leftover.name().substring(0, leftover.name().length() - SUFFIX.length());
            if (!names.contains(original) && leftover.valid()) {
                // Interrupted after the engine's index was dropped: this one replaces it.
                statement.execute("ALTER INDEX " + leftover.name() + " RENAME TO " + original);
                made.add(original);
            } else {
                statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + leftover.name());
            }
        }
        for (Candidate candidate : candidates) {
            String index = candidate.index();
            String prefix = "CREATE INDEX " + index + " ON ";
            if (!candidate.definition().startsWith(prefix)) {
                continue;
            }
            statement.execute("CREATE INDEX CONCURRENTLY " + index + SUFFIX + " ON "
                    + candidate.definition().substring(prefix.length()) + " WHERE " + candidate.column()
                    + " IS NOT NULL");
            statement.execute("DROP INDEX CONCURRENTLY " + index);
            statement.execute("ALTER INDEX " + index + SUFFIX + " RENAME TO " + index);
            made.add(index);
        }
        return made;
    }

    /**
     * Builds {@value #LOCKED_JOBS} unless it is there and valid (a build interrupted on the way leaves it invalid, and
     * it is built again); whether it built it.
     */
    static boolean addLockedJobsIndex(DataSource dataSource) throws SQLException {
        return withLockTimeout(dataSource, statement -> {
            Boolean valid = null;
            try (ResultSet rows = statement.executeQuery("SELECT x.indisvalid FROM pg_index x "
                    + "JOIN pg_class i ON i.oid = x.indexrelid "
                    + "WHERE i.relname = '" + LOCKED_JOBS + "' AND i.relnamespace = current_schema()::regnamespace")) {
                if (rows.next()) {
                    valid = rows.getBoolean(1);
                }
            }
            if (Boolean.TRUE.equals(valid)) {
                return false;
            }
            if (valid != null) {
                statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + LOCKED_JOBS);
            }
            statement.execute("CREATE INDEX CONCURRENTLY " + LOCKED_JOBS
                    + " ON act_ru_job (process_instance_id_) WHERE lock_owner_ IS NOT NULL");
            return true;
        });
    }

    private static boolean emptyColumn(String table, String column) {
        return EMPTY_EVERYWHERE.contains(column) || EMPTY_IN.getOrDefault(table, Set.of()).contains(column);
    }

    /** A {@code _sparse} index an interrupted run left, and whether PostgreSQL finished building it. */
    private record Leftover(String name, boolean valid) {
    }

    /** An engine index to make partial: its name, its first column and its definition. */
    private record Candidate(String index, String column, String definition) {
    }
}
