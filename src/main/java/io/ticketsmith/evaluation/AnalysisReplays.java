package io.ticketsmith.evaluation;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Replays the analysis over a sample of finished requests with a chosen prompt and the configured provider and model,
 * and reports how it agrees with what was finally decided. Reads history and asks the model; writes nothing to the
 * engine, Jira or the budget's ledger. Replays run one at a time in the background; the last ones are kept in memory.
 */
@Service
public class AnalysisReplays implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AnalysisReplays.class);
    private static final int KEPT = 20;

    public enum Status { RUNNING, DONE, FAILED }

    /** A replay as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Replay(String id, Status status, String promptVersion, int sampleSize, CostEstimate estimate,
            Instant startedAt, Instant finishedAt, AnalysisReport report, String failure) {

        Replay finished(AnalysisReport result, Instant at) {
            return new Replay(id, Status.DONE, promptVersion, sampleSize, estimate, startedAt, at, result, null);
        }

        Replay failed(String reason, Instant at) {
            return new Replay(id, Status.FAILED, promptVersion, sampleSize, estimate, startedAt, at, null, reason);
        }
    }

    private final FinishedRequests finishedRequests;
    private final AnalysisBatch batch;
    private final AnalysisReplayProperties properties;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "analysis-replay");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Replay> replays = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Replay> eldest) {
                    return size() > KEPT;
                }
            });

    AnalysisReplays(FinishedRequests finishedRequests, AnalysisBatch batch, AnalysisReplayProperties properties,
            Clock clock) {
        this.finishedRequests = finishedRequests;
        this.batch = batch;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Estimates the replay's cost and starts it in the background.
     *
     * @param promptVersion a prompt that exists, or null for the current one
     * @param sampleSize    how many finished requests, or null for the configured default
     * @throws CostLimitExceededException beyond {@code ticketsmith.replay.max-cost-usd}; nothing was started
     * @throws IllegalArgumentException   an unknown prompt, or a sample size out of range
     * @throws IllegalStateException      no LLM is configured
     */
    public Replay start(String promptVersion, Integer sampleSize) {
        String version = batch.promptVersion(promptVersion);
        int size = sampleSize == null ? properties.defaultSampleSize() : sampleSize;
        if (size < 1 || size > properties.maxSampleSize()) {
            throw new IllegalArgumentException("sampleSize must be between 1 and " + properties.maxSampleSize());
        }
        List<AnalysisBatch.Case> cases = finishedRequests.sample(size);
        CostEstimate estimate = batch.estimate(cases, version);
        if (!estimate.within(properties.maxCostUsd())) {
            throw new CostLimitExceededException(estimate, properties.maxCostUsd());
        }
        if (!batchEnabled()) {
            throw new IllegalStateException("No LLM is configured: there is nothing to replay the analysis with");
        }
        Replay replay = new Replay(UUID.randomUUID().toString(), Status.RUNNING, version, cases.size(), estimate,
                clock.instant(), null, null, null);
        replays.put(replay.id(), replay);
        runner.execute(() -> run(replay, cases));
        return replay;
    }

    public Optional<Replay> find(String id) {
        return Optional.ofNullable(replays.get(id));
    }

    private void run(Replay replay, List<AnalysisBatch.Case> cases) {
        try {
            List<Sample> samples = batch.analyse(cases, replay.promptVersion(), properties.maxCostUsd());
            AnalysisReport report = batch.report(samples, replay.promptVersion(),
                    "replay of " + cases.size() + " finished requests", replay.estimate());
            replays.put(replay.id(), replay.finished(report, clock.instant()));
        } catch (RuntimeException e) {
            // Only the kind of failure: a provider's message may quote the request.
            log.warn("Analysis replay {} failed: {}", replay.id(), e.getClass().getSimpleName());
            replays.put(replay.id(), replay.failed(e.getClass().getSimpleName(), clock.instant()));
        }
    }

    private boolean batchEnabled() {
        return batch.enabled();
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
