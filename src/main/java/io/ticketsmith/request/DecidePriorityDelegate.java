package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.List;

import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.guardrails.PriorityDecider;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Decide Jira priority" as earlier versions of processes/handle-request.bpmn modelled it: a service task giving every
 * proposed new issue its priority from dmn/priority.dmn in one go, through the same {@link PriorityDecider} as the
 * current model's multi-instance business rule task. It stays for requests still running on an earlier version (one
 * waiting for its analysis when the new model was deployed continues on the version it started on); remove it once
 * no instance of an earlier version runs.
 */
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
