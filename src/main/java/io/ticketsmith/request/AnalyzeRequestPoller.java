package io.ticketsmith.request;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.ticketsmith.llm.LlmProperties;
import io.ticketsmith.llm.LlmSlots;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Fetches {@code analyze-request} tasks and hands them to {@link AnalyzeRequestWorker}. A slot is taken for each
 * fetched task and given back as soon as the LLM has answered, so at most {@code ticketsmith.llm.max-concurrency}
 * calls are in flight; completing the task in the engine (the priority and guardrail decisions that follow) runs
 * on the same thread but no longer holds the slot, so the LLM is kept busy while the engine works. It only fetches
 * as many tasks as it has free slots, so a locked task never waits in a queue while its lock runs out, and other
 * nodes can take the rest. A call that ends
 * fetches the next task at once rather than at the next poll interval: under load every slot would otherwise sit
 * idle for half an interval on average after each call, which costs throughput in proportion to the interval
 * over the LLM's latency. It fetches again only where a task may be waiting: after a fetch that filled every free
 * slot, or found none free. A fetch that found fewer tasks than free slots has seen every task there was; one
 * created later is fetched on its hint ({@link AnalysisTaskHint}) or, from another node or after a retry's wait, at
 * the next interval, so neither its loop nor a freed slot fetches again to find nothing.
 *
 * <p>Locks are short ({@code ticketsmith.llm.lock-duration}, 30 s) and kept alive: while a task is being handled, its
 * lock is extended every third of that time. So a task whose node died is taken up by another node within the lock
 * duration rather than after minutes, and a slow call never loses its task.
 */
@Component
@ConditionalOnProperty(name = "ticketsmith.llm.worker", havingValue = "true", matchIfMissing = true)
class AnalyzeRequestPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AnalyzeRequestPoller.class);

    private final ExternalTaskService externalTasks;
    private final AnalyzeRequestWorker worker;
    private final LlmProperties properties;
    private final String workerId;
    private final LlmSlots slots;
    private final AtomicBoolean pollRequested = new AtomicBoolean();
    /** Whether tasks may be waiting for a slot: written by the poller thread only, read when a slot is freed. */
    private volatile boolean mayBeWaiting = true;
    /** Tasks being handled on this node, whose locks are kept alive. */
    private final java.util.Set<String> handling = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Object extending = new Object();
    private ScheduledExecutorService poller;
    private ExecutorService calls;
    private volatile boolean running;

    AnalyzeRequestPoller(ExternalTaskService externalTasks, AnalyzeRequestWorker worker, LlmProperties properties,
            LlmSlots slots) {
        this.externalTasks = externalTasks;
        this.worker = worker;
        this.properties = properties;
        this.workerId = "ticketsmith-" + ManagementFactory.getRuntimeMXBean().getName();
        this.slots = slots;
    }

    @Override
    public void start() {
        AtomicInteger threadNumber = new AtomicInteger();
        // Twice the slots: a thread completing its task in the engine must not keep a freed slot from being used.
        int threads = 2 * properties.maxConcurrency();
        calls = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "llm-analysis-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        poller = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "llm-analysis-poller");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        poller.scheduleWithFixedDelay(this::pollSafely, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        long keepAlive = Math.max(100, properties.lockDuration().toMillis() / 3);
        poller.scheduleWithFixedDelay(this::extendLocks, keepAlive, keepAlive, TimeUnit.MILLISECONDS);
        log.info("Analysis worker {} started: at most {} LLM calls at once", workerId, properties.maxConcurrency());
    }

    private void pollSafely() {
        try {
            // Keep fetching while each fetch fills every free slot, then rest until a hint or the next interval.
            while (running && poll() > 0 && mayBeWaiting) {
                Thread.onSpinWait();
            }
        } catch (RuntimeException e) {
            log.warn("Fetching analysis tasks failed; trying again in {}", properties.pollInterval(), e);
        }
    }

    /** Fetches and dispatches up to the number of free slots; returns how many were dispatched. */
    int poll() {
        // Set before the free slots are counted: a slot freed after the count then sees it, and fetches.
        mayBeWaiting = true;
        int free = slots.free();
        if (free == 0) {
            return 0;
        }
        List<LockedExternalTask> tasks = externalTasks.fetchAndLock(free, workerId)
                .topic(HandleRequestProcess.Topics.ANALYZE_REQUEST, properties.lockDuration().toMillis())
                .variables(AnalyzeRequestWorker.VARIABLES)
                .execute();
        mayBeWaiting = tasks.size() >= free;
        for (LockedExternalTask task : tasks) {
            slots.take();
            AtomicBoolean released = new AtomicBoolean();
            Runnable releaseSlot = () -> {
                if (released.compareAndSet(false, true)) {
                    stopExtending(task.getId());
                    slots.release();
                    if (mayBeWaiting) {
                        pollNow();
                    }
                }
            };
            handling.add(task.getId());
            calls.execute(() -> {
                try {
                    worker.handle(task, workerId, releaseSlot);
                } catch (RuntimeException e) {
                    // The lock expires and the task is fetched again; nothing is lost.
                    log.error("Analysis of request {} failed unexpectedly", task.getBusinessKey(), e);
                } finally {
                    releaseSlot.run();
                }
            });
        }
        return tasks.size();
    }

    /**
     * Extends the lock of every task this node is still waiting on the LLM for by a full lock duration. A task whose
     * LLM calls are done is about to be completed: extending its lock then would change the task in the same moment
     * and make the completion fail on a concurrent update, so the worker's signal ({@link #stopExtending}) and an
     * extension never overlap.
     */
    void extendLocks() {
        for (String taskId : handling) {
            synchronized (extending) {
                if (!handling.contains(taskId)) {
                    continue;
                }
                try {
                    externalTasks.extendLock(taskId, workerId, properties.lockDuration().toMillis());
                } catch (RuntimeException e) {
                    // Completed or failed meanwhile, or the request was cancelled: nothing to keep.
                    log.debug("Lock of analysis task {} not extended: {}", taskId, e.getMessage());
                }
            }
        }
    }

    private void stopExtending(String taskId) {
        synchronized (extending) {
            handling.remove(taskId);
        }
    }

    /** An analysis task was created on this node ({@link AnalysisTaskHint}): fetched now, not at the next poll. */
    void taskCreated() {
        pollNow();
    }

    /** Fetches on the poller thread as soon as it is free; requests that arrive meanwhile share one fetch. */
    private void pollNow() {
        if (running && pollRequested.compareAndSet(false, true)) {
            try {
                poller.execute(() -> {
                    pollRequested.set(false);
                    pollSafely();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                pollRequested.set(false);
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (poller != null) {
            poller.shutdownNow();
        }
        if (calls != null) {
            calls.shutdown();
            try {
                // Calls still running keep their lock; an unfinished task is fetched again after it expires.
                calls.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after the engine (and its job executor), stop before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
