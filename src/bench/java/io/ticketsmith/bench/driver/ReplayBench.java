package io.ticketsmith.bench.driver;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.models.ModelPolicy;
import io.ticketsmith.replay.CandidateTable;
import io.ticketsmith.replay.DecisionReplay;
import io.ticketsmith.replay.EngineRecordedDecisions;
import io.ticketsmith.replay.ReplayFilter;
import io.ticketsmith.replay.ReplayReport;
import io.ticketsmith.replay.StandaloneDecisions;
import io.ticketsmith.request.HandleRequestProcess;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;

/**
 * How long a what-if replay of the guardrails takes over 10,000 recorded requests, and the heap it needs. The history
 * is the engine's own: {@code dmn/guardrails.dmn} is deployed to an engine on an H2 file with full history and
 * evaluated by a business rule task with the id of "Check guardrails" once per request, with varied inputs and
 * reviews; then the replay reads it back page by page ({@link EngineRecordedDecisions}) and evaluates a candidate
 * (the shipped table with the AUTO confidence threshold lowered) and the current table on every input set.
 * Building the history is timed apart from the replay.
 *
 * <pre>src/bench/replay.sh [--requests=10000]</pre>
 */
public final class ReplayBench {

    private ReplayBench() {
    }

    public static void main(String[] args) throws Exception {
        int requests = 10_000;
        for (String arg : args) {
            if (arg.startsWith("--requests=")) {
                requests = Integer.parseInt(arg.substring("--requests=".length()));
            }
        }
        Path database = Path.of("target/replay-bench/history");
        Files.createDirectories(database.getParent());
        try (var old = Files.list(database.getParent())) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneProcessEngineConfiguration()
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP)
                .setProcessEngineName("replay-bench")
                // A database on disk: in memory, H2 would hold the whole history in the heap that is measured.
                .setJdbcUrl("jdbc:h2:file:" + database.toAbsolutePath() + ";DB_CLOSE_DELAY=-1")
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setJobExecutorActivate(false);
        configuration.setDefaultSerializationFormat("application/json");
        configuration.setProcessEnginePlugins(new ArrayList<ProcessEnginePlugin>(List.of(new SpinProcessEnginePlugin())));
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            Path table = Path.of("dmn/guardrails.dmn");
            engine.getRepositoryService().createDeployment().addInputStream("guardrails.dmn", Files.newInputStream(table))
                    .addModelInstance("recorded.bpmn", Bpmn.createExecutableProcess("recorded").camundaHistoryTimeToLive(1)
                            .startEvent().businessRuleTask(HandleRequestProcess.Elements.CHECK_GUARDRAILS)
                            .camundaDecisionRef("guardrails").camundaMapDecisionResult("singleResult")
                            .camundaResultVariable("guardrailDecision").endEvent().done())
                    .deploy();

            Instant from = Instant.now().minusSeconds(1);
            long started = System.nanoTime();
            Random random = new Random(42);
            for (int i = 0; i < requests; i++) {
                engine.getRuntimeService().startProcessInstanceByKey("recorded", "REQ-" + i, variables(random));
            }
            Duration building = Duration.ofNanos(System.nanoTime() - started);
            log("history of %d requests built in %.1f s", requests, building.toMillis() / 1000.0);

            StandaloneDecisions decisions = new StandaloneDecisions(
                    new ModelPolicy(Set::of, name -> false, new ObjectMapper()), configuration.getDmnEngineConfiguration());
            String shipped = Files.readString(table);
            CandidateTable current = decisions.parse("current", shipped.getBytes());
            CandidateTable candidate = decisions.parse("candidate", lowerAutoThreshold(shipped).getBytes());

            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long heapBefore = used(heap, false);
            DecisionReplay replay = new DecisionReplay(new EngineRecordedDecisions(configuration, new ObjectMapper(), 500),
                    100);
            started = System.nanoTime();
            ReplayReport report = replay.replay(candidate, current, new ReplayFilter(from, Instant.now().plusSeconds(1),
                    null, null, null));
            Duration replaying = Duration.ofNanos(System.nanoTime() - started);
            long peak = used(heap, true);

