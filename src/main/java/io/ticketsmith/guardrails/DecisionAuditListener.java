package io.ticketsmith.guardrails;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionLogicEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * Keeps, with the request, which version of which decision table decided and which rules matched, in the
 * JSON variable {@code decisionAudit}. Auditors find the same in Cockpit's decision history; the variable
 * keeps it with the request for the feedback loop and the API.
 */
class DecisionAuditListener implements DmnDecisionEvaluationListener {

    static final String VARIABLE = "decisionAudit";
    private static final TypeReference<List<Map<String, Object>>> ENTRIES = new TypeReference<>() { };

    private final ObjectMapper objectMapper;

    DecisionAuditListener(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
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
        List<Map<String, Object>> entries = new ArrayList<>(read(execution.getVariable(VARIABLE)));
        entries.add(entry(event.getDecisionResult()));
        for (DmnDecisionLogicEvaluationEvent required : event.getRequiredDecisionResults()) {
            entries.add(entry(required));
        }
        try {
            execution.setVariable(VARIABLE, SpinValues.jsonValue(objectMapper.writeValueAsString(entries)).create());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Decision audit cannot be written", e);
        }
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

    private List<Map<String, Object>> read(Object value) {
        if (value == null) {
            return List.of();
        }
        try {
            return objectMapper.readValue(value.toString(), ENTRIES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Variable " + VARIABLE + " is not a JSON list", e);
        }
    }
}
