package io.ticketsmith.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import io.ticketsmith.llm.LlmProperties;
import io.ticketsmith.llm.LlmSlots;
import io.ticketsmith.support.InMemoryEngine;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The poller never has more LLM calls in flight, or more tasks locked, than ticketsmith.llm.max-concurrency. */
class AnalyzeRequestPollerTest {

    private static final int MAX_CONCURRENCY = 2;
    private static final int REQUESTS = 6;

    private ProcessEngine engine;
    private AnalyzeRequestPoller poller;
    private final Semaphore llmAnswers = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    @BeforeEach
    void startEngineWithWaitingRequests() {
        engine = InMemoryEngine.start("analyze-request-poller-test");
        deployAnalysisOnly(engine);
        for (int i = 0; i < REQUESTS; i++) {
            engine.getRuntimeService().startProcessInstanceByKey("analysis-only", "REQ-" + i);
        }
    }

    @AfterEach
    void stop() {
        if (poller != null) {
            poller.stop();
        }
        engine.close();
    }

    @Test
    void neverRunsOrLocksMoreAnalysesThanTheConfiguredConcurrency() {
        AnalyzeRequestWorker worker = mock(AnalyzeRequestWorker.class);
        doAnswer(invocation -> {
            LockedExternalTask task = invocation.getArgument(0);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            llmAnswers.acquire(); // the "LLM" answers when the test says so
            inFlight.decrementAndGet();
            Runnable llmCallsDone = invocation.getArgument(2);
            llmCallsDone.run();
            engine.getExternalTaskService().complete(task.getId(), invocation.getArgument(1));
            return null;
        }).when(worker).handle(any(), anyString(), any());
        poller = poller(worker, new LlmProperties(MAX_CONCURRENCY,
                List.of(Duration.ofSeconds(10)), Duration.ofMinutes(5), Duration.ofMillis(20), true));

        poller.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == MAX_CONCURRENCY);
        assertThat(engine.getExternalTaskService().createExternalTaskQuery().locked().count())
                .as("tasks locked while both slots are busy").isEqualTo(MAX_CONCURRENCY);

