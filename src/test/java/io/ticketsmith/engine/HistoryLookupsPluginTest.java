package io.ticketsmith.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.history.HistoricBatch;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.impl.batch.history.HistoricBatchEntity;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricBatchManager;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HistoryLookupsPluginTest {

    private static ProcessEngine engine;

    @BeforeAll
    static void startEngine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setProcessEngineName("history-lookups-plugin-test")
                .setJdbcUrl("jdbc:h2:mem:history-lookups-plugin-test;DB_CLOSE_DELAY=-1")
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setJobExecutorActivate(false);
        configuration.setHistoryRemovalTimeStrategy(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_START);
        configuration.setBatchOperationHistoryTimeToLive("P5D");
        configuration.getProcessEnginePlugins().add(new HistoryLookupsPlugin());
        configuration.getProcessEnginePlugins().add(new org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin() {
            @Override
            public void postInit(ProcessEngineConfigurationImpl config) {
                config.getSessionFactories().put(HistoricBatchManager.class,
                        new GenericManagerFactory(CountingBatchManager.class));
            }
        });
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment()
                .addModelInstance("note.bpmn", Bpmn.createExecutableProcess("note").camundaHistoryTimeToLive(1)
                        .startEvent().serviceTask("Task_Note").camundaExpression("${true}").camundaAsyncBefore()
                        .userTask("Task_Wait").endEvent().done())
                .deploy();
        engine.getRepositoryService().createDeployment()
                .addModelInstance("review.bpmn", Bpmn.createExecutableProcess("review").camundaHistoryTimeToLive(1)
                        .startEvent().userTask("Task_Review").boundaryEvent("Event_ReviewOverdue")
                        .cancelActivity(false).timerWithDuration("PT1H").endEvent()
                        .moveToActivity("Task_Review").endEvent().done())
                .deploy();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void theJobLogOfAnAsynchronousContinuationLooksUpNoBatch() {
        String id = engine.getRuntimeService().startProcessInstanceByKey("note").getId();
        int before = CountingBatchManager.LOOKUPS.get();

        Job job = engine.getManagementService().createJobQuery().processInstanceId(id).singleResult();
        engine.getManagementService().executeJob(job.getId());

        List<HistoricJobLog> log = engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(id).list();
        assertThat(log).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.getJobDefinitionConfiguration()).isEqualTo("async-before");
            assertThat(entry.getRemovalTime()).as("the request's own removal time").isNotNull();
        });
        assertThat(CountingBatchManager.LOOKUPS.get()).isEqualTo(before);
    }

    @Test
    void theJobLogOfATimerLooksUpNoBatch() {
        int before = CountingBatchManager.LOOKUPS.get();

        String id = engine.getRuntimeService().startProcessInstanceByKey("review").getId();
        String task = engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult().getId();
        engine.getTaskService().complete(task);

        List<HistoricJobLog> log = engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(id).list();
        assertThat(log).as("the timer created, then deleted with its task").hasSize(2).allSatisfy(entry -> {
            assertThat(entry.getJobDefinitionType()).isEqualTo("timer-transition");
            assertThat(entry.getRemovalTime()).as("the request's own removal time").isNotNull();
        });
        assertThat(CountingBatchManager.LOOKUPS.get()).isEqualTo(before);
    }

    @Test
    void theJobLogOfABatchJobStillGetsTheBatchsRemovalTime() {
        String id = engine.getRuntimeService().startProcessInstanceByKey("note").getId();
        Batch batch = engine.getRuntimeService().deleteProcessInstancesAsync(List.of(id), "no longer needed");
        int before = CountingBatchManager.LOOKUPS.get();

        Job seed = engine.getManagementService().createJobQuery().jobDefinitionId(batch.getSeedJobDefinitionId())
                .singleResult();
        engine.getManagementService().executeJob(seed.getId());

        HistoricBatch historic = engine.getHistoryService().createHistoricBatchQuery().batchId(batch.getId())
                .singleResult();
        List<HistoricJobLog> log = engine.getHistoryService().createHistoricJobLogQuery()
                .jobDefinitionId(batch.getSeedJobDefinitionId()).list();
        assertThat(historic.getRemovalTime()).isNotNull();
        assertThat(log).isNotEmpty().allSatisfy(entry ->
                assertThat(entry.getRemovalTime()).isEqualTo(historic.getRemovalTime()));
        assertThat(CountingBatchManager.LOOKUPS.get()).isGreaterThan(before);
    }

    /** The engine's manager of historic batches, counting the look-ups by id. */
    public static class CountingBatchManager extends HistoricBatchManager {

        static final AtomicInteger LOOKUPS = new AtomicInteger();

        @Override
        public HistoricBatchEntity findHistoricBatchById(String batchId) {
            LOOKUPS.incrementAndGet();
            return super.findHistoricBatchById(batchId);
        }
    }
}
