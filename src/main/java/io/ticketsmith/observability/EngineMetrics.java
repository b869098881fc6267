package io.ticketsmith.observability;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.Meter;
import org.camunda.bpm.engine.management.Metrics;

/**
 * Publishes the engine's own figures to Micrometer: job executor and activity counters (the engine's
 * metrics, part flushed to its database, part still in memory) and gauges of open work and incidents.
 * Values are read from the database at most once per {@code refresh} interval, whatever the scrape rate.
 */
class EngineMetrics implements MeterBinder {

    /** Engine metric name, Prometheus-friendly meter name, description. */
    private static final List<String[]> COUNTERS = List.of(
            new String[] {Metrics.JOB_ACQUISITION_ATTEMPT, "camunda.job.acquisition.attempts", "Job acquisition cycles"},
            new String[] {Metrics.JOB_ACQUIRED_SUCCESS, "camunda.job.acquired", "Jobs acquired by the job executor"},
            new String[] {Metrics.JOB_ACQUIRED_FAILURE, "camunda.job.acquisition.failures", "Jobs that could not be acquired (locked by another node)"},
            new String[] {Metrics.JOB_EXECUTION_REJECTED, "camunda.job.rejected", "Jobs rejected because the executor queue was full"},
            new String[] {Metrics.JOB_SUCCESSFUL, "camunda.job.successful", "Jobs executed successfully"},
            new String[] {Metrics.JOB_FAILED, "camunda.job.failed", "Job executions that failed"},
            new String[] {Metrics.JOB_LOCKED_EXCLUSIVE, "camunda.job.locked.exclusive", "Exclusive jobs executed right after their predecessor"},
            new String[] {Metrics.ROOT_PROCESS_INSTANCE_START, "camunda.process.instances.started", "Root process instances started"},
            new String[] {Metrics.ACTIVTY_INSTANCE_START, "camunda.activity.instances.started", "Activity instances started"},
            new String[] {Metrics.EXECUTED_DECISION_ELEMENTS, "camunda.decision.elements.executed", "Decision elements evaluated"});

    private final ProcessEngine engine;
    private final Duration refresh;
    private final Clock clock;
    private final Map<String, Long> cache = new ConcurrentHashMap<>();
    private final Map<String, Long> readAt = new ConcurrentHashMap<>();

    EngineMetrics(ProcessEngine engine, Duration refresh, Clock clock) {
        this.engine = engine;
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String[] counter : COUNTERS) {
            String engineName = counter[0];
            FunctionCounter.builder(counter[1], this, metrics -> metrics.counterValue(engineName))
                    .description(counter[2])
                    .register(registry);
        }
        gauge(registry, "camunda.process.instances.active", "Running process instances",
                e -> e.getRuntimeService().createProcessInstanceQuery().active().count());
        gauge(registry, "camunda.user.tasks.open", "Open user tasks",
                e -> e.getTaskService().createTaskQuery().active().count());
        gauge(registry, "camunda.external.tasks.open", "External tasks waiting for or held by a worker",
                e -> e.getExternalTaskService().createExternalTaskQuery().active().count());
        gauge(registry, "camunda.jobs.executable", "Jobs due for execution",
                e -> e.getManagementService().createJobQuery().executable().count());
        gauge(registry, "camunda.jobs.without.retries", "Jobs whose retries are exhausted",
                e -> e.getManagementService().createJobQuery().noRetriesLeft().count());
        // Every user task of the product is a review, so the metrics need not know the process's element ids.
        gauge(registry, "ticketsmith.review.overdue.tasks", "Review tasks past their due date",
                engine -> engine.getTaskService().createTaskQuery()
                        .dueBefore(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime()).count());
        gauge(registry, "camunda.incidents.open", "Open incidents",
                e -> e.getRuntimeService().createIncidentQuery().count());
    }

    private void gauge(MeterRegistry registry, String name, String description, ToLongFunction<ProcessEngine> query) {
        Gauge.builder(name, this, metrics -> metrics.cached(name, () -> query.applyAsLong(engine)))
                .description(description)
                .register(registry);
    }

    /** The engine's total: what its reporter flushed to the database plus what it still holds in memory. */
    private double counterValue(String engineName) {
        return cached("counter:" + engineName, () -> {
            long reported = engine.getManagementService().createMetricsQuery().name(engineName).sum();
            Meter pending = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                    .getMetricsRegistry().getDbMeterByName(engineName);
            long total = reported + (pending == null ? 0 : pending.get());
            // The reporter clears memory before its insert commits; never let the counter appear to go back.
            return Math.max(total, cache.getOrDefault("counter:" + engineName, 0L));
        });
    }

    private double cached(String key, LongSupplier read) {
        long now = clock.millis();
        Long at = readAt.get(key);
        if (at == null || now - at >= refresh.toMillis()) {
            cache.put(key, read.getAsLong());
            readAt.put(key, now);
        }
        return cache.get(key);
    }
}
