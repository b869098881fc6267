package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.List;
import java.util.Map;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.guardrails.GuardrailInputs;
import io.ticketsmith.knowledge.Neighbour;
import io.ticketsmith.safety.SafetyProperties;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Before "Check guardrails": derives the decision's inputs from the analysis, the current actions and the allowed
 * projects ({@code ticketsmith.safety.allowed-projects}, which the table does not repeat). They are transient: the
 * decision history in Cockpit records them, the request does not need to keep them.
 */
@Component
class GuardrailInputsListener implements ExecutionListener {

    private final SafetyProperties safety;

    GuardrailInputsListener(SafetyProperties safety) {
        this.safety = safety;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Analysis analysis = Variables.ANALYSIS.get(execution).withActions(Variables.ACTIONS.getOrDefault(execution, List.of()));
        Map<String, Object> inputs = GuardrailInputs.of(analysis, Variables.ANALYSIS_SOURCE.get(execution),
                Variables.INJECTION_SCORE.getOrDefault(execution, 0.0), safety.allowedProjects(),
                Neighbour.duplicateScore(Variables.SIMILAR.get(execution)), Variables.SOURCE.get(execution));
        inputs.forEach((name, value) -> execution.setVariableLocal(name,
                org.camunda.bpm.engine.variable.Variables.untypedValue(value, true)));
    }

}
