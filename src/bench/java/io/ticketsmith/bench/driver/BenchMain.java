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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The benchmark driver: starts the stubs, a fresh database and the application, sends the requests, completes the
 * reviews, waits until every request has finished, collects the figures and writes the report.
 */
public final class BenchMain {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String REVIEW_TASK = "Task_ReviewProposedActions";

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(16, daemon("driver-http")))
            .build();
    private final String appUrl;
    private final Path workDir;

    private Process app;
    private long appPid;
    private final List<Map<String, Object>> samples = new CopyOnWriteArrayList<>();
    private final Map<String, Submission> submissions = new ConcurrentHashMap<>();
    private final Map<String, Submission> warmups = new ConcurrentHashMap<>();
    private Thread reviewer;
    private final AtomicInteger submitErrors = new AtomicInteger();
    private final List<String> submitErrorSamples = new CopyOnWriteArrayList<>();
    private final AtomicInteger reviewsCompleted = new AtomicInteger();
    private final AtomicInteger reviewErrors = new AtomicInteger();
    private final List<String> reviewErrorSamples = new CopyOnWriteArrayList<>();
    private final AtomicLong reviewLatencyNanos = new AtomicLong();
    private volatile boolean stopBackground;
    private Map<String, Long> tableGrowth = Map.of();
    private final List<Map<String, Object>> walTimeline = new CopyOnWriteArrayList<>();
    /**
     * The WAL the server wrote during the measured requests, with its records, full-page images, flushes and
     * checkpoints (the whole server's, and only the bench writes to it).
     */
    private WalActivity walActivity = new WalActivity(0, 0, 0, 0, 0, 0);
    private String autovacuumDescription = "";
    private final AtomicInteger vacuumRuns = new AtomicInteger();
    private final AtomicInteger analyseRuns = new AtomicInteger();
    private Connection progressConnection;
    private volatile long progressBackendPid;
    private volatile long autovacuumBackendPid;

    /**
     * One request as the driver sent it; times in epoch milliseconds. A near-duplicate names the bench id of the
     * ticket it repeats, what was changed and how long after the original it was sent.
     */
    record Submission(String benchId, boolean auto, long sentAt, long acceptedAt, int status, String requestId,
            String processInstanceId, String duplicateOf, List<Tickets.Variation> variations, long originalAgeMillis) {

        boolean nearDuplicate() {
            return duplicateOf != null;
        }
    }

    /** What the submitting loop sends next: the text after the marker, and for a near-duplicate its original. */
    private record Outgoing(Tickets.Ticket ticket, String duplicateOf, long originalAgeMillis) {
    }

    /** A distinct ticket as sent, for near-duplicates to repeat. */
    private record Sent(String benchId, boolean auto, Tickets.Ticket ticket, long at) {
    }

    private final Tickets tickets = new Tickets();
    private final java.util.Random originals = new java.util.Random(7);
    private final List<Sent> distinctSent = new ArrayList<>();
    private Map<String, Double> cacheCountersAfterWarmup = Map.of();

    BenchMain(Options options) {
        this.options = options;
        this.appUrl = "http://127.0.0.1:" + options.appPort;
        this.workDir = Path.of(options.workDir, options.label);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        int exit = new BenchMain(options).run();
        System.exit(exit);
    }

    int run() throws Exception {
        Files.createDirectories(workDir);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("label", options.label);
        report.put("startedAt", Instant.now().toString());
        report.put("parameters", options.describe());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("uptimeAtStart", uptime());
        report.put("machine", machine);
        log("Load at start: " + uptime());

        LlmStub llm = new LlmStub(options.llmPort, LlmStub.Latency.parse(options.latency));
        JiraStub jira = new JiraStub(options.jiraPort, options.jiraLatencyMillis);
        try {
            recreateDatabase();
            Path models = prepareModels();
            long launched = System.currentTimeMillis();
            startApp(models);
            waitUntilReady();
            double startupSeconds = (System.currentTimeMillis() - launched) / 1000.0;
            log("Application ready after " + startupSeconds + " s (pid " + appPid + ")");

            Thread vacuum = startAutovacuum();
            recordCallsEarlierToday();
            warmUp(llm);
            if (options.checkpointAtStart) {
                checkpoint();
            }
            long dbSizeBefore = databaseSize();
            Map<String, Long> tablesBefore = tableSizes();
            WalActivity walActivityBefore = walActivity();
            Cpu cpuBefore = cpu();
            Thread sampler = background("sampler", this::sample);
            Thread walSampler = background("wal-sampler", this::sampleWal);

            long firstSent = System.currentTimeMillis();
            submitAll(llm);
            long lastSent = System.currentTimeMillis();
            log("Submitted " + options.n + " requests in " + (lastSent - firstSent) / 1000.0 + " s");
            boolean finished = waitUntilFinished();
            long waited = System.currentTimeMillis();
            Cpu cpuAfter = cpu();
            long dbSizeAfter = databaseSize();
            tableGrowth = growth(tablesBefore, tableSizes());
            walActivity = walActivity().since(walActivityBefore);
            stopBackground = true;
            sampler.join(5000);
            walSampler.join(15_000);
            if (vacuum != null) {
                vacuum.join(120_000);
            }
            machine.put("autovacuum", autovacuumDescription + (vacuum == null ? "" : "; " + vacuumRuns.get()
                    + " VACUUM and " + analyseRuns.get()
                    + " ANALYZE runs from the application's start to the end of the run"));
            reviewer.join(5000);
            Thread.sleep(500);

            Map<String, Object> engine = engineState();
            long incidentsRest = incidentCountByRest();
            Map<String, Object> cache = cacheState();
            stopApp();
            machine.put("uptimeAtEnd", uptime());
            log("Load at end: " + uptime());

            JsonNode probe = readProbe();
            report.put("finishedInTime", finished);
            report.put("startupSeconds", startupSeconds);
            report.put("figures", figures(llm, jira, probe, engine, cache, firstSent, lastSent, waited, cpuBefore,
                    cpuAfter, dbSizeAfter - dbSizeBefore, incidentsRest));
        } finally {
            stopApp();
            llm.stop();
            jira.stop();
            closeProgressConnection();
        }
        report.put("endedAt", Instant.now().toString());
        write(report);
        return 0;
    }

    // ---------------------------------------------------------------- set-up

    private void recreateDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(pgUrl("postgres"), options.pgUser, "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + options.database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + options.database);
        }
        log("Database " + options.database + " recreated");
    }

    private String pgUrl(String database) {
        return "jdbc:postgresql://" + options.pgHost + ":" + options.pgPort + "/" + database;
    }

    /**
     * The model folders as the application reads them, copied so the run is isolated from edits. In the baseline
     * the analysis becomes a blocking service task on the job executor; nothing else changes.
     */
    private Path prepareModels() throws IOException {
        Path models = workDir.resolve("models");
        for (String folder : List.of("processes", "dmn", "forms")) {
            Path target = models.resolve(folder);
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        // The benchmark's tickets are one text again and again, or repeats on purpose: the guardrails' possible-duplicate
        // rule would send every one to review, and the run would measure reviews instead of the AUTO share it asks for.
        Path guardrails = models.resolve("dmn/guardrails.dmn");
        String table = Files.readString(guardrails);
        java.util.regex.Matcher duplicateRule = java.util.regex.Pattern.compile(
                "(<inputEntry id=\"InputEntry_PossibleDuplicateToReview_Duplicate\">\\s*<text>)[^<]*(</text>)")
                .matcher(table);
        if (!duplicateRule.find()) {
            throw new IllegalStateException("The possible-duplicate rule in " + guardrails + " is not as expected");
        }
        Files.writeString(guardrails, duplicateRule.replaceFirst("$1&gt; 1$2"));
        log("Guardrails: the possible-duplicate rule never matches in this run");
        if (options.baseline) {
            Path bpmn = models.resolve("processes/handle-request.bpmn");
            String model = Files.readString(bpmn);
            String external = "<serviceTask camunda:topic=\"analyze-request\" camunda:type=\"external\" "
                    + "id=\"Task_AnalyzeRequest\"";
            if (!model.contains(external)) {
                throw new IllegalStateException("The analysis task in " + bpmn + " is not the expected external task");
            }
            Files.writeString(bpmn, model.replace(external, "<serviceTask camunda:asyncBefore=\"true\" "
                    + "camunda:delegateExpression=\"${benchAnalyzeDelegate}\" id=\"Task_AnalyzeRequest\""));
            log("Baseline: Task_AnalyzeRequest is a blocking service task on the job executor");
        }
        if (options.extraVariables > 0) {
            addExtraVariables(models.resolve("processes/handle-request.bpmn"), options.extraVariables);
        }
        return models;
    }

    /**
     * Gives every request {@code count} more process variables, each a short text like the analysis' category or
     * summary, set when Task_RedactRequest ends and kept until the request ends, as the model's own are: runs with and
     * without them show what one process variable costs a request in CPU, statements and storage.
     */
    private void addExtraVariables(Path bpmn, int count) throws IOException {
        String model = Files.readString(bpmn);
        java.util.regex.Matcher task = java.util.regex.Pattern.compile(
                "(<serviceTask [^>]*id=\"Task_RedactRequest\"[^>]*>)(\\s*)(<incoming>)").matcher(model);
        if (!task.find()) {
            throw new IllegalStateException("Task_RedactRequest in " + bpmn + " is not as expected (it has extension "
                    + "elements or no incoming flow)");
        }
        StringBuilder outputs = new StringBuilder("<extensionElements><camunda:inputOutput>");
        for (int i = 1; i <= count; i++) {
            outputs.append("<camunda:outputParameter name=\"benchExtra").append(i)
                    .append("\">extra variable ").append(i).append(" of a short text, as a category or a summary")
                    .append("</camunda:outputParameter>");
        }
        outputs.append("</camunda:inputOutput></extensionElements>");
        Files.writeString(bpmn, task.replaceFirst(java.util.regex.Matcher.quoteReplacement(task.group(1) + task.group(2)
                + outputs + task.group(2) + task.group(3))));
        log("Every request gets " + count + " more process variables from Task_RedactRequest's output mapping");
    }

    private void startApp(Path models) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options.appJvmOpts.trim().split("\\s+")));
        command.addAll(List.of("-jar", options.jar,
                "--server.port=" + options.appPort,
                "--spring.ai.openai.base-url=http://127.0.0.1:" + options.llmPort,
                "--ticketsmith.jira.base-url=http://127.0.0.1:" + options.jiraPort,
                "--ticketsmith.jira.flavor=cloud",
                "--ticketsmith.jira.username=bench@example.com",
                "--ticketsmith.jira.api-token=bench-token",
                "--ticketsmith.security.demo-users=true",
                // The stub Jira's project; the guardrails let actions run automatically only in allowed projects.
                "--ticketsmith.safety.allowed-projects=WEB,OPS",
                "--ticketsmith.llm.max-concurrency=" + options.concurrency,
                // One client submits the whole load; the per-user limit would measure itself.
                "--ticketsmith.intake.requests-per-minute=0",
                "--ticketsmith.bench.report-file=" + workDir.resolve("probe.json").toAbsolutePath()));
        if (options.nearDuplicates == 0) {
            // The requests differ only in their bench id: reusing analyses would measure the cache, not the pipeline.
            command.add("--ticketsmith.knowledge.cache.enabled=false");
        }
        command.addAll(options.appArgs);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("SPRING_PROFILES_ACTIVE", "postgres");
        env.put("SPRING_DATASOURCE_URL", pgUrl(options.database));
        env.put("SPRING_DATASOURCE_USERNAME", options.pgUser);
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("CAMUNDA_BPM_ADMIN_USER_ID", "admin");
        env.put("CAMUNDA_BPM_ADMIN_USER_PASSWORD", "bench-admin");
        env.put("TICKETSMITH_LLM_PROVIDER", "openai");
        env.put("OPENAI_API_KEY", "sk-bench-dummy");
        env.put("TICKETSMITH_MODELS_DIR", models.toAbsolutePath().toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(workDir.resolve("app.log").toFile());
        app = builder.start();
        appPid = app.pid();
    }

    private void waitUntilReady() throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("The application stopped during start-up; see " + workDir.resolve("app.log"));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(appUrl
                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The application was not ready within 180 s");
    }

    private void stopApp() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroy();
            if (!app.waitFor(90, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    // ---------------------------------------------------------------- load

    /**
     * The JIT compiles the hot paths while the first requests run; those are sent first, at the run's rate, and
     * waited for, so the measured run sees a warm application, as a node that has run for a while is. After 100
     * requests the compiler threads were still busy and the measured run at 1,200/min used 20 % more application
     * CPU than after 1,000 ({@code --warmup}); the report shows the compiler threads' CPU during the run. The
     * warm-up requests are kept apart and checked for loss like the others, but not counted in any figure.
     */
    private void warmUp(LlmStub llm) throws Exception {
        reviewer = background("reviewer", this::completeReviews);
        if (options.warmup <= 0) {
            return;
        }
        log("Warming up with " + options.warmup + " requests");
        submitBatch(900_001, options.warmup, warmups, llm);
        long deadline = System.currentTimeMillis() + options.timeoutMinutes * 60_000L;
        while (endedCount() < warmups.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        log("Warm-up finished");
        if (options.settleSeconds > 0) {
            log("Waiting " + options.settleSeconds + " s before the measured run");
            Thread.sleep(options.settleSeconds * 1000L);
        }
        cacheCountersAfterWarmup = cacheCounters();
    }

    /**
     * Puts {@code --calls-earlier-today} LLM calls of today into the cost ledger, as the application records them (with
     * the day's and the minute's running totals where its schema has them), so a run measures the end of a busy day:
     * 1,440,000 is a day at 1,000 requests a minute.
     */
    private void recordCallsEarlierToday() throws SQLException {
        if (options.callsEarlierToday <= 0) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(pgUrl(options.database), options.pgUser, "");
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO ts_llm_usage (id, called_at, usage_day, request_id, provider, model, "
                    + "prompt_tokens, completion_tokens, cost_usd, outcome) SELECT 'earlier-' || g, "
                    + "date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', (now() AT TIME ZONE 'UTC')::date, "
                    + "'earlier-' || g, 'openai', 'gpt-4o-mini', 900, 200, 0.000255, 'success' "
                    + "FROM generate_series(1, " + options.callsEarlierToday + ") g");
            if (queryLong("SELECT count(*) FROM information_schema.tables WHERE table_name = 'ts_llm_spend_day'") > 0) {
                statement.execute("INSERT INTO ts_llm_spend_day (usage_day, cost_usd, calls) SELECT "
                        + "(now() AT TIME ZONE 'UTC')::date, " + options.callsEarlierToday + " * 0.000255, "
                        + options.callsEarlierToday);
            }
            if (queryLong("SELECT count(*) FROM information_schema.tables WHERE table_name = 'ts_llm_tokens_minute'") > 0) {
                // All of them in the day's first minute, as their called_at says.
                statement.execute("INSERT INTO ts_llm_tokens_minute (minute_start, tokens) SELECT "
                        + "date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', " + options.callsEarlierToday
                        + " * 1100");
            }
            statement.execute("ANALYZE ts_llm_usage");
        }
        log("Recorded " + options.callsEarlierToday + " LLM calls earlier today");
    }

    /**
     * The finished requests, counted four times a second while requests run. One connection does it for the whole
     * run (a new backend for each count would fork a PostgreSQL process four times a second), and its backend is left
     * out of PostgreSQL's CPU figure: the count is the benchmark's, not the application's (its CPU is reported as the
     * driver's progress queries).
     */
    private long endedCount() throws SQLException {
        synchronized (this) {
            if (progressConnection == null || progressConnection.isClosed()) {
                progressConnection = DriverManager.getConnection(pgUrl(options.database), options.pgUser, "");
                progressBackendPid = count(progressConnection, "SELECT pg_backend_pid()");
            }
            return count(progressConnection, "SELECT count(*) FROM act_hi_procinst "
                    + "WHERE proc_def_key_ = 'handle-request' AND end_time_ IS NOT NULL");
        }
    }

    private synchronized void closeProgressConnection() {
        try {
            if (progressConnection != null) {
                progressConnection.close();
            }
        } catch (SQLException e) {
            log("Closing the progress connection: " + e.getMessage());
        }
    }

    private void submitAll(LlmStub llm) throws InterruptedException {
        submitBatch(1, options.n, submissions, llm);
    }

    /**
     * Sends {@code count} requests at the run's rate. With near-duplicates (measured run only), their share is spread
     * evenly over the run, each repeating a distinct ticket whose LLM answer the stub gave at least
     * {@code near-duplicate-min-age} seconds before, so that its analysis has been kept for reuse. (Sent at a fixed
     * age instead, an original still waiting for a free LLM slot would reuse its repeat's analysis.) Until the first
     * ticket is answered, and whenever none is, the repeats due are sent later.
     */
    private void submitBatch(int firstId, int count, Map<String, Submission> into, LlmStub llm)
            throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(32, daemon("submit"));
        long start = System.nanoTime();
        boolean measured = into == submissions;
        double rate = measured ? options.ratePerMinute : options.warmupRate();
        double interval = rate <= 0 ? 0 : 60_000_000_000.0 / rate;
        double next = 0;
        double autoCredit = 0;
        double duplicateShare = measured ? options.nearDuplicates : 0;
        double duplicateCredit = 0;
        List<Sent> answered = new ArrayList<>();
        int checked = 0;
        for (int i = firstId; i < firstId + count; i++) {
            long wait = start + (long) next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            // Spread the AUTO share evenly over the run rather than at random, so every run has the same mix.
            autoCredit += options.autoShare;
            boolean auto = autoCredit >= 1.0 - 1e-9;
            if (auto) {
                autoCredit -= 1.0;
            }
            String benchId = String.format("%06d", i);
            long now = System.currentTimeMillis();
            Outgoing outgoing = null;
            duplicateCredit += duplicateShare;
            if (duplicateCredit >= 1.0 - 1e-9) {
                // Tickets are answered roughly in order: look again only at those not yet seen answered.
                long answeredBefore = now - options.nearDuplicateMinAgeSeconds * 1000L;
                for (int k = checked; k < distinctSent.size(); k++) {
                    Sent candidate = distinctSent.get(k);
                    if (candidate != null && answeredBy(llm, candidate.benchId(), answeredBefore)) {
                        answered.add(candidate);
                        distinctSent.set(k, null);
                    }
                }
                while (checked < distinctSent.size() && distinctSent.get(checked) == null) {
                    checked++;
                }
            }
            if (duplicateCredit >= 1.0 - 1e-9 && !answered.isEmpty()) {
                duplicateCredit -= 1.0;
                Sent original = answered.get(originals.nextInt(answered.size()));
                // The same ticket again is answered alike: its route is the original's.
                auto = original.auto();
                outgoing = new Outgoing(tickets.nearDuplicateOf(original.ticket()), original.benchId(),
                        now - original.at());
            } else if (options.nearDuplicates > 0) {
                Tickets.Ticket ticket = tickets.distinct();
                outgoing = new Outgoing(ticket, null, 0);
                if (measured) {
                    distinctSent.add(new Sent(benchId, auto, ticket, now));
                }
            }
            boolean route = auto;
            Outgoing sending = outgoing;
            senders.execute(() -> submit(benchId, route, sending, into));
            next += options.poisson ? -Math.log(1 - ThreadLocalRandom.current().nextDouble()) * interval : interval;
        }
        senders.shutdown();
        senders.awaitTermination(10, TimeUnit.MINUTES);
    }

    private static boolean answeredBy(LlmStub llm, String benchId, long time) {
        List<LlmStub.Call> calls = llm.calls().get(benchId);
        if (calls == null) {
            return false;
        }
        synchronized (calls) {
            return calls.stream().anyMatch(call -> call.endedAt() <= time);
        }
    }

    private void submit(String benchId, boolean auto, Outgoing outgoing, Map<String, Submission> into) {
        String marker = "[bench-" + benchId + " " + (auto ? "auto" : "review") + "] ";
        String text = outgoing == null ? marker + "The login page of the web shop "
                + "returns an error 500 since this morning's deploy, for about a third of our users. "
                + "Please file a bug for the WEB team." : marker + outgoing.ticket().body();
        Map<String, Object> body = Map.of("text", text, "source", "api", "reporter", "bench",
                "externalId", "bench-" + benchId);
        long sent = System.currentTimeMillis();
        try {
            HttpResponse<String> response = http.send(post("/api/requests", "intake", "demo",
                    JSON.writeValueAsString(body)), HttpResponse.BodyHandlers.ofString());
            long accepted = System.currentTimeMillis();
            if (response.statusCode() != 202) {
                error(submitErrors, submitErrorSamples, "submit " + benchId + ": " + response.statusCode() + " "
                        + response.body());
                return;
            }
            JsonNode answer = JSON.readTree(response.body());
            into.put(benchId, new Submission(benchId, auto, sent, accepted, response.statusCode(),
                    answer.path("id").asText(), answer.path("processInstanceId").asText(),
                    outgoing == null ? null : outgoing.duplicateOf(),
                    outgoing == null ? List.of() : outgoing.ticket().variations(),
                    outgoing == null ? 0 : outgoing.originalAgeMillis()));
        } catch (IOException | InterruptedException e) {
            error(submitErrors, submitErrorSamples, "submit " + benchId + ": " + e);
        }
    }

    /** Reviewers approve what they are shown, as soon as they see it (after the configured delay). */
    private void completeReviews() {
        Set<String> done = new HashSet<>();
        while (!stopBackground) {
            try {
                HttpResponse<String> response = http.send(get("/engine-rest/task?processDefinitionKey=handle-request"
                        + "&taskDefinitionKey=" + REVIEW_TASK + "&sortBy=created&sortOrder=asc&maxResults=200",
                        "reviewer", "demo"), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    error(reviewErrors, reviewErrorSamples, "task list: " + response.statusCode() + " "
                            + response.body());
                } else {
                    for (JsonNode task : JSON.readTree(response.body())) {
                        String id = task.path("id").asText();
                        if (done.contains(id)) {
                            continue;
                        }
                        if (options.reviewDelayMillis > 0) {
                            Instant created = java.time.OffsetDateTime.parse(task.path("created").asText(),
                                    java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"))
                                    .toInstant();
                            if (created.plusMillis(options.reviewDelayMillis).isAfter(Instant.now())) {
                                continue;
                            }
                        }
                        long started = System.nanoTime();
                        HttpResponse<String> completed = http.send(post("/engine-rest/task/" + id + "/complete",
                                "reviewer", "demo", "{\"variables\":{\"reviewDecision\":{\"value\":\"approve\","
                                        + "\"type\":\"String\"}}}"), HttpResponse.BodyHandlers.ofString());
                        reviewLatencyNanos.addAndGet(System.nanoTime() - started);
                        if (completed.statusCode() == 204) {
                            done.add(id);
                            reviewsCompleted.incrementAndGet();
                        } else {
                            error(reviewErrors, reviewErrorSamples, "complete " + id + ": " + completed.statusCode()
                                    + " " + completed.body());
                            done.add(id);
                        }
                    }
                }
                Thread.sleep(options.reviewPollMillis);
            } catch (IOException e) {
                error(reviewErrors, reviewErrorSamples, "review: " + e);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean waitUntilFinished() throws Exception {
        long deadline = System.currentTimeMillis() + options.timeoutMinutes * 60_000L;
        long lastLog = 0;
        while (System.currentTimeMillis() < deadline) {
            long ended = endedCount() - warmups.size();
            if (System.currentTimeMillis() - lastLog > 10_000) {
                log("finished " + ended + " / " + submissions.size() + " accepted");
                lastLog = System.currentTimeMillis();
            }
            if (ended >= submissions.size() && !submissions.isEmpty()) {
                return true;
            }
            Thread.sleep(250);
        }
        log("Timed out waiting for the requests to finish");
        return false;
    }

    // ---------------------------------------------------------------- measurements

    /** Heap, CPU, pool and threads from the actuator, and the resident size from /proc. */
    private void sample() {
        while (!stopBackground) {
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("at", System.currentTimeMillis());
            sample.put("heapUsedMb", metric("jvm.memory.used?tag=area:heap") / 1024 / 1024);
            sample.put("processCpu", metric("process.cpu.usage"));
            sample.put("systemCpu", metric("system.cpu.usage"));
            sample.put("hikariActive", metric("hikaricp.connections.active"));
            sample.put("hikariPending", metric("hikaricp.connections.pending"));
            sample.put("threads", metric("jvm.threads.live"));
            sample.put("rssMb", rssMb());
            samples.add(sample);
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The server's WAL and checkpoints through the measured run, every 10 s, cumulative from its start: how the
     * full-page images follow each checkpoint. One connection to the maintenance database for the whole run, so its
     * backend counts as PostgreSQL's other processes, not as the application's.
     */
    private void sampleWal() {
        long start = System.currentTimeMillis();
        try (Connection connection = DriverManager.getConnection(pgUrl("postgres"), options.pgUser, "")) {
            WalActivity atStart = null;
            while (!stopBackground) {
                WalActivity now = walActivity(connection);
                if (atStart == null) {
                    atStart = now;
                }
                WalActivity since = now.since(atStart);
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("seconds", (System.currentTimeMillis() - start) / 1000);
                point.put("submitted", submissions.size());
                point.put("walBytes", since.bytes());
                point.put("walRecords", since.records());
                point.put("fullPageImages", since.fullPageImages());
                point.put("walFlushes", since.flushes());
                point.put("checkpoints", since.checkpoints());
                point.put("checkpointPages", since.checkpointPages());
                walTimeline.add(point);
                Thread.sleep(10_000);
            }
        } catch (SQLException e) {
            log("WAL sampling stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Where all of the machine's CPU went during the measured run, in ms per request: the application and its
     * PostgreSQL backends (the figures above), PostgreSQL's other processes, this driver with its stubs, its progress
     * count, and the rest (the operating system and anything else running).
     */
    private static Map<String, Object> machineCpu(Cpu before, Cpu after, double appCpu, double dbCpu, int accepted) {
        Map<String, Object> machine = new LinkedHashMap<>();
        if (accepted == 0) {
            return machine;
        }
        double runSeconds = (after.at() - before.at()) / 1000.0;
        double busy = after.others().machineBusySeconds() - before.others().machineBusySeconds();
        double driver = after.others().driverSeconds() - before.others().driverSeconds();
        double progress = after.others().progressQuerySeconds() - before.others().progressQuerySeconds();
        double postgresOther = after.others().postgresOtherSeconds() - before.others().postgresOtherSeconds();
        machine.put("available", Stats.round(runSeconds * Runtime.getRuntime().availableProcessors() * 1000 / accepted));
        machine.put("busy", Stats.round(busy * 1000 / accepted));
        machine.put("application", Stats.round(appCpu * 1000 / accepted));
        machine.put("postgresqlBackends", Stats.round(dbCpu * 1000 / accepted));
        machine.put("postgresqlOtherProcesses", Stats.round(postgresOther * 1000 / accepted));
        machine.put("driverAndStubs", Stats.round(driver * 1000 / accepted));
        machine.put("driverProgressQuery", Stats.round(progress * 1000 / accepted));
        machine.put("rest", Stats.round((busy - appCpu - dbCpu - postgresOther - driver - progress) * 1000 / accepted));
        return machine;
    }

    private double metric(String name) {
        try {
            HttpResponse<String> response = http.send(get("/actuator/metrics/" + name, "operator", "demo"),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Double.NaN;
            }
            return JSON.readTree(response.body()).path("measurements").path(0).path("value").asDouble(Double.NaN);
        } catch (IOException | InterruptedException e) {
            return Double.NaN;
        }
    }

    private double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + appPid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // process gone
        }
        return Double.NaN;
    }

    /**
     * CPU seconds used so far by the application and by the PostgreSQL backends serving the bench database.
     *
     * @param databaseAutovacuumSeconds the part of {@code databaseSeconds} the emulated autovacuum's backend used (0
     *        when the driver does not emulate it)
     * @param threads the application's live threads by thread id; empty when they could not be read
     */
    record Cpu(long at, double appSeconds, double databaseSeconds, double databaseAutovacuumSeconds,
            Map<Long, ThreadCpu> threads, Others others) {

        /**
         * CPU seconds each group of {@link #THREAD_GROUPS} used since {@code before}, thread by thread: a thread that
         * was live at both times counts its difference, one started since counts all of its time, and one that ended
         * since counts in no group (its share is the process's CPU less the groups'). Empty when either time's
         * threads could not be read.
         */
        Map<String, Double> groupSecondsSince(Cpu before) {
            if (threads.isEmpty() || before.threads().isEmpty()) {
                return Map.of();
            }
            Map<String, Double> seconds = new LinkedHashMap<>();
            THREAD_GROUPS.keySet().forEach(group -> seconds.put(group, 0.0));
            seconds.put("otherLiveThreads", 0.0);
            threads.forEach((id, thread) -> {
                ThreadCpu earlier = before.threads().get(id);
                double since = earlier == null || !earlier.group().equals(thread.group())
                        ? thread.seconds() : thread.seconds() - earlier.seconds();
                seconds.merge(thread.group(), since, Double::sum);
            });
            return seconds;
        }
    }

    /** One live thread's group (see {@link #THREAD_GROUPS}) and the CPU seconds it has used. */
    record ThreadCpu(String group, double seconds) {
    }

    /**
     * The rest of the machine's CPU seconds, so that a run's CPU can be accounted for: this driver's process (the
     * request senders, the reviewer, the LLM and Jira stubs, the sampling), its progress count's PostgreSQL backend,
     * PostgreSQL's other processes (its WAL writer, checkpointer and background writer, and backends of other
     * databases), and the machine's busy time in all (user, nice, system, interrupts and steal from /proc/stat).
     */
    record Others(double driverSeconds, double progressQuerySeconds, double postgresOtherSeconds,
            double machineBusySeconds) {
    }

    private Cpu cpu() {
        double app = cpuSeconds(appPid);
        double database = 0;
        double autovacuum = 0;
        double progress = 0;
        double postgresOther = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String commandLine = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
                    if (!commandLine.startsWith("postgres")) {
                        continue;
                    }
                    long pid = Long.parseLong(process.getFileName().toString());
                    double seconds = cpuSeconds(pid);
                    if (pid == progressBackendPid) {
                        progress += seconds;
                    } else if (commandLine.startsWith("postgres: ")
                            && commandLine.contains(" " + options.database + " ")) {
                        database += seconds;
                        if (pid == autovacuumBackendPid) {
                            autovacuum += seconds;
                        }
                    } else {
                        postgresOther += seconds;
                    }
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            database = Double.NaN;
        }
        Others others = new Others(cpuSeconds(ProcessHandle.current().pid()), progress, postgresOther,
                machineBusySeconds());
        return new Cpu(System.currentTimeMillis(), app, database, autovacuum, threadCpu(appPid), others);
    }

    /** The machine's busy CPU seconds since boot, all cores: /proc/stat's first line less idle and I/O wait. */
    private static double machineBusySeconds() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] fields = lines.findFirst().orElseThrow().trim().split("\\s+");
            long busy = 0;
            // cpu user nice system idle iowait irq softirq steal (guest time is already in user)
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[i]);
            }
            return busy / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The application's threads by what they do, as their names (at most 15 characters in /proc) tell. */
    private static final Map<String, Pattern> THREAD_GROUPS = threadGroups();

    private static Map<String, Pattern> threadGroups() {
        Map<String, Pattern> groups = new LinkedHashMap<>();
        groups.put("analysisWorkers", Pattern.compile("llm-analysis-\\d+"));
        groups.put("jobExecutor", Pattern.compile("camundaTaskExec.*|JobExecutor.*"));
        groups.put("httpRequests", Pattern.compile("http-nio-.*"));
        groups.put("knowledgeIndexing", Pattern.compile("knowledge-.*"));
        groups.put("outboundHttpClients", Pattern.compile("HttpClient-.*|http-client-.*"));
        // Not jvm.compilation.time: that is elapsed time, which grows while a compiler thread waits for a core.
        groups.put("jitCompilers", Pattern.compile("C\\d CompilerThre.*"));
        groups.put("garbageCollector", Pattern.compile("GC Thread.*|G1 .*|VM Thread"));
        return groups;
    }

    /** CPU time of the application's live threads, with the group of {@link #THREAD_GROUPS} each belongs to. */
    private static Map<Long, ThreadCpu> threadCpu(long pid) {
        Map<Long, ThreadCpu> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path thread : tasks.toList()) {
                try {
                    String name = Files.readString(thread.resolve("comm")).strip();
                    String group = THREAD_GROUPS.entrySet().stream()
                            .filter(entry -> entry.getValue().matcher(name).matches()).map(Map.Entry::getKey)
                            .findFirst().orElse("otherLiveThreads");
                    threads.put(Long.parseLong(thread.getFileName().toString()),
                            new ThreadCpu(group, cpuSeconds(thread.resolve("stat"))));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return threads;
    }

    /** utime + stime of a local process, in seconds; 0 if it is gone. */
    static double cpuSeconds(long pid) {
        return cpuSeconds(Path.of("/proc/" + pid + "/stat"));
    }

    /** utime + stime of a process's or a thread's {@code stat} file, in seconds; 0 if it is gone. */
    private static double cpuSeconds(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private long databaseSize() throws SQLException {
        return queryLong("SELECT pg_database_size('" + options.database + "')");
    }

    /**
     * Does what PostgreSQL's autovacuum does when the server has it off (as the test server on a build machine may),
     * with the settings docker-compose.yml gives it: every {@code --autovacuum-naptime} seconds (10 there, 60 by
     * default), each table with more dead rows than 50 + 20 % of its live rows (the default
     * autovacuum_vacuum_threshold and autovacuum_vacuum_scale_factor) is vacuumed, so the space of deleted and
     * updated rows is reused as on a production server instead of counted as growth, and each table with more rows
     * changed since its last ANALYZE than 50 + 10 % of its live rows (autovacuum_analyze_threshold and
     * autovacuum_analyze_scale_factor) is analysed, so the planner knows the tables' sizes and values as it would
     * there. Both run in a backend of the bench database, so their CPU is in PostgreSQL's figure.
     */
    private Thread startAutovacuum() throws SQLException {
        boolean serverDoesIt = !"off".equals(queryString("SHOW autovacuum"));
        if (serverDoesIt || !options.emulateAutovacuum) {
            autovacuumDescription = serverDoesIt ? "the server's (on)"
                    : "off on the server and not emulated (--autovacuum=off): dead rows count as growth";
            return null;
        }
        long naptime = options.autovacuumNaptimeSeconds * 1000L;
        autovacuumDescription = "off on the server; emulated by the driver (every " + options.autovacuumNaptimeSeconds
                + " s: VACUUM of tables with more than 50 + 0.2 x live dead rows, ANALYZE of tables with more than"
                + " 50 + 0.1 x live rows changed since the last)";
        Connection connection = DriverManager.getConnection(pgUrl(options.database), options.pgUser, "");
        autovacuumBackendPid = count(connection, "SELECT pg_backend_pid()");
        return background("autovacuum", () -> {
            try (connection; Statement statement = connection.createStatement()) {
                long next = System.currentTimeMillis() + naptime;
                while (!stopBackground) {
                    if (System.currentTimeMillis() < next) {
                        Thread.sleep(250);
                        continue;
                    }
                    next += naptime;
                    runOnTables(statement, "VACUUM", "n_dead_tup > 50 + 0.2 * n_live_tup", vacuumRuns);
                    runOnTables(statement, "ANALYZE", "n_mod_since_analyze > 50 + 0.1 * n_live_tup", analyseRuns);
                }
            } catch (SQLException | InterruptedException e) {
                log("Autovacuum emulation stopped: " + e);
            }
        });
    }

    /** Runs {@code command} (VACUUM, ANALYZE) on each table of the bench database whose statistics meet {@code due}. */
    private static void runOnTables(Statement statement, String command, String due, AtomicInteger runs)
            throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT relname FROM pg_stat_user_tables WHERE " + due)) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        for (String table : tables) {
            statement.execute(command + " \"" + table.replace("\"", "\"\"") + "\"");
            runs.incrementAndGet();
        }
    }

    /** Each table's size with its indexes and TOAST, in bytes. */
    private Map<String, Long> tableSizes() throws SQLException {
        Map<String, Long> sizes = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(pgUrl(options.database), options.pgUser, "");
                ResultSet rows = connection.createStatement().executeQuery("SELECT relname, "
                        + "pg_total_relation_size(relid) FROM pg_stat_user_tables")) {
            while (rows.next()) {
                sizes.put(rows.getString(1).toLowerCase(java.util.Locale.ROOT), rows.getLong(2));
            }
        }
        return sizes;
    }

    /** The tables that grew, largest growth first. */
    private static Map<String, Long> growth(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> grown = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(table -> Map.entry(table.getKey(), table.getValue() - before.getOrDefault(table.getKey(), 0L)))
                .filter(table -> table.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(table -> grown.put(table.getKey(), table.getValue()));
        return grown;
    }

    private long incidentCountByRest() {
        try {
            HttpResponse<String> response = http.send(get("/engine-rest/incident/count", "admin", "bench-admin"),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("count").asLong(-1);
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    /** What the engine's tables say at the end: instances, reviews, analysis tasks, jobs, incidents, statuses. */
    private Map<String, Object> engineState() throws SQLException {
        Map<String, Object> state = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(pgUrl(options.database), options.pgUser, "")) {
            Map<String, long[]> instances = new HashMap<>();
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT proc_inst_id_, "
                    + "extract(epoch from start_time_) * 1000, extract(epoch from end_time_) * 1000 "
                    + "FROM act_hi_procinst WHERE proc_def_key_ = 'handle-request'")) {
                while (rows.next()) {
                    instances.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3)});
                }
            }
            state.put("instances", instances);
            Map<String, long[]> reviews = new HashMap<>();
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT proc_inst_id_, "
                    + "extract(epoch from start_time_) * 1000, extract(epoch from end_time_) * 1000 "
                    + "FROM act_hi_taskinst WHERE task_def_key_ = '" + REVIEW_TASK + "'")) {
                while (rows.next()) {
                    reviews.merge(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3)},
                            (a, b) -> java.util.stream.LongStream.concat(java.util.Arrays.stream(a),
                                    java.util.Arrays.stream(b)).toArray());
                }
            }
            state.put("reviews", reviews);
            Map<String, Long> analysisCreated = new HashMap<>();
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT proc_inst_id_, "
                    + "min(extract(epoch from timestamp_) * 1000) FROM act_hi_ext_task_log WHERE state_ = 0 "
                    + "GROUP BY proc_inst_id_")) {
                while (rows.next()) {
                    analysisCreated.put(rows.getString(1), rows.getLong(2));
                }
            }
            state.put("analysisCreated", analysisCreated);
            Map<String, String> routes = new HashMap<>();
            try (ResultSet rows = connection.createStatement().executeQuery(
                    "SELECT proc_inst_id_, text_ FROM act_hi_varinst WHERE name_ = 'route'")) {
                while (rows.next()) {
                    routes.put(rows.getString(1), rows.getString(2));
                }
            }
            state.put("routes", routes);
            Map<String, Long> statuses = new LinkedHashMap<>();
            try (ResultSet rows = connection.createStatement().executeQuery(
                    "SELECT status, count(*) FROM ts_request GROUP BY status ORDER BY status")) {
                while (rows.next()) {
                    statuses.put(rows.getString(1), rows.getLong(2));
                }
            }
            state.put("requestStatuses", statuses);
            state.put("externalTaskFailures", count(connection, "SELECT count(*) FROM act_hi_ext_task_log WHERE state_ = 1"));
            state.put("jobFailures", count(connection, "SELECT count(*) FROM act_hi_job_log WHERE job_state_ = 1"));
            state.put("incidentsHistoric", count(connection, "SELECT count(*) FROM act_hi_incident"));
            state.put("incidentsOpen", count(connection, "SELECT count(*) FROM act_ru_incident"));
            state.put("waitingInReview", count(connection, "SELECT count(*) FROM act_ru_task WHERE task_def_key_ = '"
                    + REVIEW_TASK + "'"));
            state.put("running", count(connection, "SELECT count(*) FROM act_ru_execution WHERE parent_id_ IS NULL"));
            state.put("openJobs", count(connection, "SELECT count(*) FROM act_ru_job WHERE handler_type_ <> 'timer-transition'"
                    + " AND handler_type_ <> 'history-cleanup'"));
            state.put("openExternalTasks", count(connection, "SELECT count(*) FROM act_ru_ext_task"));
            state.put("fallbacks", count(connection,
                    "SELECT count(*) FROM act_hi_varinst WHERE name_ = 'analysisSource' AND text_ = 'fallback'"));
            state.put("historyRows", count(connection, "SELECT (SELECT count(*) FROM act_hi_actinst) + "
                    + "(SELECT count(*) FROM act_hi_varinst) + (SELECT count(*) FROM act_hi_detail) + "
                    + "(SELECT count(*) FROM act_hi_dec_in) + (SELECT count(*) FROM act_hi_dec_out) + "
                    + "(SELECT count(*) FROM act_hi_job_log) + (SELECT count(*) FROM act_hi_ext_task_log)"));
            state.put("historyDetailRows", count(connection, "SELECT count(*) FROM act_hi_detail"));
        }
        return state;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String queryString(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(pgUrl(options.database), options.pgUser, "");
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /**
     * The server's WAL position in bytes, its cumulative WAL counters ({@code pg_stat_wal}) and its checkpoints so far,
     * timed and requested ({@code pg_stat_checkpointer} from PostgreSQL 17, {@code pg_stat_bgwriter} before).
     */
    private WalActivity walActivity() throws SQLException {
        try (Connection connection = DriverManager.getConnection(pgUrl("postgres"), options.pgUser, "")) {
            return walActivity(connection);
        }
    }

    private void checkpoint() throws SQLException {
        try (Connection connection = DriverManager.getConnection(pgUrl("postgres"), options.pgUser, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        }
        log("Checkpoint done before the measured run");
    }

    private static WalActivity walActivity(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            long bytes = count(connection, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
            long records;
            long fullPageImages;
            long flushes;
            try (ResultSet rows = statement.executeQuery("SELECT wal_records, wal_fpi, wal_sync FROM pg_stat_wal")) {
                rows.next();
                records = rows.getLong(1);
                fullPageImages = rows.getLong(2);
                flushes = rows.getLong(3);
            }
            // The driver knows the server's version from connecting; no query needed.
            boolean checkpointer = connection.getMetaData().getDatabaseMajorVersion() >= 17;
            long checkpoints = count(connection, checkpointer
                    ? "SELECT num_timed + num_requested FROM pg_stat_checkpointer"
                    : "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter");
            long checkpointPages = count(connection, checkpointer
                    ? "SELECT buffers_written FROM pg_stat_checkpointer"
                    : "SELECT buffers_checkpoint FROM pg_stat_bgwriter");
            return new WalActivity(bytes, records, fullPageImages, flushes, checkpoints, checkpointPages);
        }
    }

    /**
     * WAL bytes, records and full-page images (a whole 8 kB page written to the WAL at the first change of a page
     * after a checkpoint), the WAL's flushes to disk (each an fsync or fdatasync: what a disk's IOPS limit counts),
     * checkpoints begun, and pages the checkpointer wrote.
     */
    record WalActivity(long bytes, long records, long fullPageImages, long flushes, long checkpoints,
            long checkpointPages) {
        WalActivity since(WalActivity before) {
            return new WalActivity(bytes - before.bytes, records - before.records,
                    fullPageImages - before.fullPageImages, flushes - before.flushes,
                    checkpoints - before.checkpoints, checkpointPages - before.checkpointPages);
        }
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(pgUrl(options.database), options.pgUser, "")) {
            return count(connection, sql);
        }
    }

    /** The analysis cache counters from the Prometheus endpoint, by result ({@code hit}, {@code miss}). */
    private Map<String, Double> cacheCounters() {
        Map<String, Double> counters = new LinkedHashMap<>();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(appUrl + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", basic("operator", "demo"))
                    .header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
            java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                    "^ticketsmith_analysis_cache_total\\{.*result=\"(\\w+)\".*\\} (\\S+)$", java.util.regex.Pattern.MULTILINE);
            java.util.regex.Matcher matcher = line.matcher(response.body());
            while (matcher.find()) {
                counters.merge(matcher.group(1), Double.parseDouble(matcher.group(2)), Double::sum);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            log("Analysis cache counters not read: " + e);
        }
        return counters;
    }

    /**
     * What the application says about reuse at the end: the cache counters, the costs API's reuse figures, and for
     * every request the request whose analysis it reused, from its decision record ({@code analysis.reusedFrom};
     * the status view does not carry it).
     */
    private Map<String, Object> cacheState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("countersAtEnd", cacheCounters());
        try {
            HttpResponse<String> costs = http.send(get("/api/costs", "operator", "demo"),
                    HttpResponse.BodyHandlers.ofString());
            state.put("costsAnalysisCache", costs.statusCode() == 200
                    ? JSON.convertValue(JSON.readTree(costs.body()).path("analysisCache"), Map.class)
                    : Map.of("status", costs.statusCode()));
        } catch (IOException | InterruptedException e) {
            state.put("costsAnalysisCache", Map.of("error", e.toString()));
        }
        Map<String, String> reusedFrom = new HashMap<>();
        int recordErrors = 0;
        if (options.nearDuplicates > 0) {
            List<Submission> all = new ArrayList<>(warmups.values());
            all.addAll(submissions.values());
            for (Submission submission : all) {
                try {
                    HttpResponse<String> record = http.send(get("/api/requests/" + submission.requestId() + "/record",
                            "admin", "bench-admin"), HttpResponse.BodyHandlers.ofString());
                    if (record.statusCode() != 200) {
                        recordErrors++;
                        continue;
                    }
                    JsonNode from = JSON.readTree(record.body()).path("analysis").path("reusedFrom");
                    if (from.isTextual()) {
                        reusedFrom.put(submission.benchId(), from.asText());
                    }
                } catch (IOException | InterruptedException e) {
                    recordErrors++;
                }
            }
        }
        state.put("reusedFrom", reusedFrom);
        state.put("recordErrors", recordErrors);
        return state;
    }

    private JsonNode readProbe() throws IOException {
        Path file = workDir.resolve("probe.json");
        return Files.exists(file) ? JSON.readTree(file.toFile()) : JSON.createObjectNode();
    }

    // ---------------------------------------------------------------- figures

    @SuppressWarnings("unchecked")
    private Map<String, Object> figures(LlmStub llm, JiraStub jira, JsonNode probe, Map<String, Object> engine,
            Map<String, Object> cache, long firstSent, long lastSent, long waited, Cpu cpuBefore, Cpu cpuAfter, long dbGrowth,
            long incidentsRest) throws IOException {
        Map<String, long[]> instances = (Map<String, long[]>) engine.get("instances");
        Map<String, long[]> reviews = (Map<String, long[]>) engine.get("reviews");
        Map<String, Long> analysisCreated = (Map<String, Long>) engine.get("analysisCreated");
        Map<String, String> routes = (Map<String, String>) engine.get("routes");
        Map<String, List<LlmStub.Call>> calls = llm.calls();

        Map<String, Object> figures = new LinkedHashMap<>();
        int accepted = submissions.size();
        int acceptedWithWarmup = accepted + warmups.size();
        List<Long> ends = new ArrayList<>();
        for (Submission submission : submissions.values()) {
            long[] instance = instances.get(submission.processInstanceId());
            if (instance != null && instance[1] > 0) {
                ends.add(instance[1]);
            }
        }
        ends.sort(null);
        long lastEnd = ends.isEmpty() ? waited : ends.get(ends.size() - 1);
        double minutes = (lastEnd - firstSent) / 60_000.0;

        // Throughput
        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("accepted", accepted);
        throughput.put("finished", ends.size());
        throughput.put("submitSeconds", (lastSent - firstSent) / 1000.0);
        throughput.put("runSeconds", Stats.round((lastEnd - firstSent) / 1000.0));
        throughput.put("ticketsPerMinute", Stats.round(ends.size() / minutes));
        if (ends.size() >= 10) {
            int from = ends.size() / 10;
            int to = ends.size() * 9 / 10;
            double steadyMinutes = (ends.get(to - 1) - ends.get(from)) / 60_000.0;
            throughput.put("steadyTicketsPerMinute", Stats.round((to - 1 - from) / steadyMinutes));
        }
        List<Double> latencies = new ArrayList<>();
        calls.values().forEach(list -> list.forEach(call -> latencies.add((double) (call.endedAt() - call.startedAt()))));
        double meanLatencySeconds = latencies.stream().mapToDouble(Double::doubleValue).average().orElse(0) / 1000;
        double bound = meanLatencySeconds == 0 ? 0 : 60 * options.concurrency / meanLatencySeconds;
        throughput.put("llmCalls", latencies.size());
        throughput.put("llmCallsWithoutMarker", llm.unmarked());
        throughput.put("llmLatencyMs", Stats.summary(latencies));
        throughput.put("llmInFlight", llm.inFlightFigures());
        throughput.put("theoreticalBoundPerMinute", Stats.round(bound));
        throughput.put("ratioToBound", bound == 0 ? 0 : Stats.round(ends.size() / minutes / bound * 1000) / 1000);
        if (throughput.containsKey("steadyTicketsPerMinute") && bound > 0) {
            throughput.put("steadyRatioToBound",
                    Stats.round((Double) throughput.get("steadyTicketsPerMinute") / bound * 1000) / 1000);
        }
        figures.put("throughput", throughput);

        // Latency from accept to the first Jira call, without the LLM's time (and without the review's wait)
        List<Double> autoNet = new ArrayList<>();
        List<Double> autoNetToCreate = new ArrayList<>();
        List<Double> reviewedNet = new ArrayList<>();
        List<Double> toLlm = new ArrayList<>();
        List<Double> pickup = new ArrayList<>();
        List<Double> llmToJira = new ArrayList<>();
        List<Double> intake = new ArrayList<>();
        int routeMismatches = 0;
        Map<String, Long> firstJira = jira.firstCallAt();
        Map<String, Long> createJira = jira.createCallAt();
        for (Submission submission : submissions.values()) {
            intake.add((double) (submission.acceptedAt() - submission.sentAt()));
            List<LlmStub.Call> requestCalls = calls.getOrDefault(submission.benchId(), List.of());
            String route = routes.get(submission.processInstanceId());
            if (route != null && !route.equals(submission.auto() ? "AUTO" : "REVIEW")) {
                routeMismatches++;
            }
            if (requestCalls.isEmpty()) {
                continue;
            }
            long llmMillis = requestCalls.stream().mapToLong(call -> call.endedAt() - call.startedAt()).sum();
            long firstCall = requestCalls.stream().mapToLong(LlmStub.Call::startedAt).min().orElseThrow();
            long lastCall = requestCalls.stream().mapToLong(LlmStub.Call::endedAt).max().orElseThrow();
            toLlm.add((double) (firstCall - submission.sentAt()));
            Long created = analysisCreated.get(submission.processInstanceId());
            if (created != null) {
                pickup.add((double) (firstCall - created));
            }
            Long jiraAt = firstJira.get(submission.benchId());
            if (jiraAt == null) {
                continue;
            }
            long[] review = reviews.get(submission.processInstanceId());
            long reviewMillis = 0;
            if (review != null) {
                for (int i = 0; i + 1 < review.length; i += 2) {
                    reviewMillis += review[i + 1] - review[i];
                }
            }
            double net = jiraAt - submission.sentAt() - llmMillis - reviewMillis;
            (review == null ? autoNet : reviewedNet).add(net);
            if (review == null) {
                llmToJira.add((double) (jiraAt - lastCall));
                Long createAt = createJira.get(submission.benchId());
                if (createAt != null) {
                    autoNetToCreate.add((double) (createAt - submission.sentAt() - llmMillis));
                }
            }
        }
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("autoAcceptToJiraExclLlmMs", Stats.summary(autoNet));
        latency.put("autoAcceptToJiraCreateExclLlmMs", Stats.summary(autoNetToCreate));
        latency.put("reviewedAcceptToJiraExclLlmAndReviewMs", Stats.summary(reviewedNet));
        List<Double> all = new ArrayList<>(autoNet);
        all.addAll(reviewedNet);
        latency.put("allAcceptToJiraExclLlmMs", Stats.summary(all));
        latency.put("acceptToLlmCallMs", Stats.summary(toLlm));
        latency.put("analysisTaskCreatedToLlmCallMs", Stats.summary(pickup));
        latency.put("autoLlmAnswerToJiraMs", Stats.summary(llmToJira));
        latency.put("intakeResponseMs", Stats.summary(intake));
        figures.put("latency", latency);

        // Engine overhead per request
        Map<String, Object> overhead = new LinkedHashMap<>();
        JsonNode perInstance = probe.path("processInstances");
        List<Double> millis = new ArrayList<>();
        List<Double> units = new ArrayList<>();
        List<Double> http = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (Submission submission : submissions.values()) {
            JsonNode instance = perInstance.path(submission.processInstanceId());
            if (!instance.isMissingNode()) {
                millis.add(instance.path("millis").asDouble());
                units.add(instance.path("units").asDouble());
                http.add(instance.path("httpMillis").asDouble());
                cpu.add(instance.path("cpuMillis").asDouble());
            }
        }
        overhead.put("perRequestMs", Stats.summary(millis));
        overhead.put("perRequestCpuMs", Stats.summary(cpu));
        overhead.put("transactionsPerRequest", Stats.summary(units));
        overhead.put("httpInsideTransactionsPerRequestMs", Stats.summary(http));
        JsonNode background = probe.path("background");
        overhead.put("backgroundMs", background.path("millis").asDouble());
        overhead.put("backgroundTransactions", background.path("units").asLong());
        overhead.put("backgroundMsPerRequest", acceptedWithWarmup == 0 ? 0
                : Stats.round(background.path("millis").asDouble() / acceptedWithWarmup));
        overhead.put("backgroundCpuMs", background.path("cpuMillis").asDouble());
        Map<String, Object> kinds = new LinkedHashMap<>();
        List<Map.Entry<String, JsonNode>> byKind = new ArrayList<>();
        probe.path("backgroundByKind").fields().forEachRemaining(byKind::add);
        byKind.sort((a, b) -> Double.compare(b.getValue().path("millis").asDouble(), a.getValue().path("millis").asDouble()));
        byKind.stream().limit(8).forEach(entry -> kinds.put(entry.getKey(), Map.of(
                "transactions", entry.getValue().path("units").asLong(),
                "ms", Stats.round(entry.getValue().path("millis").asDouble()),
                "cpuMs", Stats.round(entry.getValue().path("cpuMillis").asDouble()))));
        overhead.put("backgroundByKind", kinds);
        overhead.put("attributedTotalMs", probe.path("attributed").path("millis").asDouble());
        figures.put("engineOverhead", overhead);

        // Job acquisition delay
        Map<String, List<Double>> delays = new LinkedHashMap<>();
        List<Double> allDelays = new ArrayList<>();
        for (JsonNode start : probe.path("jobStarts")) {
            double delay = start.path("startedAt").asLong() - start.path("availableAt").asLong();
            delays.computeIfAbsent(start.path("activityId").asText(), key -> new ArrayList<>()).add(delay);
            allDelays.add(delay);
        }
        Map<String, Object> acquisition = new LinkedHashMap<>();
        acquisition.put("allJobsMs", Stats.summary(allDelays));
        delays.forEach((activity, values) -> acquisition.put(activity, Stats.summary(values)));
        figures.put("jobAcquisitionDelay", acquisition);

        // Resources
        Map<String, Object> resources = new LinkedHashMap<>();
        double runSeconds = (cpuAfter.at() - cpuBefore.at()) / 1000.0;
        double appCpu = cpuAfter.appSeconds() - cpuBefore.appSeconds();
        double dbCpu = cpuAfter.databaseSeconds() - cpuBefore.databaseSeconds();
        resources.put("appCpuSeconds", Stats.round(appCpu));
        resources.put("appCpuCoresMean", Stats.round(appCpu / runSeconds));
        resources.put("appCpuMsPerRequest", accepted == 0 ? 0 : Stats.round(appCpu * 1000 / accepted));
        // Compiling is CPU work too, and counted in the application's: a run that still compiles measures a cold JVM.
        Map<String, Double> groupSeconds = cpuAfter.groupSecondsSince(cpuBefore);
        double jit = groupSeconds.getOrDefault("jitCompilers", Double.NaN);
        resources.put("jitCompilationSeconds", Double.isNaN(jit) ? null : Stats.round(jit));
        resources.put("jitShareOfAppCpu", Double.isNaN(jit) || appCpu <= 0 ? null : Stats.round(jit / appCpu));
        // Where the application's CPU went, by thread; a thread that started and ended within the run (one per
        // outbound call's body, for instance) is only in endedThreads.
        Map<String, Object> byThreads = new LinkedHashMap<>();
        double grouped = 0;
        for (Map.Entry<String, Double> group : groupSeconds.entrySet()) {
            double delta = group.getValue();
            grouped += delta;
            byThreads.put(group.getKey(), accepted == 0 ? 0 : Stats.round(delta * 1000 / accepted));
        }
        byThreads.put("endedThreads", accepted == 0 ? 0 : Stats.round((appCpu - grouped) * 1000 / accepted));
        resources.put("appCpuMsPerRequestByThreads", byThreads);
        resources.put("databaseCpuSeconds", Stats.round(dbCpu));
        resources.put("databaseCpuMsPerRequest", accepted == 0 ? 0 : Stats.round(dbCpu * 1000 / accepted));
        // Part of the figure above: VACUUM reads every index of the tables it cleans and ANALYZE samples the tables,
        // so this share grows with the database where the requests' own statements need not.
        double autovacuumCpu = cpuAfter.databaseAutovacuumSeconds() - cpuBefore.databaseAutovacuumSeconds();
        resources.put("databaseAutovacuumCpuMsPerRequest",
                accepted == 0 ? 0 : Stats.round(autovacuumCpu * 1000 / accepted));
        resources.put("machineCpuMsPerRequest", machineCpu(cpuBefore, cpuAfter, appCpu, dbCpu, accepted));
        resources.put("heapUsedMb", Stats.summary(column("heapUsedMb")));
        resources.put("rssMb", Stats.summary(column("rssMb")));
        resources.put("processCpuUsage", Stats.summary(column("processCpu")));
        resources.put("systemCpuUsage", Stats.summary(column("systemCpu")));
        resources.put("hikariActive", Stats.summary(column("hikariActive")));
        resources.put("hikariPending", Stats.summary(column("hikariPending")));
        resources.put("liveThreads", Stats.summary(column("threads")));
        resources.put("databaseGrowthBytesPerRequest", accepted == 0 ? 0 : dbGrowth / accepted);
        Map<String, Long> tablesPerRequest = new LinkedHashMap<>();
        tableGrowth.forEach((table, bytes) -> tablesPerRequest.put(table, accepted == 0 ? 0 : bytes / accepted));
        resources.put("tableGrowthBytesPerRequest", tablesPerRequest);
        resources.put("walBytesPerRequest", accepted == 0 ? 0 : walActivity.bytes() / accepted);
        resources.put("walRecordsPerRequest",
                accepted == 0 ? 0 : Stats.round(walActivity.records() / (double) accepted));
        resources.put("walFullPageImagesPerRequest",
                accepted == 0 ? 0 : Stats.round(walActivity.fullPageImages() / (double) accepted));
        resources.put("walFlushesPerRequest",
                accepted == 0 ? 0 : Stats.round(walActivity.flushes() / (double) accepted));
        resources.put("checkpointsDuringRun", walActivity.checkpoints());
        resources.put("checkpointPagesWritten", walActivity.checkpointPages());
        resources.put("walTimeline", walTimeline);
        long runtimeGrowth = tableGrowth.entrySet().stream().filter(table -> table.getKey().startsWith("act_ru_"))
                .mapToLong(Map.Entry::getValue).sum();
        resources.put("runtimeTablesGrowthBytesPerRequest", accepted == 0 ? 0 : runtimeGrowth / accepted);
        resources.put("historyRowsPerRequest", accepted == 0 ? 0
                : Stats.round((Long) engine.get("historyRows") / (double) acceptedWithWarmup));
        figures.put("resources", resources);

        // Errors, retries, incidents, and nothing lost
        Map<String, Object> health = new LinkedHashMap<>();
        List<String> errorLines = appLogLines(" ERROR ");
        health.put("appLogErrors", errorLines.size());
        health.put("appLogErrorSamples", errorLines.stream().limit(5).toList());
        health.put("appLogWarnings", appLogLines(" WARN ").size());
        health.put("submitErrors", submitErrors.get());
        health.put("submitErrorSamples", submitErrorSamples.stream().limit(5).toList());
        health.put("reviewErrors", reviewErrors.get());
        health.put("reviewErrorSamples", reviewErrorSamples.stream().limit(5).toList());
        health.put("reviewsCompleted", reviewsCompleted.get());
        health.put("reviewCompleteMeanMs", reviewsCompleted.get() == 0 ? 0
                : Stats.round(reviewLatencyNanos.get() / 1e6 / reviewsCompleted.get()));
        health.put("externalTaskFailures", engine.get("externalTaskFailures"));
        health.put("jobFailures", engine.get("jobFailures"));
        health.put("incidentsHistoric", engine.get("incidentsHistoric"));
        health.put("incidentsOpen", engine.get("incidentsOpen"));
        health.put("incidentsRest", incidentsRest);
        health.put("fallbacks", engine.get("fallbacks"));
        health.put("routeMismatches", routeMismatches);
        // A reused analysis carries its original's bench label to Jira: one more issue under that label is expected.
        Map<String, Integer> expectedIssues = new HashMap<>();
        Map<String, String> benchIdOf = benchIdsByRequestId();
        ((Map<String, String>) cache.get("reusedFrom")).values().forEach(requestId ->
                expectedIssues.merge(benchIdOf.getOrDefault(requestId, "?"), 1, Integer::sum));
        long duplicates = jira.created().entrySet().stream()
                .filter(entry -> entry.getValue() > 1 + expectedIssues.getOrDefault(entry.getKey(), 0)).count();
        health.put("duplicateJiraIssues", duplicates);
        health.put("jiraIssuesCreated", jira.created().values().stream().mapToInt(Integer::intValue).sum());
        health.put("requestStatuses", engine.get("requestStatuses"));
        long finished = instances.values().stream().filter(instance -> instance[1] > 0).count();
        long waitingInReview = (Long) engine.get("waitingInReview");
        long running = (Long) engine.get("running");
        long inFlight = running - waitingInReview;
        health.put("zeroLost", Map.of("accepted", acceptedWithWarmup, "finished", finished, "waitingInReview", waitingInReview,
                "inFlight", inFlight, "openJobs", engine.get("openJobs"),
                "openExternalTasks", engine.get("openExternalTasks"),
                "ok", acceptedWithWarmup == finished + waitingInReview && inFlight == 0 && submitErrors.get() == 0));
        figures.put("health", health);
        figures.put("analysisCache", analysisCache(calls, llm, cache));
        return figures;
    }

    /** The distinct ticket a measured request is, or repeats; any other id as it is. */
    private String ticketOf(String benchId) {
        Submission submission = benchId == null ? null : submissions.get(benchId);
        return submission == null ? String.valueOf(benchId)
                : submission.nearDuplicate() ? submission.duplicateOf() : submission.benchId();
    }

    private Map<String, String> benchIdsByRequestId() {
        Map<String, String> benchIds = new HashMap<>();
        warmups.values().forEach(submission -> benchIds.put(submission.requestId(), submission.benchId()));
        submissions.values().forEach(submission -> benchIds.put(submission.requestId(), submission.benchId()));
        return benchIds;
    }

    /**
     * LLM calls made and saved in the measured run. A hit is right when the analysis reused is of the same ticket:
     * a near-duplicate reusing its original's or another repeat's, or (counted apart) an original analysed after its
     * repeat reusing that; a hit on another ticket's analysis is a false hit.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> analysisCache(Map<String, List<LlmStub.Call>> calls, LlmStub llm,
            Map<String, Object> cache) {
        Map<String, String> reusedFrom = (Map<String, String>) cache.get("reusedFrom");
        Map<String, Double> atEnd = (Map<String, Double>) cache.get("countersAtEnd");
        Map<String, String> benchIdOf = benchIdsByRequestId();
        int llmCalls = 0;
        int withoutCall = 0;
        int nearDuplicates = 0;
        int nearDuplicateHits = 0;
        int otherTicketHits = 0;
        int distinctHits = 0;
        int originalsReusingRepeat = 0;
        List<Double> originalAge = new ArrayList<>();
        Map<String, int[]> byVariation = new LinkedHashMap<>();
        for (Tickets.Variation variation : Tickets.Variation.values()) {
            byVariation.put(variation.name().toLowerCase(java.util.Locale.ROOT), new int[2]);
        }
        for (Submission submission : submissions.values()) {
            int made = calls.getOrDefault(submission.benchId(), List.of()).size();
            llmCalls += made;
            if (made == 0) {
                withoutCall++;
            }
            String from = reusedFrom.get(submission.benchId());
            String fromBenchId = from == null ? null : benchIdOf.get(from);
            boolean sameTicket = from != null && ticketOf(submission.benchId()).equals(ticketOf(fromBenchId));
            if (!submission.nearDuplicate()) {
                if (sameTicket) {
                    originalsReusingRepeat++;
                } else if (from != null) {
                    distinctHits++;
                }
                continue;
            }
            nearDuplicates++;
            originalAge.add((double) submission.originalAgeMillis());
            boolean hit = sameTicket;
            if (hit) {
                nearDuplicateHits++;
            } else if (from != null) {
                otherTicketHits++;
            }
            for (Tickets.Variation variation : submission.variations()) {
                int[] counts = byVariation.get(variation.name().toLowerCase(java.util.Locale.ROOT));
                counts[0]++;
                counts[1] += hit ? 1 : 0;
            }
        }
        double hits = atEnd.getOrDefault("hit", 0.0) - cacheCountersAfterWarmup.getOrDefault("hit", 0.0);
        double misses = atEnd.getOrDefault("miss", 0.0) - cacheCountersAfterWarmup.getOrDefault("miss", 0.0);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("cacheEnabled", options.nearDuplicates > 0);
        figures.put("requests", submissions.size());
        figures.put("nearDuplicatesSent", nearDuplicates);
        figures.put("llmCallsMade", llmCalls);
        figures.put("llmCallsAllIncludingWarmup", calls.values().stream().mapToInt(List::size).sum() + llm.unmarked());
        figures.put("requestsWithoutLlmCall", withoutCall);
        figures.put("cacheHits", Stats.round(hits));
        figures.put("cacheMisses", Stats.round(misses));
        figures.put("cacheCountersAtEnd", atEnd);
        figures.put("cacheCountersAfterWarmup", cacheCountersAfterWarmup);
        figures.put("costsApiAnalysisCacheToday", cache.get("costsAnalysisCache"));
        figures.put("llmCallsSaved", Stats.round(hits));
        figures.put("nearDuplicatesHit", nearDuplicateHits);
        figures.put("nearDuplicatesHitShare", nearDuplicates == 0 ? 0
                : Stats.round(nearDuplicateHits * 1000.0 / nearDuplicates) / 1000);
        figures.put("hitsInDecisionRecords", reusedFrom.keySet().stream().filter(submissions::containsKey).count());
        figures.put("falseHits", distinctHits + otherTicketHits);
        figures.put("falseHitsOnDistinctTickets", distinctHits);
        figures.put("falseHitsOnAnotherTicketsAnalysis", otherTicketHits);
        figures.put("originalsReusingTheirRepeat", originalsReusingRepeat);
        figures.put("hitsInWarmup", reusedFrom.keySet().stream().filter(warmups::containsKey).count());
        figures.put("decisionRecordErrors", cache.get("recordErrors"));
        figures.put("falseHitsCountedBy", options.nearDuplicates > 0
                ? "analysis.reusedFrom of each request's decision record (GET /api/requests/{id}/record)"
                : "not counted: the analysis cache is off");
        Map<String, Object> variations = new LinkedHashMap<>();
        byVariation.forEach((variation, counts) -> variations.put(variation, Map.of("sent", counts[0], "hit", counts[1])));
        figures.put("nearDuplicatesByVariation", variations);
        figures.put("nearDuplicateOriginalAgeMs", Stats.summary(originalAge));
        return figures;
    }

    private List<Double> column(String name) {
        List<Double> values = new ArrayList<>();
        for (Map<String, Object> sample : samples) {
            Object value = sample.get(name);
            if (value instanceof Double number && !number.isNaN()) {
                values.add(number);
            }
        }
        return values;
    }

    private List<String> appLogLines(String marker) throws IOException {
        Path log = workDir.resolve("app.log");
        if (!Files.exists(log)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(marker)).toList();
        } catch (java.io.UncheckedIOException e) {
            return List.of("app.log could not be read: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- report

    private void write(Map<String, Object> report) throws IOException {
        Path results = Path.of(options.resultsDir);
        Files.createDirectories(results);
        JSON.writeValue(results.resolve(options.label + ".json").toFile(), report);
        String markdown = Report.markdown(report, options);
        Files.writeString(results.resolve(options.label + ".md"), markdown);
        System.out.println();
        System.out.println(markdown);
        log("Results: " + results.resolve(options.label + ".md") + " and .json; logs in " + workDir);
    }

    // ---------------------------------------------------------------- helpers

    private HttpRequest post(String path, String user, String password, String body) {
        return HttpRequest.newBuilder(URI.create(appUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(user, password)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest get(String path, String user, String password) {
        return HttpRequest.newBuilder(URI.create(appUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(user, password)).header("Accept", "application/json").GET().build();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void error(AtomicInteger counter, List<String> samples, String message) {
        counter.incrementAndGet();
        if (samples.size() < 20) {
            samples.add(message);
        }
    }

    private static Thread background(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    static String uptime() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void log(String message) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }
}
