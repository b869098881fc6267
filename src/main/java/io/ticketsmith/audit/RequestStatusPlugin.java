package io.ticketsmith.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.ticketsmith.engine.EngineCommands;
import io.ticketsmith.request.HandleRequestProcess.Elements;
import io.ticketsmith.request.HandleRequestProcess.Variables;
import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.request.StartInput;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code ts_request.status} in step with the request process, in the process's own transaction. The
 * listeners are attached when the model is parsed, by element id, so process owners editing the model in
 * Modeler neither see nor can lose them; a model without those elements simply reports fewer states.
 */
@Component
class RequestStatusPlugin extends AbstractProcessEnginePlugin {

    private final RequestRegistry registry;

    RequestStatusPlugin(RequestRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineCommands.addPostParseListener(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
                if (HandleRequestProcess.KEY.equals(process.getKey())) {
                    // Built in, not custom: skipping custom listeners (Cockpit's cancel does by default) skips neither.
                    process.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution -> register(execution));
                    process.addBuiltInListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) this::ended);
                }
            }

            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                attach(activity, Elements.REVIEW_PROPOSED_ACTIONS, RequestStatus.IN_REVIEW);
            }

            @Override
            public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                attach(activity, Elements.EXECUTE_ACTIONS, RequestStatus.EXECUTING);
                attach(activity, Elements.ANALYZE_REQUEST, RequestStatus.ANALYZING);
                if (Elements.REDACT_REQUEST.equals(activity.getId()) && isRequestProcess(activity)) {
                    // The row was written with the reporter as given, in this same transaction; it keeps the
                    // redacted one, so the reporter as given is never committed.
                    activity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) execution ->
                            registry.recordReporter(execution.getProcessBusinessKey(), Variables.REPORTER.get(execution)));
                }
            }

            private void attach(ActivityImpl activity, String activityId, RequestStatus status) {
                if (activityId.equals(activity.getId()) && isRequestProcess(activity)) {
                    activity.addListener(ExecutionListener.EVENTNAME_START, status(status));
                }
            }

            private boolean isRequestProcess(ActivityImpl activity) {
                return activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                        && HandleRequestProcess.KEY.equals(definition.getKey());
            }

            private void ended(DelegateExecution execution) {
                String outcome = Variables.OUTCOME.get(execution);
                RequestStatus status = outcome == null ? RequestStatus.FAILED : RequestStatus.valueOf(outcome);
                record(execution, status);
            }
        });
    }

    private ExecutionListener status(RequestStatus status) {
        return execution -> record(execution, status);
    }

    private void record(DelegateExecution execution, RequestStatus status) {
        String requestId = execution.getProcessBusinessKey();
        if (requestId != null) {
            registry.recordStatus(requestId, status);
        }
    }

    /**
     * Every request is registered as its process starts, in the starting transaction, whichever door it came
     * through (the API, Jira, Tasklist, the engine REST API): it gets its id (the business key, generated when
     * the start named none) and its source ({@code api} when none was given) here and nowhere else.
     */
    private void register(DelegateExecution execution) {
        // Whoever starts it, through whichever door: a value the product cannot store or use is refused before
        // anything is created (after the engine's authorization check, so a caller without the right gets 403).
        Map<String, Object> given = new HashMap<>();
        for (String name : new String[] {Variables.REQUEST_TEXT.name(), Variables.SOURCE.name(),
                Variables.REPORTER.name(), Variables.EXTERNAL_ID.name(), Variables.REPLY_TONE.name()}) {
            given.put(name, execution.getVariable(name));
        }
        String invalid = StartInput.refusal(given);
        if (invalid != null) {
            throw new BadUserRequestException(invalid);
        }
        if (execution.getProcessBusinessKey() == null) {
            execution.setProcessBusinessKey(UUID.randomUUID().toString());
        }
        if (Variables.SOURCE.get(execution) == null) {
            Variables.SOURCE.set(execution, HandleRequestProcess.Sources.API);
        }
        try {
            registry.register(execution.getProcessBusinessKey(), Variables.EXTERNAL_ID.get(execution),
                    Variables.SOURCE.get(execution), Variables.REPORTER.get(execution), submittedBy(execution),
                    execution.getProcessInstanceId());
        } catch (DuplicateKeyException taken) {
            // The id or the external id names another request (two starts raced for it); nothing is created.
            throw new BadUserRequestException("A request with this id or external id exists", taken);
        }
    }

    /** The person who started the request through the engine, or whom the application started it for. */
    private static String submittedBy(DelegateExecution execution) {
        String authenticated = Context.getCommandContext() == null ? null
                : Context.getCommandContext().getAuthenticatedUserId();
        return authenticated != null ? authenticated : Variables.SUBMITTED_BY.get(execution);
    }
}
