package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.List;

import io.ticketsmith.guardrails.PriorityDecider;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.springframework.stereotype.Component;

/**
 * On the way into "Decide Jira priority": the inputs of dmn/priority.dmn for every proposed new issue, the collection
 * the multi-instance task runs over (none without a new issue). A take listener on the flow into the task, because
 * the engine reads the collection before any start listener of the task runs. Transient, like the other tables'
 * inputs: the decision history keeps what was evaluated.
 */
@Component
class PriorityInputsListener implements ExecutionListener {

    private final PriorityDecider priorities;

    PriorityInputsListener(PriorityDecider priorities) {
        this.priorities = priorities;
    }

    @Override
    public void notify(DelegateExecution execution) {
        // The urgency is a plain variable already; the analysis is not read again for it.
        // Each entry is transient too: the engine sets it as the instance's local variable, and a map there would be
        // a serialized object per new issue that nothing reads once the instance is over.
        List<ObjectValue> entries = priorities.inputs(Variables.ACTIONS.getOrDefault(execution, List.of()),
                        Variables.URGENCY.get(execution)).stream()
                .map(input -> org.camunda.bpm.engine.variable.Variables.objectValue(input, true).create())
                .toList();
        execution.setVariable(Variables.PRIORITY_INPUTS,
                org.camunda.bpm.engine.variable.Variables.objectValue(entries, true).create());
    }
}
