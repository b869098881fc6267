package io.ticketsmith.bench.driver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * What the process engine alone needs per request on this machine: the floor under the engine-overhead and CPU
 * figures of the benchmark. It runs a process of the request's shape and nothing else, one request at a time on an
 * idle machine: the intake's transaction (start, a no-op step, an async continuation after it), the job that creates
 * the analysis task, the external task's fetch-and-lock and its completion (the analysis stored as one variable), and
 * the job that would call Jira (a no-op step) and ends the instance. No decision table, no listener, no product code,
 * no HTTP; the engine's own history handler at the chosen level, on PostgreSQL, the engine's own connection pool of
 * one connection. Each command is timed (wall, and the calling thread's CPU); the PostgreSQL backend's CPU over the
 * measured requests is read from {@code /proc}, and includes the two job lookups per request, which stand in for
 * the job acquisition the application does.
 *
 * <pre>src/bench/floor.sh [--n=2000] [--warmup=3000] [--history=full] [--variables=0] [--intake-job=true]
 *                    [--label=engine-floor]</pre>
 */
public final class EngineFloor {

    private static final String TEXT = "The login page gives a 500 since yesterday's deploy. Customers cannot sign "
            + "in, the error page shows a request id. Please make it a bug for WEB and give it to Dana. [floor]";
    private static final String ANALYSIS = "{\"summary\":\"Login page returns HTTP 500 since the last deploy\","
            + "\"category\":\"bug\",\"urgency\":\"high\",\"sentiment\":\"negative\",\"confidence\":0.95,"
            + "\"explanation\":\"The customer reports a server error on the login page after a deploy; a bug for "
            + "the web team.\",\"actions\":[{\"type\":\"CREATE_ISSUE\",\"projectKey\":\"WEB\",\"issueType\":\"Bug\","
            + "\"summary\":\"Login page returns HTTP 500 since the last deploy\",\"assignee\":\"Dana\","
            + "\"confidence\":0.95,\"labels\":[\"login\",\"regression\"]}]}";

    private EngineFloor() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Arguments are --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int n = Integer.parseInt(options.getOrDefault("n", "2000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "3000"));
        int variables = Integer.parseInt(options.getOrDefault("variables", "0"));
        String history = options.getOrDefault("history", ProcessEngineConfiguration.HISTORY_FULL);
        boolean intakeJob = Boolean.parseBoolean(options.getOrDefault("intake-job", "true"));
        String label = options.getOrDefault("label", "engine-floor");
        String database = options.getOrDefault("db", "ticketsmith_floor");
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("db must be a plain lower-case name");
        }
        String host = options.getOrDefault("pg-host", "127.0.0.1");
        String port = options.getOrDefault("pg-port", "5432");
        String user = options.getOrDefault("pg-user", "postgres");

        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                user, ""); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneProcessEngineConfiguration()
                .setJdbcUrl("jdbc:postgresql://" + host + ":" + port + "/" + database)
                .setJdbcUsername(user)
                .setJdbcPassword("")
                .setJdbcDriver("org.postgresql.Driver")
                .setJdbcMaxActiveConnections(1)
                .setJdbcMaxIdleConnections(1)
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setHistory(history)
                .setJobExecutorActivate(false);
        configuration.setMetricsEnabled(false);
        // The engine's default id generator takes its blocks of ids in a second transaction, on a second connection.
        configuration.setIdGenerator(new StrongUuidGenerator());
        // As the application: removal times set when a history row is written, not by updating every row at the end.
        configuration.setHistoryRemovalTimeStrategy(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_START);
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            engine.getRepositoryService().createDeployment().addModelInstance("floor.bpmn", model(intakeJob)).deploy();
            Map<String, Object> start = new LinkedHashMap<>();
            start.put("text", TEXT);
            for (int i = 0; i < variables; i++) {
                start.put("extra" + i, "value " + i + " of a short text");
            }
            run(engine, warmup, start, intakeJob, null);
            long backend = backendPid(configuration);
            double backendSecondsBefore = BenchMain.cpuSeconds(backend);
            long processCpuBefore = processCpuNanos();
            long wallBefore = System.nanoTime();
            Sample sample = new Sample(n);
            run(engine, n, start, intakeJob, sample);
            long wallTotal = System.nanoTime() - wallBefore;
            long processCpu = processCpuNanos() - processCpuBefore;
            double backendSeconds = BenchMain.cpuSeconds(backend) - backendSecondsBefore;
            if (backendPid(configuration) != backend) {
                throw new IllegalStateException("The pool changed its connection during the run; the PostgreSQL "
                        + "figure would miss a backend");
            }
            report(label, history, variables, intakeJob, warmup, sample, wallTotal, processCpu, backendSeconds * 1000 / n);
        } finally {
            engine.close();
        }
    }

    /**
     * The request's shape; without the intake job the start runs on to the analysis task in the intake's transaction,
     * the fewest commands a request with an external analysis and a retried Jira call can take.
     */
    private static BpmnModelInstance model(boolean intakeJob) {
        return Bpmn.createExecutableProcess("floor")
                .camundaHistoryTimeToLive(180)
                .startEvent("received")
                .serviceTask("redact").camundaExpression("${true}").camundaAsyncAfter(intakeJob)
                .serviceTask("screen").camundaExpression("${true}")
                .serviceTask("analyze").camundaExternalTask("analyze-request")
                .serviceTask("execute").camundaExpression("${true}").camundaAsyncBefore()
                .endEvent("done")
                .done();
    }

    /** Per request: wall and the thread's CPU of the five commands, in nanoseconds. */
    private record Sample(long[] wall, long[] cpu) {
        Sample(int n) {
            this(new long[n], new long[n]);
        }
    }

    private static void run(ProcessEngine engine, int count, Map<String, Object> start, boolean intakeJob,
            Sample sample) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < count; i++) {
            long wall = 0;
            long cpu = 0;
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            String instance = engine.getRuntimeService()
                    .startProcessInstanceByKey("floor", "floor-" + i, start).getId();
            wall += System.nanoTime() - t0;
            cpu += threads.getCurrentThreadCpuTime() - c0;

            String job = intakeJob ? onlyJob(engine, instance).getId() : null;
            t0 = System.nanoTime();
            c0 = threads.getCurrentThreadCpuTime();
            if (job != null) {
                engine.getManagementService().executeJob(job);
            }
            List<LockedExternalTask> tasks = engine.getExternalTaskService().fetchAndLock(1, "floor-worker")
                    .topic("analyze-request", 60_000).variables("text").execute();
            if (tasks.size() != 1 || !tasks.get(0).getProcessInstanceId().equals(instance)) {
                throw new IllegalStateException("Expected this request's analysis task, got " + tasks.size());
            }
            engine.getExternalTaskService().complete(tasks.get(0).getId(), "floor-worker",
                    Map.of("analysis", Variables.stringValue(ANALYSIS)));
            wall += System.nanoTime() - t0;
            cpu += threads.getCurrentThreadCpuTime() - c0;

            job = onlyJob(engine, instance).getId();
            t0 = System.nanoTime();
            c0 = threads.getCurrentThreadCpuTime();
            engine.getManagementService().executeJob(job);
            wall += System.nanoTime() - t0;
            cpu += threads.getCurrentThreadCpuTime() - c0;
            if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count() != 0) {
                throw new IllegalStateException("Request " + i + " did not end");
            }
            if (sample != null) {
                sample.wall()[i] = wall;
                sample.cpu()[i] = cpu;
            }
        }
    }

    private static Job onlyJob(ProcessEngine engine, String instance) {
        List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(instance).list();
        if (jobs.size() != 1) {
            throw new IllegalStateException("Expected one job of " + instance + ", found " + jobs.size());
        }
        return jobs.get(0);
    }

    private static long backendPid(ProcessEngineConfigurationImpl configuration) throws Exception {
        try (Connection connection = configuration.getDataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void report(String label, String history, int variables, boolean intakeJob, int warmup,
            Sample sample,
            long wallTotal, long processCpu, double backendMsPerRequest) throws Exception {
        int n = sample.wall().length;
        long[] wall = sample.wall().clone();
        long[] cpu = sample.cpu().clone();
        Arrays.sort(wall);
        Arrays.sort(cpu);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("requests", n);
        figures.put("warmupRequests", warmup);
        figures.put("historyLevel", history);
        figures.put("extraVariables", variables);
        figures.put("commands", intakeJob ? 5 : 4);
        figures.put("commandsWallMsP50", ms(wall[n / 2]));
        figures.put("commandsWallMsP95", ms(wall[(int) (n * 0.95)]));
        figures.put("commandsWallMsMean", ms(Arrays.stream(wall).sum() / n));
        figures.put("commandsThreadCpuMsP50", ms(cpu[n / 2]));
        figures.put("commandsThreadCpuMsMean", ms(Arrays.stream(cpu).sum() / n));
        figures.put("jvmCpuMsPerRequest", ms(processCpu / n));
        figures.put("postgresCpuMsPerRequest", Math.round(backendMsPerRequest * 100) / 100.0);
        figures.put("requestsPerSecondOneAtATime", Math.round(n / (wallTotal / 1e9) * 10) / 10.0);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("label", label);
        result.put("what", "The process engine alone, a process of the request's shape (five commands: start with an "
                + "async continuation, the job creating the external task, fetch-and-lock, complete, the last job; four "
                + "without the intake job), "
                + "one request at a time on an idle machine, PostgreSQL on this machine");
        result.put("figures", figures);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
        Path out = Path.of("src/bench/results", label + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json + "\n");
        System.out.println(json);
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
