package io.ticketsmith.engine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;

/** What the product's engine-level checks share: their place in the command chain and a look into a command. */
public final class EngineCommands {

    private EngineCommands() {
    }

    /** Adds an interceptor inside the command context, after the ones already there. */
    public static void addPostInterceptor(ProcessEngineConfigurationImpl configuration, CommandInterceptor interceptor) {
        List<CommandInterceptor> interceptors = new ArrayList<>();
        if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) {
            interceptors.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
        }
        interceptors.add(interceptor);
        configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
    }

    /** Adds a BPMN parse listener after the engine's own, which sees every model as it is deployed or loaded. */
    public static void addPostParseListener(ProcessEngineConfigurationImpl configuration,
            org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener listener) {
        List<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPostBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPostBPMNParseListeners());
        }
        listeners.add(listener);
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    /**
     * A field of an engine command; the engine's commands keep what a check needs in protected fields. An engine
     * whose commands look different must not let anything through unchecked, so a missing field fails the command.
     */
    public static <T> T field(Object command, Class<?> declaring, String name, Class<T> type) {
        try {
            Field field = declaring.getDeclaredField(name);
            field.setAccessible(true);
            return type.cast(field.get(command));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot check " + declaring.getSimpleName(), e);
        }
    }

    /**
     * The person a command runs for, unless it is an administrator's or the application's own (no authenticated
     * user): whom the product's checks apply to.
     */
    public static Authentication checkedPerson(CommandContext context, String adminGroup) {
        Authentication user = context.getAuthentication();
        if (user == null || user.getUserId() == null
                || user.getGroupIds() != null && user.getGroupIds().contains(adminGroup)) {
            return null;
        }
        return user;
    }

    /** The key of a deployed process definition; null for no or an unknown definition. */
    public static String processDefinitionKey(CommandContext context, String definitionId) {
        if (definitionId == null) {
            return null;
        }
        ProcessDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(definitionId);
        return definition == null ? null : definition.getKey();
    }
}
