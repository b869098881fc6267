package io.ticketsmith.bench.driver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The driver's options, as {@code --name=value} arguments (see src/bench/run.sh). */
final class Options {

    int n = 1000;
    int warmup = 1000;
    /** LLM calls already recorded today before the run starts, as late in a busy day. */
    int callsEarlierToday;
    double ratePerMinute = 400;
    /** Arrivals per minute of the warm-up; below 0, the run's rate. */
    double warmupRatePerMinute = -1;
    /** Seconds to wait after the warm-up before the measured run, for the JIT compilers to catch up. */
    int settleSeconds;
    boolean poisson;
    double autoShare = 0.8;
    String latency = "fixed:3000";
    int concurrency = 16;
    boolean baseline;
    long jiraLatencyMillis = 100;
    long reviewDelayMillis;
    long reviewPollMillis = 500;
    String label = "run";
    String resultsDir = "src/bench/results";
    String workDir = "target/bench/runs";
    String jar = "target/bench/ticketsmith-0.1.0-SNAPSHOT.jar";
    String database = "ticketsmith_bench";
    String pgHost = "127.0.0.1";
    int pgPort = 5432;
    String pgUser = "postgres";
    int appPort = 18080;
    int llmPort = 18081;
    int jiraPort = 18082;
    /** As the image starts it: with the vector API for the similar-tickets scan (README, Knowledge). */
    String appJvmOpts = "-Xms512m -Xmx1g --add-modules jdk.incubator.vector";
    int timeoutMinutes = 30;
    double nearDuplicates;
    int nearDuplicateMinAgeSeconds = 5;
    boolean emulateAutovacuum = true;
    /** docker-compose.yml's autovacuum_naptime; PostgreSQL's default is 60. */
    int autovacuumNaptimeSeconds = 10;
    /**
     * A CHECKPOINT just before the measured run, so that it starts where a checkpoint cycle of a long-running server
     * starts: with every page's next change written to the WAL in full.
     */
    boolean checkpointAtStart;
    /** Process variables of a short text added to every request, to measure what one variable costs. */
    int extraVariables;
    final List<String> appArgs = new ArrayList<>();

