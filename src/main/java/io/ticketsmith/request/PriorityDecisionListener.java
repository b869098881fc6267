package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import io.ticketsmith.guardrails.PriorityDecider;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * After each instance of "Decide Jira priority": the priority the table decided goes into that new issue's action.
 * The decided value itself is removed again, so that no variable of the request holds one issue's priority as if it
 * were the request's.
 */
@Component
class PriorityDecisionListener implements ExecutionListener {

    private final PriorityDecider priorities;
    private final RequestVariables variables;

    PriorityDecisionListener(PriorityDecider priorities, RequestVariables variables) {
        this.priorities = priorities;
        this.variables = variables;
    }

    @Override
    public void notify(DelegateExecution execution) {
        execution.setVariable(Variables.ACTIONS, variables.json(priorities.withDecided(variables.actions(execution),
                Variables.PRIORITY_INPUT.get(execution), Variables.DECIDED_PRIORITY.get(execution))));
        execution.removeVariable(Variables.DECIDED_PRIORITY.name());
    }
}
