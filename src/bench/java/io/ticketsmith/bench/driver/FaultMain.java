package io.ticketsmith.bench.driver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The long fault run: two application nodes on one PostgreSQL database, a stub LLM and a stub Jira; requests
 * submitted to either node at a steady rate; every {@code --kill-every} seconds one node is killed with SIGKILL
 * ({@code kill -9}) and started again; optionally a Jira 429 storm. At the end it counts what every operator would
 * ask: requests lost, duplicated in Jira, incidents, accept-to-done times (p50, p95, max), LLM calls per request,
 * and calls that reached Jira while it had told a caller to wait.
 *
 * <pre>
 *   src/bench/fault.sh [--n=300] [--rate=120] [--kill-every=45] [--latency=fixed:3000]
 *                      [--storm-at=60] [--storm-seconds=60] [--storm-retry-after=20] [--label=fault]
 * </pre>
 */
public final class FaultMain {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, String> options = new LinkedHashMap<>(Map.of("n", "300", "rate", "120",
            "kill-every", "45", "latency", "fixed:3000", "storm-at", "60", "storm-seconds", "60",
            "storm-retry-after", "20", "label", "fault", "db", "ticketsmith_fault", "port", "18080"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Path workDir;
    private final String jar;
    private final Process[] nodes = new Process[2];
    private final AtomicInteger kills = new AtomicInteger();
    private final List<Long> killedAt = new ArrayList<>();
    private volatile boolean stopping;

    private FaultMain(String[] args) {
        String jarArg = null;
        for (String arg : args) {
            if (arg.startsWith("--jar=")) {
                jarArg = arg.substring("--jar=".length());
            } else if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        this.jar = jarArg;
        this.workDir = Path.of("target", "bench", "fault-" + options.get("label"));
    }

    public static void main(String[] args) throws Exception {
        System.exit(new FaultMain(args).run());
    }

    private int number(String option) {
        return Integer.parseInt(options.get(option));
    }

    int run() throws Exception {
        Files.createDirectories(workDir);
        int n = number("n");
        LlmStub llm = new LlmStub(0, LlmStub.Latency.parse(options.get("latency")));
        JiraStub jira = new JiraStub(0, 50);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("parameters", options);
        report.put("startedAt", Instant.now().toString());
        try {
            recreateDatabase();
            for (int node = 0; node < 2; node++) {
                start(node, llm, jira);
            }
            for (int node = 0; node < 2; node++) {
                waitReady(node);
            }
            long firstSent = System.currentTimeMillis();
            if (number("storm-seconds") > 0) {
                long from = firstSent + number("storm-at") * 1000L;
                jira.storm(from, from + number("storm-seconds") * 1000L, number("storm-retry-after"));
            }
            Thread killer = new Thread(() -> killEvery(llm, jira), "killer");
            killer.setDaemon(true);
            killer.start();
            int submitFailures = submitAll(n);
            log("Submitted " + n + " requests; " + submitFailures + " could not be submitted to either node");
            long deadline = System.currentTimeMillis() + 10 * 60_000;
            while (done() < n - submitFailures && System.currentTimeMillis() < deadline) {
                Thread.sleep(2000);
            }
            stopping = true;
            killer.join(5000);
            report.put("figures", figures(n, submitFailures, llm, jira));
        } finally {
            stopping = true;
            for (Process node : nodes) {
                if (node != null) {
                    node.destroy();
                }
            }
            llm.stop();
            jira.stop();
        }
        report.put("endedAt", Instant.now().toString());
        Path out = Path.of("src", "bench", "results", options.get("label") + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writeValueAsString(report));
        log("Report: " + out + "\n" + JSON.writeValueAsString(report.get("figures")));
        return 0;
    }

    private Map<String, Object> figures(int n, int submitFailures, LlmStub llm, JiraStub jira) throws SQLException {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("requests", n);
        figures.put("notSubmitted", submitFailures);
        figures.put("kills", kills.get());
        try (Connection connection = connect(options.get("db")); Statement statement = connection.createStatement()) {
            figures.put("done", count(statement, "SELECT COUNT(*) FROM ts_request WHERE status = 'DONE'"));
            figures.put("lost", n - submitFailures - count(statement, "SELECT COUNT(*) FROM ts_request WHERE status = 'DONE'"));
            figures.put("incidents", count(statement, "SELECT COUNT(*) FROM act_ru_incident"));
            List<Long> millis = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT EXTRACT(EPOCH FROM (updated_at - created_at)) * 1000 "
                    + "FROM ts_request WHERE status = 'DONE' ORDER BY 1")) {
                while (rows.next()) {
                    millis.add(rows.getLong(1));
                }
            }
            if (!millis.isEmpty()) {
                figures.put("acceptToDoneP50Ms", millis.get(millis.size() / 2));
                figures.put("acceptToDoneP95Ms", millis.get((int) Math.min(millis.size() - 1, Math.round(millis.size() * 0.95))));
                figures.put("acceptToDoneMaxMs", millis.get(millis.size() - 1));
            }
        }
        long duplicates = jira.created().values().stream().filter(count -> count > 1).count();
        figures.put("duplicatedInJira", duplicates);
        figures.put("createdInJira", jira.created().size());
        var calls = llm.calls();
        figures.put("llmCalls", calls.values().stream().mapToInt(List::size).sum());
        figures.put("requestsAnalysedMoreThanOnce", calls.values().stream().filter(list -> list.size() > 1).count());
        figures.put("jira429Answers", jira.rateLimited());
        figures.put("jiraCallsWhileToldToWait", jira.callsWhileToldToWait());
        return figures;
    }

    private int submitAll(int n) throws InterruptedException {
        long interval = 60_000L / number("rate");
        long start = System.currentTimeMillis();
        int failures = 0;
        for (int i = 0; i < n; i++) {
            long due = start + i * interval;
            long wait = due - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            String id = String.format("%06d", i);
            // A client whose node is gone tries the other: the same external id makes it the same request.
            boolean accepted = false;
            for (int attempt = 0; attempt < 6 && !accepted; attempt++) {
                accepted = submit((i + attempt) % 2, id);
                if (!accepted) {
                    Thread.sleep(500);
                }
            }
            if (!accepted) {
                failures++;
            }
        }
        return failures;
    }

    private boolean submit(int node, String id) {
        String body = "{\"text\":\"[bench-" + id + " auto] The login page of the web shop returns an error 500 since "
                + "this morning's deploy. Please file a bug for the WEB team.\",\"source\":\"api\","
                + "\"externalId\":\"bench-" + id + "\"}";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(node) + "/api/requests"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "intake:demo".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 202;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void killEvery(LlmStub llm, JiraStub jira) {
        int victim = 0;
        while (!stopping) {
            try {
                Thread.sleep(number("kill-every") * 1000L);
                if (stopping) {
                    return;
                }
                log("kill -9 node " + victim + " (pid " + nodes[victim].pid() + ")");
                nodes[victim].destroyForcibly();
                nodes[victim].waitFor();
                kills.incrementAndGet();
                killedAt.add(System.currentTimeMillis());
                start(victim, llm, jira);
                waitReady(victim);
                victim = 1 - victim;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                log("Restarting node " + victim + " failed: " + e);
            }
        }
    }

    private void start(int node, LlmStub llm, JiraStub jira) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "--add-modules", "jdk.incubator.vector", "-jar", jar,
                "--server.port=" + (number("port") + node),
                "--camunda.bpm.process-engine-name=node" + node,
                "--spring.ai.openai.base-url=http://127.0.0.1:" + llm.port(),
                "--ticketsmith.jira.base-url=http://127.0.0.1:" + jira.port(),
                "--ticketsmith.jira.flavor=cloud",
                "--ticketsmith.jira.username=bench@example.com",
                "--ticketsmith.jira.api-token=bench-token",
                "--ticketsmith.security.demo-users=true",
                "--ticketsmith.safety.allowed-projects=WEB,OPS",
                "--ticketsmith.intake.requests-per-minute=0",
                // The requests differ only in their bench id: reusing analyses would measure the cache, and the
                // knowledge index would hold them all for review as duplicates, not the failures this run is about.
                "--ticketsmith.knowledge.enabled=false",
                "--ticketsmith.models.watch=false"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("SPRING_PROFILES_ACTIVE", "postgres");
        env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/" + options.get("db"));
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("CAMUNDA_BPM_ADMIN_USER_ID", "admin");
        env.put("CAMUNDA_BPM_ADMIN_USER_PASSWORD", "bench-admin");
        env.put("TICKETSMITH_LLM_PROVIDER", "openai");
        env.put("OPENAI_API_KEY", "sk-bench-dummy");
        env.put("TICKETSMITH_MODELS_DIR", Path.of("").toAbsolutePath().toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("node" + node + ".log").toFile()));
        nodes[node] = builder.start();
    }

    private void waitReady(int node) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url(node) + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    log("Node " + node + " ready");
                    return;
                }
            } catch (IOException e) {
                // not yet listening
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Node " + node + " did not become ready; see " + workDir);
    }

    private String url(int node) {
        return "http://127.0.0.1:" + (number("port") + node);
    }

    private long done() {
        try (Connection connection = connect(options.get("db")); Statement statement = connection.createStatement()) {
            return count(statement, "SELECT COUNT(*) FROM ts_request WHERE status = 'DONE'");
        } catch (SQLException e) {
            return 0;
        }
    }

    private void recreateDatabase() throws SQLException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + options.get("db") + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + options.get("db"));
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void log(String message) {
        System.out.println(Instant.now() + " " + message);
    }
}