    static Options parse(String[] args) {
        Options options = new Options();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Arguments are --name=value, not " + arg);
            }
            String name = arg.substring(2, arg.indexOf('='));
            String value = arg.substring(arg.indexOf('=') + 1);
            switch (name) {
                case "n" -> options.n = Integer.parseInt(value);
                case "warmup" -> options.warmup = Integer.parseInt(value);
                case "calls-earlier-today" -> options.callsEarlierToday = Integer.parseInt(value);
                case "rate" -> options.ratePerMinute = Double.parseDouble(value);
                case "warmup-rate" -> options.warmupRatePerMinute = Double.parseDouble(value);
                case "settle" -> options.settleSeconds = Integer.parseInt(value);
                case "arrival" -> options.poisson = switch (value) {
                    case "fixed" -> false;
                    case "poisson" -> true;
                    default -> throw new IllegalArgumentException("arrival is fixed or poisson");
                };
                case "auto-share" -> options.autoShare = Double.parseDouble(value);
                case "latency" -> {
                    LlmStub.Latency.parse(value);
                    options.latency = value;
                }
                case "concurrency" -> options.concurrency = Integer.parseInt(value);
                case "mode" -> options.baseline = switch (value) {
                    case "external" -> false;
                    case "baseline" -> true;
                    default -> throw new IllegalArgumentException("mode is external or baseline");
                };
                case "jira-latency" -> options.jiraLatencyMillis = Long.parseLong(value);
                case "review-delay" -> options.reviewDelayMillis = Long.parseLong(value);
                case "label" -> options.label = value;
                case "results-dir" -> options.resultsDir = value;
                case "work-dir" -> options.workDir = value;
                case "jar" -> options.jar = value;
                case "db" -> options.database = value;
                case "pg-host" -> options.pgHost = value;
                case "pg-port" -> options.pgPort = Integer.parseInt(value);
                case "pg-user" -> options.pgUser = value;
                case "app-port" -> options.appPort = Integer.parseInt(value);
                case "llm-port" -> options.llmPort = Integer.parseInt(value);
                case "jira-port" -> options.jiraPort = Integer.parseInt(value);
                case "app-jvm-opts" -> options.appJvmOpts = value;
                case "app-arg" -> options.appArgs.add(value);
                case "timeout-minutes" -> options.timeoutMinutes = Integer.parseInt(value);
                case "near-duplicates" -> options.nearDuplicates = Double.parseDouble(value);
                case "near-duplicate-min-age" -> options.nearDuplicateMinAgeSeconds = Integer.parseInt(value);
                case "autovacuum" -> options.emulateAutovacuum = switch (value) {
                    case "emulate" -> true;
                    case "off" -> false;
                    default -> throw new IllegalArgumentException("autovacuum is emulate or off");
                };
                case "autovacuum-naptime" -> options.autovacuumNaptimeSeconds = Integer.parseInt(value);
                case "extra-variables" -> options.extraVariables = Integer.parseInt(value);
                case "checkpoint-at-start" -> options.checkpointAtStart = Boolean.parseBoolean(value);
                default -> throw new IllegalArgumentException("Unknown option --" + name);
            }
        }
        if (options.nearDuplicates < 0 || options.nearDuplicates >= 1) {
            throw new IllegalArgumentException("near-duplicates is a share from 0 to below 1");
        }
        if (options.nearDuplicates > 0 && options.n + options.warmup > Tickets.capacity()) {
            throw new IllegalArgumentException("With near-duplicates, n + warmup is at most " + Tickets.capacity());
        }
        if (options.extraVariables < 0 || options.extraVariables > 200) {
            throw new IllegalArgumentException("extra-variables is from 0 to 200");
        }
        if (!options.database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("db must be a plain lower-case name");
        }
        return options;
    }

    /** The arrival rate of the warm-up: {@code --warmup-rate} if given, else the run's. */
    double warmupRate() {
        return warmupRatePerMinute < 0 ? ratePerMinute : warmupRatePerMinute;
    }

    Map<String, Object> describe() {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("n", n);
        described.put("warmupRequests", warmup + " (sent and finished before the measured run, not counted)");
        described.put("callsEarlierToday", callsEarlierToday + " (LLM calls in the cost ledger for today before the warm-up)");
        described.put("arrivalRatePerMinute", ratePerMinute <= 0 ? "as fast as possible" : ratePerMinute);
        if (warmupRatePerMinute >= 0) {
            described.put("warmupRatePerMinute", warmupRatePerMinute <= 0 ? "as fast as possible" : warmupRatePerMinute);
        }
        if (settleSeconds > 0) {
            described.put("settleSeconds", settleSeconds + " (waited after the warm-up before the measured run)");
        }
        described.put("arrival", poisson ? "poisson" : "fixed");
        described.put("autoShare", autoShare);
        described.put("llmLatency", latency);
        described.put("maxConcurrency", concurrency);
        described.put("mode", baseline ? "baseline (blocking service task on the job executor)"
                : "external task (AnalyzeRequestPoller)");
        described.put("jiraLatencyMs", jiraLatencyMillis);
        described.put("reviewDelayMs", reviewDelayMillis);
        described.put("database", "PostgreSQL " + pgHost + ":" + pgPort + "/" + database + " (recreated)");
        described.put("appJvmOpts", appJvmOpts);
        described.put("nearDuplicates", nearDuplicates == 0
                ? "0 (every request the same login text but for its bench id; analysis cache off)"
                : nearDuplicates + " (of distinct, templated tickets, sent again with small changes at least "
                        + nearDuplicateMinAgeSeconds + " s after the stub LLM answered the original; analysis cache on)");
        described.put("extraVariables", extraVariables + (extraVariables == 0 ? "" : " (process variables of a "
                + "short text set by Task_RedactRequest's output mapping in every request, in the model's copy)"));
        described.put("checkpointAtStart", checkpointAtStart);
        described.put("extraAppArgs", appArgs);
        return described;
    }
}
