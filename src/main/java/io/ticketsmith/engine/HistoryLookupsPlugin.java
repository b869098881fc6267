package io.ticketsmith.engine;

import org.camunda.bpm.engine.impl.batch.history.HistoricBatchEntity;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.history.producer.DefaultDmnHistoryEventProducer;
import org.camunda.bpm.engine.impl.jobexecutor.AsyncContinuationJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricJobLogEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * The engine's history producers, without two lookups a request's history rows made in every transaction, both made
 * with removal times set at the start:
 * <ul>
 * <li>The engine gives each job log entry the removal time of the batch its job belongs to, and takes the batch's id
 * from the job definition's configuration, whatever the job is. An asynchronous continuation's configuration is
 * {@code async-before} or {@code async-after}, a timer's its type and expression, so every log entry of a request's
 * continuations (created, then succeeded or failed) and of a review's timers (created, then deleted when the review
 * ends) looked up a batch of that id in {@code ACT_HI_BATCH}: queries that can find nothing, since only a batch's own
 * jobs are configured with its id. Here the log of a continuation or a timer looks up no batch; any other job's is
 * looked up as before.</li>
 * <li>Every row is given its root process instance's removal time, which the engine read from the root's history row
 * in each transaction; here it comes from this node's memory of it ({@link RootRemovalTimes}), shared by the
 * process and the decision history.</li>
 * </ul>
 */
@Component
class HistoryLookupsPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        RootRemovalTimes removalTimes = new RootRemovalTimes();
        if (configuration.getHistoryEventProducer() == null) {
            configuration.setHistoryEventProducer(new Producer(removalTimes));
        }
        if (configuration.getDmnHistoryEventProducer() == null) {
            configuration.setDmnHistoryEventProducer(new DmnProducer(removalTimes));
        }
    }

    /**
     * The engine's default producer, without the batch query for a continuation's or a timer's job, and with the
     * root's removal time from this node's memory ({@link RootRemovalTimes}).
     */
    static final class Producer extends CacheAwareHistoryEventProducer {

        /** Set while the log entry of a job that belongs to no batch is filled in, on the engine's thread. */
        private static final ThreadLocal<Boolean> OF_NO_BATCH = new ThreadLocal<>();

        private final RootRemovalTimes removalTimes;

        Producer(RootRemovalTimes removalTimes) {
            this.removalTimes = removalTimes;
        }

        @Override
        protected void provideRemovalTime(HistoryEvent event) {
            removalTimes.provide(event, isHistoryRemovalTimeStrategyStart(), this::getHistoricRootProcessInstance);
        }

        @Override
        protected void initHistoricJobLogEvent(HistoricJobLogEventEntity event, Job job, HistoryEventType type) {
            if (!ofNoBatch(job)) {
                super.initHistoricJobLogEvent(event, job, type);
                return;
            }
            OF_NO_BATCH.set(Boolean.TRUE);
            try {
                super.initHistoricJobLogEvent(event, job, type);
            } finally {
                OF_NO_BATCH.remove();
            }
        }

        @Override
        protected HistoricBatchEntity getHistoricBatchById(String batchId) {
            return OF_NO_BATCH.get() != null ? null : super.getHistoricBatchById(batchId);
        }

        /** The engine's timer job handlers' types all begin with {@code timer-}; no batch job's does. */
        private static boolean ofNoBatch(Job job) {
            String handler = job instanceof JobEntity entity ? entity.getJobHandlerType() : null;
            return handler != null
                    && (AsyncContinuationJobHandler.TYPE.equals(handler) || handler.startsWith("timer-"));
        }
    }

    /** The engine's decision history producer, with the root's removal time from this node's memory. */
    static final class DmnProducer extends DefaultDmnHistoryEventProducer {

        private final RootRemovalTimes removalTimes;

        DmnProducer(RootRemovalTimes removalTimes) {
            this.removalTimes = removalTimes;
        }

        @Override
        protected void provideRemovalTime(HistoryEvent event) {
            removalTimes.provide(event, isHistoryRemovalTimeStrategyStart(), this::getHistoricRootProcessInstance);
        }
    }
}
