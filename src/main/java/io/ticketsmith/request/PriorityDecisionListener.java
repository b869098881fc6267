package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.List;

import io.ticketsmith.guardrails.PriorityDecider;
import io.ticketsmith.models.DecisionTables.Priority;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * After each instance of "Decide Jira priority": the priority the table decided goes into that new issue's action.
 * It is read from the engine's transient result, so no variable of the request ever holds one issue's priority as
 * if it were the request's.
 */
@Component
class PriorityDecisionListener implements ExecutionListener {

    private final PriorityDecider priorities;

    PriorityDecisionListener(PriorityDecider priorities) {
        this.priorities = priorities;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Variables.ACTIONS.set(execution, priorities.withDecided(Variables.ACTIONS.getOrDefault(execution, List.of()),
                Variables.PRIORITY_INPUT.get(execution), Priority.PRIORITY.from(Variables.decidedRow(execution))));
    }
}
