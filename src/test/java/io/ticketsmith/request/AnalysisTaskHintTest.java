package io.ticketsmith.request;

import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import io.ticketsmith.llm.LlmProperties;
import io.ticketsmith.llm.LlmSlots;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class AnalysisTaskHintTest {

    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();
    private final Semaphore llmAnswers = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private ProcessEngine engine;
    private AnalyzeRequestPoller poller;

    @AfterEach
    void stop() {
        if (poller != null) {
            poller.stop();
        }
        llmAnswers.release(10);
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void anAnalysisTaskCreatedOnThisNodeIsFetchedWhenItsTransactionCommitsNotAtTheNextPoll() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                        .setProcessEngineName("analysis-task-hint-test")
                        .setJdbcUrl("jdbc:h2:mem:analysis-task-hint-test;DB_CLOSE_DELAY=-1")
                        .setJobExecutorActivate(false);
        configuration.getProcessEnginePlugins().add(new AnalysisTaskHint(beans.getBeanProvider(AnalyzeRequestPoller.class)));
        engine = configuration.buildProcessEngine();
        AnalyzeRequestPollerTest.deployAnalysisOnly(engine);
        AnalyzeRequestWorker worker = mock(AnalyzeRequestWorker.class);
        doAnswer(invocation -> {
            inFlight.incrementAndGet();
            llmAnswers.acquire();
            return null;
        }).when(worker).handle(any(), anyString(), any());
        // Two slots, and an interval far longer than the test: the first task may be found by the poll at start,
        // the second, with a call still in flight and no slot freed, only by the hint.
        LlmProperties properties = new LlmProperties(2, List.of(Duration.ofSeconds(10)), Duration.ofMinutes(5),
                Duration.ofMinutes(10), true);
        poller = new AnalyzeRequestPoller(engine.getExternalTaskService(), worker, properties, new LlmSlots(properties));
        beans.addBean("poller", poller);
        poller.start();

        engine.getRuntimeService().startProcessInstanceByKey("analysis-only", "REQ-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == 1);
        engine.getRuntimeService().startProcessInstanceByKey("analysis-only", "REQ-2");

        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.get() == 2);
    }
}
