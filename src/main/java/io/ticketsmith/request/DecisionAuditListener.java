package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ticketsmith.guardrails.DecisionTrace;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionLogicEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.repository.DecisionDefinition;

/**
 * Keeps, with the request, which version of which decision table decided and which rules matched, in the
 * JSON variable {@code decisionAudit}. Auditors find the same in Cockpit's decision history; the variable
 * keeps it with the request for the feedback loop and the API.
 */
class DecisionAuditListener implements DmnDecisionEvaluationListener {

    /** Registers the listener with the engine's DMN engine, after every decision the engine evaluates. */
    @org.springframework.stereotype.Component
    static class Plugin extends AbstractProcessEnginePlugin {

        @Override
        public void preInit(ProcessEngineConfigurationImpl configuration) {
            DefaultDmnEngineConfiguration dmn = io.ticketsmith.engine.DecisionEvaluation.configurationOf(configuration);
            List<DmnDecisionEvaluationListener> listeners = new ArrayList<>();
            if (dmn.getCustomPostDecisionEvaluationListeners() != null) {
                listeners.addAll(dmn.getCustomPostDecisionEvaluationListeners());
            }
            listeners.add(new DecisionAuditListener());
            dmn.setCustomPostDecisionEvaluationListeners(listeners);
        }
    }



    @Override
    public void notify(DmnDecisionEvaluationEvent event) {
        BpmnExecutionContext context = Context.getBpmnExecutionContext();
        if (context == null || context.getExecution() == null) {
            // Evaluated outside a process (a dry-run plan, the REST API): only a trace may want it.
            DecisionTrace.record(entry(event.getDecisionResult()));
            return;
        }
        var execution = context.getExecution().getProcessInstance();
        List<Map<String, Object>> entries = new ArrayList<>(Variables.DECISION_AUDIT.getOrDefault(execution, List.of()));
        entries.add(entry(event.getDecisionResult()));
        for (DmnDecisionLogicEvaluationEvent required : event.getRequiredDecisionResults()) {
            entries.add(entry(required));
        }
        Variables.DECISION_AUDIT.set(execution, entries);
    }

    private static Map<String, Object> entry(DmnDecisionLogicEvaluationEvent result) {
        DmnDecision decision = result.getDecision();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("decision", decision.getKey());
        entry.put("name", decision.getName());
        if (decision instanceof DecisionDefinition definition) {
            entry.put("version", definition.getVersion());
            entry.put("definitionId", definition.getId());
        }
        if (result instanceof DmnDecisionTableEvaluationEvent table) {
            entry.put("matchedRules", table.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).toList());
        }
        entry.put("evaluatedAt", org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant().toString());
        return entry;
    }
}
