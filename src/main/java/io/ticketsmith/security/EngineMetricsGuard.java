package io.ticketsmith.security;

import java.util.Set;

import io.ticketsmith.engine.EngineCommands;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetTelemetryDataCmd;
import org.camunda.bpm.engine.impl.cmd.GetUniqueTaskWorkerCountCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.metrics.MetricsQueryImpl;
import org.springframework.stereotype.Component;

/**
 * The engine's metrics (request volumes, task workers, telemetry) are for the people who run and watch the
 * installation. Camunda lets every authenticated user read them ({@code /engine-rest/metrics}); here only
 * administrators, operators, auditors, process owners (Cockpit's dashboard) and the monitoring account may, and
 * everyone else gets 403.
 */
@Component
class EngineMetricsGuard extends AbstractProcessEnginePlugin {

    static final Set<String> READERS = Set.of(TicketsmithGroups.OPERATORS, TicketsmithGroups.AUDITORS,
            TicketsmithGroups.PROCESS_OWNERS, TicketsmithGroups.MONITORING);

    private static final String METRICS_QUERY_COMMANDS = MetricsQueryImpl.class.getName() + "$";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineCommands.addPostInterceptor(configuration, new Guard());
    }

    static final class Guard extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            if (readsMetrics(command)) {
                Authentication person = EngineCommands.checkedPerson(Context.getCommandContext(), TicketsmithGroups.ADMINS);
                if (person != null && (person.getGroupIds() == null
                        || person.getGroupIds().stream().noneMatch(READERS::contains))) {
                    throw new AuthorizationException("The engine's metrics are readable by administrators, "
                            + "operators, auditors and process owners only");
                }
            }
            return next.execute(command);
        }

        private static boolean readsMetrics(Command<?> command) {
            return command instanceof MetricsQueryImpl || command.getClass().getName().startsWith(METRICS_QUERY_COMMANDS)
                    || command instanceof GetUniqueTaskWorkerCountCmd || command instanceof GetTelemetryDataCmd;
        }
    }
}
