package io.ticketsmith.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.ticketsmith.support.PostgresTestDatabase;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The engine's indexes on empty columns, made partial on PostgreSQL once the engine has made its schema. */
class SparseEngineIndexesIT {

    private final DriverManagerDataSource database = new DriverManagerDataSource(
            PostgresTestDatabase.fresh("ticketsmith_sparse_indexes_it"), PostgresTestDatabase.user(),
            PostgresTestDatabase.password());
    private final JdbcTemplate jdbc = new JdbcTemplate(database);
    private ProcessEngine engine;

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void theEnginesIndexesOnEmptyColumnsLeaveOutRowsWithoutAValueUnderTheirOwnNames() throws Exception {
        engine = startEngine();

        assertThat(predicate("act_idx_var_bytearray")).isEqualTo("(bytearray_id_ IS NOT NULL)");
        assertThat(predicate("act_idx_variable_tenant_id")).isEqualTo("(tenant_id_ IS NOT NULL)");
        assertThat(predicate("act_idx_variable_task_name_type")).isEqualTo("(task_id_ IS NOT NULL)");
        assertThat(predicate("act_idx_hi_var_inst_tenant_id")).isEqualTo("(tenant_id_ IS NOT NULL)");
        assertThat(predicate("act_idx_hi_dec_inst_root_id")).isEqualTo("(root_dec_inst_id_ IS NOT NULL)");
        assertThat(predicate("act_idx_bytear_depl")).isEqualTo("(deployment_id_ IS NOT NULL)");
        assertThat(columns("act_idx_variable_task_name_type")).isEqualTo("(task_id_, name_, type_)");
        assertThat(predicate("act_idx_var_exe")).as("every variable has an execution").isNull();
        assertThat(predicate("act_idx_hi_act_inst_procinst")).isNull();
        assertThat(predicate("act_uniq_variable")).as("a unique index is left alone").isNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                + "JOIN pg_class t ON t.oid = x.indrelid JOIN pg_attribute a ON a.attrelid = t.oid "
                + "AND a.attnum = x.indkey[0] WHERE t.relname LIKE 'act\\_%' AND a.attname = 'tenant_id_' "
                + "AND NOT x.indisunique AND x.indpred IS NULL", Integer.class))
                .as("full indexes on a tenant").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relname LIKE '%\\_sparse'",
                Integer.class)).isZero();
    }

    @Test
    void variablesAreWrittenAndFoundAsBeforeAndALookupByByteArrayUsesTheIndex() throws Exception {
        engine = startEngine();
        engine.getRepositoryService().createDeployment().addModelInstance("wait.bpmn",
                Bpmn.createExecutableProcess("wait").camundaHistoryTimeToLive(1).startEvent().userTask("Task_Wait")
                        .endEvent().done()).deploy();

        String instance = engine.getRuntimeService().startProcessInstanceByKey("wait", Variables.createVariables()
                .putValue("summary", "Login fails")
                .putValueTyped("analysis", Variables.byteArrayValue(new byte[] {1, 2, 3})))
                .getId();
        String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
        engine.getTaskService().setVariableLocal(task, "note", "checked");

        assertThat(engine.getTaskService().getVariablesLocal(task)).isEqualTo(Map.of("note", "checked"));
        assertThat(engine.getRuntimeService().getVariable(instance, "summary")).isEqualTo("Login fails");
        String byteArray = jdbc.queryForObject("SELECT bytearray_id_ FROM act_ru_variable WHERE name_ = 'analysis'",
                String.class);
        assertThat(byteArray).isNotNull();
        assertThat(plan("SELECT id_ FROM act_ru_variable WHERE bytearray_id_ = '" + byteArray + "'"))
                .contains("act_idx_var_bytearray");
        assertThat(plan("SELECT id_ FROM act_ru_variable WHERE task_id_ = '" + task + "' AND name_ = 'note'"))
                .containsAnyOf("act_idx_variable_task_name_type", "act_idx_variable_task_id");

        engine.getTaskService().complete(task);

        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
                .list()).extracting("name").containsExactlyInAnyOrder("summary", "analysis", "note");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM act_ru_variable", Integer.class)).isZero();
    }

    @Test
    void aLaterStartChangesNothing() throws Exception {
        engine = startEngine();

        assertThat(SparseEngineIndexes.makeSparse(database)).isEmpty();
    }

    @Test
    void aStartInterruptedAfterTheEnginesIndexWasDroppedPutsTheNewOneInItsPlace() throws Exception {
        engine = startEngine();
        jdbc.execute("DROP INDEX act_idx_var_bytearray");
        jdbc.execute("CREATE INDEX act_idx_var_bytearray_sparse ON act_ru_variable (bytearray_id_) "
                + "WHERE bytearray_id_ IS NOT NULL");

        assertThat(SparseEngineIndexes.makeSparse(database)).containsExactly("act_idx_var_bytearray");

        assertThat(predicate("act_idx_var_bytearray")).isEqualTo("(bytearray_id_ IS NOT NULL)");
        assertThat(predicate("act_idx_var_bytearray_sparse")).isNull();
    }

    @Test
    void aStartInterruptedBeforeTheEnginesIndexWasDroppedStartsOver() throws Exception {
        engine = startEngine();
        jdbc.execute("DROP INDEX act_idx_var_bytearray");
        jdbc.execute("CREATE INDEX act_idx_var_bytearray ON act_ru_variable (bytearray_id_)");
        jdbc.execute("CREATE INDEX act_idx_var_bytearray_sparse ON act_ru_variable (bytearray_id_) "
                + "WHERE bytearray_id_ IS NOT NULL");

        assertThat(SparseEngineIndexes.makeSparse(database)).containsExactly("act_idx_var_bytearray");

        assertThat(predicate("act_idx_var_bytearray")).isEqualTo("(bytearray_id_ IS NOT NULL)");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relname = 'act_idx_var_bytearray_sparse'",
                Integer.class)).isZero();
    }

    @Test
    void jobAcquisitionFindsTheLockedJobsThroughTheirOwnIndexWhateverTheNumberOfJobsWaiting() throws Exception {
        engine = startEngine();
        assertThat(predicate(SparseEngineIndexes.LOCKED_JOBS)).isEqualTo("(lock_owner_ IS NOT NULL)");
        // A backlog: 3,000 reviews' timers not yet due, and the jobs two nodes' threads are working on.
        jdbc.update("""
                INSERT INTO act_ru_job (id_, rev_, type_, exclusive_, process_instance_id_, execution_id_, retries_,
                                        duedate_, handler_type_, handler_cfg_, suspension_state_, priority_)
                SELECT 'timer-' || n, 1, 'timer', true, 'instance-' || n, 'instance-' || n, 3,
                       localtimestamp + interval '1 hour', 'timer-transition', 'Event_ReviewOverdue', 1, 0
                FROM generate_series(1, 3000) n""");
        jdbc.update("""
                INSERT INTO act_ru_job (id_, rev_, type_, exclusive_, process_instance_id_, execution_id_, retries_,
                                        handler_type_, handler_cfg_, suspension_state_, priority_, lock_owner_,
                                        lock_exp_time_)
                SELECT 'running-' || n, 2, 'message', true, 'instance-' || n, 'instance-' || n, 3,
                       'async-continuation', 'transition-notify-listener-end$Task_RedactRequest', 1, 0,
                       'node-' || (n % 2), localtimestamp + interval '1 minute'
                FROM generate_series(3001, 3020) n""");
        // Due now: one more job of each of those instances, which must wait, and jobs of instances nobody works on.
        jdbc.update("""
                INSERT INTO act_ru_job (id_, rev_, type_, exclusive_, process_instance_id_, execution_id_, retries_,
                                        handler_type_, handler_cfg_, suspension_state_, priority_)
                SELECT 'due-' || n, 1, 'message', true, 'instance-' || n, 'instance-' || n, 3,
                       'async-continuation', 'transition-create-scope$Task_ExecuteActions', 1, 0
                FROM generate_series(3001, 3020) n
                UNION ALL
                SELECT 'free-' || n, 1, 'message', true, 'instance-' || n, 'instance-' || n, 3,
                       'async-continuation', 'transition-create-scope$Task_ExecuteActions', 1, 0
                FROM generate_series(4001, 4003) n""");
        jdbc.execute("ANALYZE act_ru_job");
        long scansBefore = indexScans(SparseEngineIndexes.LOCKED_JOBS);

        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        AcquiredJobs acquired = configuration.getCommandExecutorTxRequired()
                .execute(new AcquireJobsCmd(configuration.getJobExecutor()));

        assertThat(acquired.getJobIdBatches()).flatExtracting(batch -> batch).as("only jobs of instances not at work")
                .containsExactlyInAnyOrder("free-4001", "free-4002", "free-4003");
        await("the engine's acquisition query used the index").atMost(Duration.ofSeconds(10))
                .until(() -> indexScans(SparseEngineIndexes.LOCKED_JOBS) > scansBefore);
    }

    @Test
    void theLockedJobsIndexIsBuiltOnceAndAgainWhenABuildWasInterrupted() throws Exception {
        engine = startEngine();

        assertThat(SparseEngineIndexes.addLockedJobsIndex(database)).as("a later start").isFalse();

        // What CREATE INDEX CONCURRENTLY leaves when its node stops half-way: an index PostgreSQL does not use.
        jdbc.update("UPDATE pg_index SET indisvalid = false WHERE indexrelid = ?::regclass",
                SparseEngineIndexes.LOCKED_JOBS);

        assertThat(SparseEngineIndexes.addLockedJobsIndex(database)).isTrue();
        assertThat(jdbc.queryForObject("SELECT x.indisvalid FROM pg_index x WHERE x.indexrelid = ?::regclass",
                Boolean.class, SparseEngineIndexes.LOCKED_JOBS)).isTrue();
        assertThat(predicate(SparseEngineIndexes.LOCKED_JOBS)).isEqualTo("(lock_owner_ IS NOT NULL)");
    }

    /** Index scans PostgreSQL has counted on the index; the statistics of a closed connection arrive soon after. */
    private long indexScans(String index) {
        return jdbc.queryForObject("SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = ?", Long.class,
                index);
    }

    /** The engine started as the application starts it, and the indexes made partial as when it is ready. */
    private ProcessEngine startEngine() throws Exception {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(database);
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setHistory("full");
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEngineName("sparse-indexes-" + System.nanoTime());
        ProcessEngine started = configuration.buildProcessEngine();
        assertThat(SparseEngineIndexes.makeSparse(database)).hasSizeGreaterThan(40);
        assertThat(SparseEngineIndexes.addLockedJobsIndex(database)).isTrue();
        return started;
    }

    /** The index's condition, or null for an index of every row (or none of that name). */
    private String predicate(String index) {
        List<String> predicates = jdbc.queryForList("SELECT pg_get_expr(x.indpred, x.indrelid) FROM pg_index x "
                + "JOIN pg_class i ON i.oid = x.indexrelid WHERE i.relname = ?", String.class, index);
        return predicates.isEmpty() ? null : predicates.get(0);
    }

    private String columns(String index) {
        String definition = jdbc.queryForObject("SELECT pg_get_indexdef(i.oid) FROM pg_class i WHERE i.relname = ?",
                String.class, index);
        return definition.substring(definition.indexOf('('), definition.indexOf(')') + 1);
    }

    /** The plan PostgreSQL makes when it cannot read the whole table instead, as it would on a large one. */
    private String plan(String query) throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
