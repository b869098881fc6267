package io.ticketsmith.bench.driver;

import java.util.List;
import java.util.Map;

/** The run's report as Markdown, for people; the JSON next to it has every figure. */
final class Report {

    private Report() {
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> report, Options options) {
        StringBuilder md = new StringBuilder();
        Map<String, Object> machine = (Map<String, Object>) report.get("machine");
        md.append("# Benchmark run: ").append(report.get("label")).append("\n\n");
        md.append("Started ").append(report.get("startedAt")).append(", ended ").append(report.get("endedAt"))
                .append(". ").append(machine.get("cores")).append(" cores; load average (1, 5, 15 min, runnable/total, "
                        + "last pid) at start `").append(machine.get("uptimeAtStart")).append("`, at end `")
                .append(machine.get("uptimeAtEnd")).append("`.");
        if (machine.get("autovacuum") != null) {
            md.append(" PostgreSQL autovacuum: ").append(machine.get("autovacuum")).append('.');
        }
        md.append("\n\n");
        md.append("## Parameters\n\n| parameter | value |\n|---|---|\n");
        ((Map<String, Object>) report.get("parameters")).forEach((name, value) ->
                md.append("| ").append(name).append(" | ").append(value).append(" |\n"));
        Map<String, Object> figures = (Map<String, Object>) report.get("figures");
        if (figures == null) {
            md.append("\nThe run did not produce figures; see the application log.\n");
            return md.toString();
        }
        Map<String, Object> throughput = (Map<String, Object>) figures.get("throughput");
        Map<String, Object> latency = (Map<String, Object>) figures.get("latency");
        Map<String, Object> overhead = (Map<String, Object>) figures.get("engineOverhead");
        Map<String, Object> acquisition = (Map<String, Object>) figures.get("jobAcquisitionDelay");
        Map<String, Object> resources = (Map<String, Object>) figures.get("resources");
        Map<String, Object> health = (Map<String, Object>) figures.get("health");
        Map<String, Object> inFlight = (Map<String, Object>) throughput.get("llmInFlight");
        Map<String, Object> zeroLost = (Map<String, Object>) health.get("zeroLost");

        md.append("\n## Throughput\n\n| figure | value |\n|---|---|\n");
        row(md, "accepted / finished", throughput.get("accepted") + " / " + throughput.get("finished"));
        row(md, "all finished before the timeout", report.get("finishedInTime"));
        row(md, "submitting took (s)", throughput.get("submitSeconds"));
        row(md, "first request sent to last finished (s)", throughput.get("runSeconds"));
        row(md, "**tickets per minute, end to end**", "**" + throughput.get("ticketsPerMinute") + "**");
        row(md, "tickets per minute, steady state (10th to 90th percentile of completions)",
                throughput.get("steadyTicketsPerMinute"));
        row(md, "LLM calls (without marker)", throughput.get("llmCalls") + " (" + throughput.get("llmCallsWithoutMarker")
                + ")");
        row(md, "LLM latency at the stub, mean (ms)", sub(throughput, "llmLatencyMs", "mean"));
        row(md, "LLM calls in flight, max / time-weighted mean", inFlight.get("max") + " / "
                + Stats.round(((Number) inFlight.get("mean")).doubleValue()));
        row(md, "theoretical bound 60 × concurrency / mean LLM latency (per min)",
                throughput.get("theoreticalBoundPerMinute"));
        row(md, "**ratio achieved / bound** (end to end; steady state)", "**" + throughput.get("ratioToBound")
                + "**; " + throughput.get("steadyRatioToBound"));

        Map<String, Object> cache = (Map<String, Object>) figures.get("analysisCache");
        if (cache != null) {
            md.append("\n## Analysis cache and near-duplicates\n\n| figure | value |\n|---|---|\n");
            row(md, "analysis cache", Boolean.TRUE.equals(cache.get("cacheEnabled")) ? "on" : "off");
            row(md, "requests / near-duplicates sent", cache.get("requests") + " / " + cache.get("nearDuplicatesSent"));
            row(md, "**LLM calls made** (stub LLM, measured requests)", "**" + cache.get("llmCallsMade") + "**");
            row(md, "cache hits / misses (ticketsmith_analysis_cache_total, after the warm-up)", cache.get("cacheHits")
                    + " / " + cache.get("cacheMisses"));
            row(md, "**LLM calls saved** (= hits); near-duplicates that hit their own ticket", "**"
                    + cache.get("llmCallsSaved") + "**; " + cache.get("nearDuplicatesHit") + " of "
                    + cache.get("nearDuplicatesSent") + " (" + cache.get("nearDuplicatesHitShare") + ")");
            row(md, "originals analysed after their repeat, reusing its analysis (same ticket)",
                    cache.get("originalsReusingTheirRepeat"));
            row(md, "**false hits**: another ticket's analysis reused (by a distinct ticket; by a near-duplicate)",
                    "**" + cache.get("falseHits") + "** (" + cache.get("falseHitsOnDistinctTickets") + "; "
                    + cache.get("falseHitsOnAnotherTicketsAnalysis") + ")");
            row(md, "false hits counted by", cache.get("falseHitsCountedBy") + "; hits found there "
                    + cache.get("hitsInDecisionRecords") + ", records not read " + cache.get("decisionRecordErrors"));
            row(md, "near-duplicates hit by variation (hit / sent)", variations(cache.get("nearDuplicatesByVariation")));
            row(md, "near-duplicate sent after its original (ms) min / p50 / max",
                    sub(cache, "nearDuplicateOriginalAgeMs", "min") + " / " + sub(cache, "nearDuplicateOriginalAgeMs", "p50")
                            + " / " + sub(cache, "nearDuplicateOriginalAgeMs", "max"));
            row(md, "GET /api/costs analysisCache (today, warm-up included)", cache.get("costsApiAnalysisCacheToday"));
        }

        md.append("\n## Latency (ms)\n\n| figure | p50 | p95 | p99 | max | n |\n|---|---|---|---|---|---|\n");
        percentiles(md, "**accept → first Jira call, without LLM time** (AUTO)", latency.get("autoAcceptToJiraExclLlmMs"));
        percentiles(md, "**accept → Jira create call, without LLM time** (AUTO; a retried create searches first)",
                latency.get("autoAcceptToJiraCreateExclLlmMs"));
        percentiles(md, "accept → first Jira call, without LLM time and review wait (reviewed)",
                latency.get("reviewedAcceptToJiraExclLlmAndReviewMs"));
        percentiles(md, "accept → first Jira call, without LLM and review (all)", latency.get("allAcceptToJiraExclLlmMs"));
        percentiles(md, "accept → LLM call starts (includes waiting for a free LLM slot)", latency.get("acceptToLlmCallMs"));
        percentiles(md, "analysis task created → LLM call starts", latency.get("analysisTaskCreatedToLlmCallMs"));
        percentiles(md, "LLM answer → first Jira call (AUTO)", latency.get("autoLlmAnswerToJiraMs"));
        percentiles(md, "POST /api/requests response time", latency.get("intakeResponseMs"));
        percentiles(md, "**engine overhead per request** (DB transactions, net of HTTP)", overhead.get("perRequestMs"));
        percentiles(md, "engine CPU per request (CPU time of the threads in those transactions)",
                overhead.get("perRequestCpuMs"));
        percentiles(md, "transactions per request", overhead.get("transactionsPerRequest"));
        percentiles(md, "outbound HTTP inside transactions per request", overhead.get("httpInsideTransactionsPerRequestMs"));
        percentiles(md, "job acquisition delay, all jobs", acquisition.get("allJobsMs"));
        acquisition.forEach((activity, summary) -> {
            if (!activity.equals("allJobsMs")) {
                percentiles(md, "job acquisition delay, " + activity, summary);
            }
        });
        md.append("\nBackground engine work not attributable to a request (job acquisition, empty fetches, metrics, "
                + "model folder polling): ").append(overhead.get("backgroundMs")).append(" ms in ")
                .append(overhead.get("backgroundTransactions")).append(" transactions, ")
                .append(overhead.get("backgroundMsPerRequest")).append(" ms per request (CPU ")
                .append(overhead.get("backgroundCpuMs")).append(" ms in all). Largest kinds: ")
                .append(overhead.get("backgroundByKind")).append(".\n");

        md.append("\n## Resources\n\n| figure | value |\n|---|---|\n");
        row(md, "application CPU (s; mean cores; ms per request)", resources.get("appCpuSeconds") + "; "
                + resources.get("appCpuCoresMean") + "; " + resources.get("appCpuMsPerRequest"));
        row(md, "PostgreSQL backends CPU (s; ms per request; of it the emulated autovacuum's VACUUM and ANALYZE, "
                + "ms per request)", resources.get("databaseCpuSeconds") + "; "
                + resources.get("databaseCpuMsPerRequest") + "; " + resources.get("databaseAutovacuumCpuMsPerRequest"));
        row(md, "application CPU by threads (ms per request)", resources.get("appCpuMsPerRequestByThreads"));
        row(md, "the machine's CPU during the run (ms per request: available on all cores, busy, and who used it)",
                resources.get("machineCpuMsPerRequest"));
        row(md, "JIT compiler threads' CPU during the measured run (s; share of the application CPU)",
                resources.get("jitCompilationSeconds") + "; " + resources.get("jitShareOfAppCpu"));
        row(md, "heap used (MB) mean / max", sub(resources, "heapUsedMb", "mean") + " / " + sub(resources, "heapUsedMb", "max"));
        row(md, "resident set size (MB) max", sub(resources, "rssMb", "max"));
        row(md, "process CPU usage (actuator) mean / max", sub(resources, "processCpuUsage", "mean") + " / "
                + sub(resources, "processCpuUsage", "max"));
        row(md, "machine CPU usage (actuator) mean / max", sub(resources, "systemCpuUsage", "mean") + " / "
                + sub(resources, "systemCpuUsage", "max"));
        row(md, "Hikari active connections mean / max; pending max", sub(resources, "hikariActive", "mean") + " / "
                + sub(resources, "hikariActive", "max") + "; " + sub(resources, "hikariPending", "max"));
        row(md, "live threads max", sub(resources, "liveThreads", "max"));
        row(md, "database growth per request (bytes)", resources.get("databaseGrowthBytesPerRequest"));
        row(md, "of which the engine's runtime tables (act_ru_*, rows deleted when a request ends) (bytes)",
                resources.get("runtimeTablesGrowthBytesPerRequest"));
        row(md, "WAL written per request (bytes; the server's, during the measured requests)",
                resources.get("walBytesPerRequest"));
        row(md, "WAL records / full-page images / flushes to disk per request; checkpoints begun during the run "
                + "(pages they wrote)",
                resources.get("walRecordsPerRequest") + " / " + resources.get("walFullPageImagesPerRequest") + " / "
                        + resources.get("walFlushesPerRequest") + "; "
                        + resources.get("checkpointsDuringRun") + " (" + resources.get("checkpointPagesWritten") + ")");
        row(md, "growth per request by table, with indexes and TOAST (bytes)", largest(resources.get(
                "tableGrowthBytesPerRequest"), 12));
        row(md, "history rows per request", resources.get("historyRowsPerRequest"));
        row(md, "application start-up (s)", report.get("startupSeconds"));

        md.append("\n## Errors, retries, incidents, nothing lost\n\n| check | value |\n|---|---|\n");
        row(md, "application log ERROR / WARN lines", health.get("appLogErrors") + " / " + health.get("appLogWarnings"));
        row(md, "driver HTTP errors: submit / review", health.get("submitErrors") + " / " + health.get("reviewErrors"));
        row(md, "reviews completed through the REST API (mean ms per completion)", health.get("reviewsCompleted")
                + " (" + health.get("reviewCompleteMeanMs") + ")");
        row(md, "retries: external task failures / job failures", health.get("externalTaskFailures") + " / "
                + health.get("jobFailures"));
        row(md, "incidents: open (REST) / ever", health.get("incidentsRest") + " / " + health.get("incidentsHistoric"));
        row(md, "keyword-rules fallbacks", health.get("fallbacks"));
        row(md, "route differing from the one asked for", health.get("routeMismatches"));
        row(md, "Jira issues created / duplicates", health.get("jiraIssuesCreated") + " / "
                + health.get("duplicateJiraIssues"));
        row(md, "request statuses", health.get("requestStatuses"));
        row(md, "**accepted = finished + waiting in review, nothing in flight**", "**" + zeroLost.get("ok") + "** ("
                + zeroLost.get("accepted") + " = " + zeroLost.get("finished") + " + " + zeroLost.get("waitingInReview")
                + ", in flight " + zeroLost.get("inFlight") + ", open jobs " + zeroLost.get("openJobs")
                + ", open analysis tasks " + zeroLost.get("openExternalTasks") + ")");
        for (String key : List.of("appLogErrorSamples", "submitErrorSamples", "reviewErrorSamples")) {
            List<String> lines = (List<String>) health.get(key);
            if (lines != null && !lines.isEmpty()) {
                md.append("\n").append(key).append(":\n\n```\n");
                lines.forEach(line -> md.append(line.length() > 400 ? line.substring(0, 400) + "…" : line).append('\n'));
                md.append("```\n");
            }
        }
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object sub(Map<String, Object> map, String key, String field) {
        Object nested = map.get(key);
        return nested instanceof Map<?, ?> values ? ((Map<String, Object>) values).get(field) : null;
    }

    @SuppressWarnings("unchecked")
    private static String variations(Object byVariation) {
        StringBuilder text = new StringBuilder();
        ((Map<String, Map<String, Object>>) byVariation).forEach((variation, counts) -> text
                .append(text.isEmpty() ? "" : ", ").append(variation).append(' ').append(counts.get("hit")).append(" / ")
                .append(counts.get("sent")));
        return text.toString();
    }

    private static void row(StringBuilder md, String name, Object value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    @SuppressWarnings("unchecked")
    private static void percentiles(StringBuilder md, String name, Object summary) {
        Map<String, Object> values = (Map<String, Object>) summary;
        md.append("| ").append(name).append(" | ").append(values.get("p50")).append(" | ").append(values.get("p95"))
                .append(" | ").append(values.get("p99")).append(" | ").append(values.get("max")).append(" | ")
                .append(values.get("count")).append(" |\n");
    }

    /** The first {@code count} entries of a map reported as an object, as "name 123, name 45". */
    private static String largest(Object map, int count) {
        if (!(map instanceof Map<?, ?> entries) || entries.isEmpty()) {
            return "–";
        }
        return entries.entrySet().stream().limit(count).map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
