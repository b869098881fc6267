package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.List;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.guardrails.PriorityDecider;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Decide Jira priority": every proposed new issue gets its priority from dmn/priority.dmn. */
@Component
class DecidePriorityDelegate implements JavaDelegate {

    private final PriorityDecider priorities;
    private final RequestVariables variables;

    DecidePriorityDelegate(PriorityDecider priorities, RequestVariables variables) {
        this.priorities = priorities;
        this.variables = variables;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Analysis analysis = variables.analysis(execution);
        List<ProposedAction> decided = priorities.decide(variables.actions(execution), analysis.urgency());
        execution.setVariable(Variables.ACTIONS, variables.json(decided));
    }
}