            StringBuilder md = new StringBuilder();
            md.append("# What-if replay of the guardrails over ").append(requests).append(" recorded requests\n\n");
            md.append("Measured by `src/bench/replay.sh` (ReplayBench) on ").append(Runtime.getRuntime().availableProcessors())
                    .append(" cores, H2 on disk, Java ").append(System.getProperty("java.version")).append(".\n\n");
            md.append(String.format(Locale.ROOT, "| figure | value |%n|---|---|%n"));
            md.append(String.format(Locale.ROOT, "| requests replayed | %d |%n", report.requests()));
            md.append(String.format(Locale.ROOT, "| replay time (read history + 2 tables evaluated) | %.2f s |%n",
                    replaying.toMillis() / 1000.0));
            md.append(String.format(Locale.ROOT, "| peak heap during the replay (sum of pool peaks) | %d MB (%d MB before) |%n",
                    peak / 1_048_576, heapBefore / 1_048_576));
            md.append(String.format(Locale.ROOT, "| building the history (not part of the replay) | %.1f s |%n",
                    building.toMillis() / 1000.0));
            md.append(String.format(Locale.ROOT, "| route changes | %s |%n", report.routeChanges().stream()
                    .map(change -> change.from() + "→" + change.to() + " " + change.count()).toList()));
            md.append(String.format(Locale.ROOT, "| candidate AUTO share / precision | %s / %s |%n",
                    report.candidateFigures().autoShare(), report.candidateFigures().autoPrecision()));
            Path results = Path.of("src/bench/results");
            Files.createDirectories(results);
            Files.writeString(results.resolve("replay-10k.md"), md.toString());
            System.out.println();
            System.out.println(md);
        } finally {
            engine.close();
        }
    }

    /** The shipped table with the AUTO rule's confidence bound lowered from 0.9 to 0.6: what a replay is for. */
    private static String lowerAutoThreshold(String table) {
        return table.replace("<text>&gt;= 0.9</text>", "<text>&gt;= 0.6</text>");
    }

    private static Map<String, Object> variables(Random random) {
        Map<String, Object> variables = new HashMap<>();
        double confidence = 0.3 + random.nextDouble() * 0.7;
        variables.put("actionAssignees", random.nextInt(50) == 0 ? List.of("ceo") : List.of());
        variables.put("urgency", List.of("low", "medium", "high", "critical").get(random.nextInt(4)));
        variables.put("sentiment", List.of("positive", "neutral", "negative").get(random.nextInt(3)));
        variables.put("analysisSource", random.nextInt(10) == 0 ? "fallback" : "llm");
        variables.put("minConfidence", confidence);
        variables.put("transitionTargets", List.of());
        variables.put("actionTypes", List.of(random.nextBoolean() ? "create_issue" : "comment"));
        variables.put("actionsInAllowedProjects", random.nextInt(4) != 0);
        variables.put("injectionScore", random.nextInt(30) == 0 ? 0.9 : 0.0);
        variables.put("duplicateScore", random.nextDouble() * 0.5);
        variables.put("source", random.nextBoolean() ? "api" : "jira");
        variables.put("category", List.of("bug", "access", "question", "feature").get(random.nextInt(4)));
        String project = List.of("WEB", "OPS", "APP").get(random.nextInt(3));
        variables.put("proposedActions", "[{\"type\":\"create_issue\",\"project\":\"" + project + "\",\"summary\":\"s\"}]");
        int review = random.nextInt(10);
        if (review < 8) {
            // More confident analyses are more often right as proposed.
            String decision = random.nextDouble() < 0.15 ? "reject" : "approve";
            boolean edited = random.nextDouble() > confidence;
            variables.put("reviews", "[{\"by\":\"reviewer\",\"at\":\"2026-11-02T10:00:00Z\",\"decision\":\"" + decision
                    + "\",\"changes\":" + (edited ? "[{\"field\":\"project\"}]" : "[]") + "}]");
        }
        return variables;
    }

    private static long used(List<MemoryPoolMXBean> heap, boolean peak) {
        return heap.stream().mapToLong(pool -> peak ? pool.getPeakUsage().getUsed() : pool.getUsage().getUsed()).sum();
    }

    private static void log(String format, Object... args) {
        System.out.println("[replay bench] " + String.format(Locale.ROOT, format, args));
    }
}
