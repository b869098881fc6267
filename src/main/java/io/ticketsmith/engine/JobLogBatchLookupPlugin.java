package io.ticketsmith.engine;

import org.camunda.bpm.engine.impl.batch.history.HistoricBatchEntity;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.jobexecutor.MessageJobDeclaration;
import org.springframework.stereotype.Component;

/**
 * With removal times set at the start, the engine gives each job log entry the removal time of the batch its job
 * belongs to, and takes the batch's id from the job definition's configuration, whatever the job is. An
 * asynchronous continuation's configuration is {@code async-before} or {@code async-after}, so every log entry of
 * the request's two continuations (created, then succeeded or failed) looked up a batch of that id in
 * {@code ACT_HI_BATCH}: about five queries per request that can find nothing, since no engine id has that form.
 * Here those two are answered without the query; any other configuration is looked up as before.
 */
@Component
class JobLogBatchLookupPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getHistoryEventProducer() == null) {
            configuration.setHistoryEventProducer(new Producer());
        }
    }

    /** The engine's default producer, without the batch query for an asynchronous continuation's job. */
    static final class Producer extends CacheAwareHistoryEventProducer {

        @Override
        protected HistoricBatchEntity getHistoricBatchById(String batchId) {
            if (MessageJobDeclaration.ASYNC_BEFORE.equals(batchId)
                    || MessageJobDeclaration.ASYNC_AFTER.equals(batchId)) {
                return null;
            }
            return super.getHistoricBatchById(batchId);
        }
    }
}