        llmAnswers.release(REQUESTS);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> engine.getRuntimeService().createProcessInstanceQuery().count() == 0);
        assertThat(maxInFlight.get()).isEqualTo(MAX_CONCURRENCY);
    }

    @Test
    void aFinishedCallFetchesTheNextTaskWithoutWaitingForThePollInterval() {
        AnalyzeRequestWorker worker = mock(AnalyzeRequestWorker.class);
        doAnswer(invocation -> {
            LockedExternalTask task = invocation.getArgument(0);
            inFlight.incrementAndGet();
            llmAnswers.acquire();
            ((Runnable) invocation.getArgument(2)).run();
            engine.getExternalTaskService().complete(task.getId(), invocation.getArgument(1));
            return null;
        }).when(worker).handle(any(), anyString(), any());
        // An interval far longer than the test may take: only a freed slot can trigger the next fetch.
        poller = poller(worker, new LlmProperties(1,
                List.of(Duration.ofSeconds(10)), Duration.ofMinutes(5), Duration.ofMinutes(10), true));

        poller.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == 1);

        llmAnswers.release();
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.get() == 2);
        llmAnswers.release(REQUESTS);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> engine.getRuntimeService().createProcessInstanceQuery().count() == 0);
    }

    @Test
    void aFetchThatLeftSlotsFreeIsNotRepeatedUntilATaskIsCreated() {
        AtomicInteger fetches = new AtomicInteger();
        ExternalTaskService counting = (ExternalTaskService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ExternalTaskService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("fetchAndLock")) {
                        fetches.incrementAndGet();
                    }
                    try {
                        return method.invoke(engine.getExternalTaskService(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        AnalyzeRequestWorker worker = mock(AnalyzeRequestWorker.class);
        doAnswer(invocation -> {
            LockedExternalTask task = invocation.getArgument(0);
            ((Runnable) invocation.getArgument(2)).run();
            engine.getExternalTaskService().complete(task.getId(), invocation.getArgument(1));
            return null;
        }).when(worker).handle(any(), anyString(), any());
        // More slots than waiting tasks, and an interval far longer than the test.
        LlmProperties properties = new LlmProperties(REQUESTS + 2,
                List.of(Duration.ofSeconds(10)), Duration.ofMinutes(5), Duration.ofMinutes(10), true);
        poller = new AnalyzeRequestPoller(counting, worker, properties, new LlmSlots(properties));

        poller.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> engine.getRuntimeService().createProcessInstanceQuery().count() == 0);
        assertThat(fetches.get()).as("one fetch took every task; neither it nor a finished call fetched again")
                .isEqualTo(1);

        engine.getRuntimeService().startProcessInstanceByKey("analysis-only", "REQ-LATER");
        poller.taskCreated();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> engine.getRuntimeService().createProcessInstanceQuery().count() == 0);
        assertThat(fetches.get()).as("the new task's hint fetched it").isEqualTo(2);
    }

    @Test
    void theNextAnalysisStartsWhileTheLastOneIsStillBeingCompletedInTheEngine() {
        Semaphore completionMayFinish = new Semaphore(0);
        AnalyzeRequestWorker worker = mock(AnalyzeRequestWorker.class);
        doAnswer(invocation -> {
            LockedExternalTask task = invocation.getArgument(0);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            inFlight.decrementAndGet(); // the LLM answers at once
            ((Runnable) invocation.getArgument(2)).run();
            completionMayFinish.acquire(); // a slow completion in the engine (decisions, history)
            engine.getExternalTaskService().complete(task.getId(), invocation.getArgument(1));
            return null;
        }).when(worker).handle(any(), anyString(), any());
        poller = poller(worker, new LlmProperties(1,
                List.of(Duration.ofSeconds(10)), Duration.ofMinutes(5), Duration.ofMinutes(10), true));

        poller.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> engine.getExternalTaskService().createExternalTaskQuery()
                .locked().count() >= 2);
        completionMayFinish.release(REQUESTS);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> engine.getRuntimeService().createProcessInstanceQuery().count() == 0);
        assertThat(maxInFlight.get()).as("LLM calls in flight").isEqualTo(1);
    }

    @Test
    void aSlowCallKeepsItsShortLockAndIsNeverHandedOutTwice() {
        AtomicInteger handled = new AtomicInteger();
        Semaphore answered = new Semaphore(0);
        AnalyzeRequestWorker worker = mock(AnalyzeRequestWorker.class);
        doAnswer(invocation -> {
            LockedExternalTask task = invocation.getArgument(0);
            handled.incrementAndGet();
            answered.acquire(); // an LLM call several lock durations long
            ((Runnable) invocation.getArgument(2)).run();
            engine.getExternalTaskService().complete(task.getId(), invocation.getArgument(1));
            return null;
        }).when(worker).handle(any(), anyString(), any());
        poller = poller(worker, new LlmProperties(REQUESTS,
                List.of(Duration.ofSeconds(10)), Duration.ofMillis(600), Duration.ofMillis(20), true));

        poller.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == REQUESTS);
        // For more than three lock durations: every lock still held, no task fetched again.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() ->
                engine.getExternalTaskService().createExternalTaskQuery().locked().count() == REQUESTS
                        && handled.get() == REQUESTS);
        answered.release(REQUESTS);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> engine.getRuntimeService().createProcessInstanceQuery().count() == 0);
    }

    /** Deploys {@code analysis-only}: a process that is nothing but the analysis task. */
    static void deployAnalysisOnly(ProcessEngine engine) {
        engine.getRepositoryService().createDeployment().addModelInstance("analysis.bpmn",
                Bpmn.createExecutableProcess("analysis-only").camundaHistoryTimeToLive(1)
                        .startEvent()
                        .serviceTask("Task_AnalyzeRequest").camundaExternalTask(HandleRequestProcess.Topics.ANALYZE_REQUEST)
                        .endEvent()
                        .done()).deploy();
    }

    private AnalyzeRequestPoller poller(AnalyzeRequestWorker worker, LlmProperties properties) {
        return new AnalyzeRequestPoller(engine.getExternalTaskService(), worker, properties, new LlmSlots(properties));
    }
}
