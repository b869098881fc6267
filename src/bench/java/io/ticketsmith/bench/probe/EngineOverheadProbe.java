package io.ticketsmith.bench.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.client.RestClientCustomizer;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Benchmark only: measures, per request, the time the application spends in database work (engine commands with
 * their transactions, and the product's own JDBC), net of the outbound HTTP calls made while a connection is held.
 *
 * <p>A <em>unit</em> is the interval during which a thread holds a database connection: from the moment it asks
 * the pool for one (so waiting for the pool counts) until it gives the outermost one back (after commit or
 * rollback). Every engine command runs in such a unit, because the engine takes its connection through the Spring
 * transaction; so does the intake's transaction around the process start. Outbound HTTP (Jira, and in the
 * baseline the LLM) measured by a RestClient interceptor on the same thread during the unit is subtracted.
 *
 * <p>A unit is attributed to the process instances whose executions, external tasks, jobs or user tasks are in
 * the engine's entity cache at the end of any command run in it, split equally when there are several (a fetch
 * of 16 analysis tasks, a task list query). Units that touch no process instance (job acquisition, metrics,
 * empty fetches, the model folder poller) are summed as background work.
 *
 * <p>The figures are written as JSON to {@code ticketsmith.bench.report-file} when the application stops.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("ticketsmith.bench.report-file")
public class EngineOverheadProbe {

    private static final Logger log = LoggerFactory.getLogger(EngineOverheadProbe.class);

