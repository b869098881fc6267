package io.ticketsmith.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.ticketsmith.engine.EngineCommands;
import io.ticketsmith.request.HandleRequestProcess.Variables;
import io.ticketsmith.request.HandleRequestProcess;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * Requests start only at the start, with only the start variables. A person who may start {@code handle-request}
 * (through the engine REST API, the webapps or Tasklist's start form) could otherwise start it at any activity
 * with start instructions (at "Execute approved actions", with actions of their own, skipping analysis,
 * guardrails and review), skip the listeners that record and audit it, set the variables the product writes
 * (reviews, decisions, results), or reuse an existing request's id and take it over. For everyone but
 * administrators a start may carry only {@link #START_VARIABLES}, no start instructions, no skipping; and nobody
 * may start a request with the id of one that exists.
 */
@Component
class RequestStartGuard extends AbstractProcessEnginePlugin {

    /** What a person may give a new request; the rest is the product's to write. */
    static final Set<String> START_VARIABLES = Set.of(Variables.REQUEST_TEXT.name(), Variables.SOURCE.name(),
            Variables.REPORTER.name(), Variables.EXTERNAL_ID.name(), Variables.REPLY_TONE.name());

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineCommands.addPostInterceptor(configuration, new Guard());
    }

    static final class Guard extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            if (command instanceof StartProcessInstanceCmd start) {
                ProcessInstantiationBuilderImpl builder = EngineCommands.field(start, StartProcessInstanceCmd.class,
                        "instantiationBuilder", ProcessInstantiationBuilderImpl.class);
                check(builder.getProcessDefinitionKey(), builder.getProcessDefinitionId(), builder.getBusinessKey(),
                        builder.getVariables(), false, builder.getModificationBuilder() != null
                                && (builder.getModificationBuilder().isSkipCustomListeners()
                                        || builder.getModificationBuilder().isSkipIoMappings()));
            } else if (command instanceof StartProcessInstanceAtActivitiesCmd start) {
                ProcessInstantiationBuilderImpl builder = EngineCommands.field(start, StartProcessInstanceAtActivitiesCmd.class,
                        "instantiationBuilder", ProcessInstantiationBuilderImpl.class);
                check(builder.getProcessDefinitionKey(), builder.getProcessDefinitionId(), builder.getBusinessKey(),
                        builder.getVariables(), true, builder.getModificationBuilder().isSkipCustomListeners()
                                || builder.getModificationBuilder().isSkipIoMappings());
            } else if (command instanceof SubmitStartFormCmd start) {
                check(null, EngineCommands.field(start, SubmitStartFormCmd.class, "processDefinitionId", String.class),
                        EngineCommands.field(start, SubmitStartFormCmd.class, "businessKey", String.class),
                        EngineCommands.field(start, SubmitStartFormCmd.class, "variables", Map.class), false, false);
            }
            return next.execute(command);
        }
    }

    private static void check(String key, String definitionId, String businessKey, Map<?, ?> variables,
            boolean instructions, boolean skipping) {
        CommandContext context = Context.getCommandContext();
        if (!HandleRequestProcess.KEY.equals(key != null ? key : EngineCommands.processDefinitionKey(context, definitionId))) {
            return;
        }
        if (businessKey != null && exists(context, businessKey)) {
            throw new BadUserRequestException("A request with id " + businessKey + " exists; a new request needs an "
                    + "id of its own (leave the business key out and one is made)");
        }
        if (EngineCommands.checkedPerson(context, TicketsmithGroups.ADMINS) == null) {
            return;
        }
        if (instructions) {
            throw new BadUserRequestException("A request starts at its start event: start instructions are not allowed");
        }
        if (skipping) {
            throw new BadUserRequestException("A request runs with all its listeners and mappings: "
                    + "skipCustomListeners and skipIoMappings are not allowed");
        }
        Set<String> refused = new TreeSet<>();
        if (variables != null) {
            for (Object name : variables.keySet()) {
                if (!START_VARIABLES.contains(String.valueOf(name))) {
                    refused.add(String.valueOf(name));
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new BadUserRequestException("A request may be started only with " + new TreeSet<>(START_VARIABLES)
                    + "; not with " + refused);
        }
        Object source = variables == null ? null : variables.get(Variables.SOURCE.name());
        if (source instanceof TypedValue typed) {
            source = typed.getValue();
        }
        if (source != null && !HandleRequestProcess.Sources.SUBMITTABLE.contains(String.valueOf(source))) {
            // Jira's issue keys are one namespace; only the webhook and the batch may claim one.
            throw new BadUserRequestException("A request's source must be one of "
                    + new TreeSet<>(HandleRequestProcess.Sources.SUBMITTABLE));
        }
    }

    /**
     * Whether a request with this id was ever started. One indexed look-up on the engine's connection, in the
     * command's transaction: the engine's historic process instance query would build its SQL from a mapping of
     * about a hundred conditional clauses at every start, for the same answer. Whether the id is taken is not the
     * starter's to read, but it is the product's to know, so no authorization applies.
     */
    private static boolean exists(CommandContext context, String businessKey) {
        String table = context.getProcessEngineConfiguration().getDatabaseTablePrefix() + "ACT_HI_PROCINST";
        Connection connection = context.getDbSqlSession().getSqlSession().getConnection();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM " + table + " WHERE BUSINESS_KEY_ = ? AND PROC_DEF_KEY_ = ?")) {
            select.setMaxRows(1);
            select.setString(1, businessKey);
            select.setString(2, HandleRequestProcess.KEY);
            try (ResultSet found = select.executeQuery()) {
                return found.next();
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("Could not check whether request " + businessKey + " exists", e);
        }
    }
}
