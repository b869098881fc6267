package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.List;

import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.guardrails.PriorityDecider;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Decide Jira priority": every proposed new issue gets its priority from dmn/priority.dmn. */
@Component
class DecidePriorityDelegate implements JavaDelegate {

    private final PriorityDecider priorities;
    DecidePriorityDelegate(PriorityDecider priorities) {
        this.priorities = priorities;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<ProposedAction> decided = priorities.decide(Variables.ACTIONS.getOrDefault(execution, List.of()),
                Variables.URGENCY.get(execution));
        Variables.ACTIONS.set(execution, decided);
    }
}