    static final Recorder RECORDER = new Recorder();
    static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    @Bean
    static BeanPostProcessor benchDataSourceTiming() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof TimedDataSource)) {
                    log.info("Benchmark: timing connections of data source '{}'", beanName);
                    return new TimedDataSource(dataSource);
                }
                return bean;
            }
        };
    }

    @Bean
    ProcessEnginePlugin benchCommandAttribution() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                List<CommandInterceptor> required = new ArrayList<>(
                        nonNull(configuration.getCustomPostCommandInterceptorsTxRequired()));
                required.add(new AttributingInterceptor());
                configuration.setCustomPostCommandInterceptorsTxRequired(required);
                List<CommandInterceptor> requiresNew = new ArrayList<>(
                        nonNull(configuration.getCustomPostCommandInterceptorsTxRequiresNew()));
                requiresNew.add(new AttributingInterceptor());
                configuration.setCustomPostCommandInterceptorsTxRequiresNew(requiresNew);
            }
        };
    }

    private static List<CommandInterceptor> nonNull(List<CommandInterceptor> list) {
        return list == null ? List.of() : list;
    }

    @Bean
    RestClientCustomizer benchOutboundHttpTiming() {
        return builder -> builder.requestInterceptor((request, body, execution) -> {
            long started = System.nanoTime();
            try {
                return execution.execute(request, body);
            } finally {
                RECORDER.outboundHttp(System.nanoTime() - started);
            }
        });
    }

    @Bean
    SmartLifecycle benchReportWriter(Environment environment, ObjectMapper json) {
        Path file = Path.of(environment.getRequiredProperty("ticketsmith.bench.report-file"));
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                try {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                    json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), RECORDER.report());
                    log.info("Benchmark: engine overhead written to {}", file);
                } catch (IOException e) {
                    log.error("Benchmark: could not write {}", file, e);
                }
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            /** Stop after the analysis worker and the job executor have stopped, so their last units are in. */
            @Override
            public int getPhase() {
                return Integer.MIN_VALUE + 100;
            }
        };
    }

    /** The thread's open unit: the outermost connection it holds. */
    static final class Unit {
        final long startedNanos = System.nanoTime();
        final long startedCpuNanos = THREADS.getCurrentThreadCpuTime();
        final long startedMillis = System.currentTimeMillis();
        int depth;
        long httpNanos;
        int commands;
        final Set<String> processInstances = new LinkedHashSet<>();
        String executedJobId;
        String firstCommand;
    }

    static final class Totals {
        final AtomicLong units = new AtomicLong();
        final AtomicLong nanos = new AtomicLong();
        final AtomicLong httpNanos = new AtomicLong();
        final AtomicLong commands = new AtomicLong();
        final AtomicLong cpuNanos = new AtomicLong();
    }

    /** Per process instance; a shared unit adds its share. */
    static final class PerInstance {
        double nanos;
        double cpuNanos;
        double units;
        long httpNanos;
        int commands;
    }

    static final class Recorder {
        private final ThreadLocal<Unit> current = new ThreadLocal<>();
        private final Map<String, PerInstance> byInstance = new ConcurrentHashMap<>();
        private final Totals attributed = new Totals();
        private final Totals background = new Totals();
        private final ConcurrentLinkedQueue<Map<String, Object>> jobStarts = new ConcurrentLinkedQueue<>();
        private final Map<String, Totals> backgroundByKind = new ConcurrentHashMap<>();
        private final AtomicLong httpOutsideUnits = new AtomicLong();
        private final AtomicLong httpOutsideUnitsCalls = new AtomicLong();

        void opening() {
            Unit unit = current.get();
            if (unit == null) {
                unit = new Unit();
                current.set(unit);
            }
            unit.depth++;
        }

        void closed() {
            Unit unit = current.get();
            if (unit == null || --unit.depth > 0) {
                return;
            }
            current.remove();
            long net = System.nanoTime() - unit.startedNanos - unit.httpNanos;
            // CPU of this thread in the unit (the HTTP calls inside cost next to none): what the unit would take on
            // an idle machine, as opposed to the wall time above, which includes waiting for a core and for locks.
            long cpu = THREADS.getCurrentThreadCpuTime() - unit.startedCpuNanos;
            Set<String> ids = unit.processInstances;
            if (ids.isEmpty()) {
                String fromLog = MDC.get("processInstanceId");
                if (fromLog != null) {
                    ids = Set.of(fromLog);
                }
            }
            Totals totals = ids.isEmpty() ? background : attributed;
            if (ids.isEmpty()) {
                String kind = unit.firstCommand != null ? unit.firstCommand
                        : "JDBC on " + Thread.currentThread().getName().replaceAll("\\d+", "N");
                Totals byKind = backgroundByKind.computeIfAbsent(kind, key -> new Totals());
                byKind.units.incrementAndGet();
                byKind.nanos.addAndGet(net);
                byKind.cpuNanos.addAndGet(cpu);
            }
            totals.units.incrementAndGet();
            totals.nanos.addAndGet(net);
            totals.httpNanos.addAndGet(unit.httpNanos);
            totals.commands.addAndGet(unit.commands);
            totals.cpuNanos.addAndGet(cpu);
            if (!ids.isEmpty()) {
                double share = 1.0 / ids.size();
                for (String id : ids) {
                    PerInstance instance = byInstance.computeIfAbsent(id, key -> new PerInstance());
                    synchronized (instance) {
                        instance.nanos += net * share;
                        instance.cpuNanos += cpu * share;
                        instance.units += share;
                        instance.httpNanos += unit.httpNanos / ids.size();
                        instance.commands += unit.commands;
                    }
                }
            }
        }

        void outboundHttp(long nanos) {
            Unit unit = current.get();
            if (unit != null) {
                unit.httpNanos += nanos;
            } else {
                httpOutsideUnits.addAndGet(nanos);
                httpOutsideUnitsCalls.incrementAndGet();
            }
        }

        void commandDone(Command<?> command, CommandContext context) {
            Unit unit = current.get();
            if (unit == null || context == null) {
                return;
            }
            unit.commands++;
            if (unit.firstCommand == null) {
                unit.firstCommand = command.getClass().getSimpleName();
            }
            String jobId = command instanceof ExecuteJobsCmd ? jobIdOf((ExecuteJobsCmd) command) : null;
            for (CachedDbEntity cached : context.getDbEntityManager().getDbEntityCache().getCachedEntities()) {
                DbEntity entity = cached.getEntity();
                String processInstanceId = null;
                if (entity instanceof ExecutionEntity execution) {
                    processInstanceId = execution.getProcessInstanceId();
                } else if (entity instanceof ExternalTaskEntity externalTask) {
                    processInstanceId = externalTask.getProcessInstanceId();
                } else if (entity instanceof TaskEntity task) {
                    processInstanceId = task.getProcessInstanceId();
                } else if (entity instanceof JobEntity job) {
                    processInstanceId = job.getProcessInstanceId();
                    if (jobId != null && jobId.equals(job.getId()) && unit.executedJobId == null) {
                        unit.executedJobId = jobId;
                        jobStarted(unit, job);
                    }
                }
                if (processInstanceId != null) {
                    unit.processInstances.add(processInstanceId);
                }
            }
        }

        /** When a job's execution began, against when it was created (or due), for the acquisition delay. */
        private void jobStarted(Unit unit, JobEntity job) {
            Date created = job.getCreateTime();
            Date due = job.getDuedate();
            long availableAt = Math.max(created == null ? 0 : created.getTime(), due == null ? 0 : due.getTime());
            Map<String, Object> start = new LinkedHashMap<>();
            start.put("jobId", job.getId());
            start.put("processInstanceId", job.getProcessInstanceId());
            start.put("activityId", job.getActivityId());
            start.put("type", job.getJobHandlerType());
            start.put("retries", job.getRetries());
            start.put("availableAt", availableAt);
            start.put("startedAt", unit.startedMillis);
            jobStarts.add(start);
        }

        private static String jobIdOf(ExecuteJobsCmd command) {
            try {
                var field = ExecuteJobsCmd.class.getDeclaredField("jobId");
                field.setAccessible(true);
                return (String) field.get(command);
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }

        Map<String, Object> report() {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("attributed", totals(attributed));
            report.put("background", totals(background));
            Map<String, Object> kinds = new HashMap<>();
            backgroundByKind.forEach((kind, totals) -> kinds.put(kind, totals(totals)));
            report.put("backgroundByKind", kinds);
            report.put("httpOutsideTransactionsMillis", httpOutsideUnits.get() / 1e6);
            report.put("httpOutsideTransactionsCalls", httpOutsideUnitsCalls.get());
            Map<String, Object> instances = new HashMap<>();
            byInstance.forEach((id, instance) -> {
                synchronized (instance) {
                    instances.put(id, Map.of("millis", instance.nanos / 1e6, "cpuMillis", instance.cpuNanos / 1e6,
                            "units", instance.units,
                            "httpMillis", instance.httpNanos / 1e6, "commands", instance.commands));
                }
            });
            report.put("processInstances", instances);
            report.put("jobStarts", new ArrayList<>(jobStarts));
            return report;
        }

        private static Map<String, Object> totals(Totals totals) {
            return Map.of("units", totals.units.get(), "millis", totals.nanos.get() / 1e6,
                    "cpuMillis", totals.cpuNanos.get() / 1e6,
                    "httpMillis", totals.httpNanos.get() / 1e6, "commands", totals.commands.get());
        }
    }

    /** Notes which process instances a command worked on; runs inside the command context, before its flush. */
    static final class AttributingInterceptor extends CommandInterceptor {
        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } finally {
                try {
                    RECORDER.commandDone(command, Context.getCommandContext());
                } catch (RuntimeException e) {
                    log.debug("Benchmark: could not attribute {}", command.getClass().getSimpleName(), e);
                }
            }
        }
    }

    /** Opens a unit when a thread takes its first connection and closes it when the thread gives it back. */
    static final class TimedDataSource extends DelegatingDataSource implements AutoCloseable {

        TimedDataSource(DataSource target) {
            super(target);
        }

        /** Spring closes the bean it holds, which is this wrapper: the pool must still be shut down. */
        @Override
        public void close() throws Exception {
            if (getTargetDataSource() instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            RECORDER.opening();
            try {
                return TimedConnection.wrap(super.getConnection());
            } catch (SQLException | RuntimeException e) {
                RECORDER.closed();
                throw e;
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            RECORDER.opening();
            try {
                return TimedConnection.wrap(super.getConnection(username, password));
            } catch (SQLException | RuntimeException e) {
                RECORDER.closed();
                throw e;
            }
        }
    }
}
