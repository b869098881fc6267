package io.ticketsmith.request;

import io.ticketsmith.cost.Budget;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Before "Check LLM budget": today's spend and the hourly token count as (transient) inputs of dmn/budget.dmn. */
@Component
class BudgetInputsListener implements ExecutionListener {

    private final Budget budget;

    BudgetInputsListener(Budget budget) {
        this.budget = budget;
    }

    @Override
    public void notify(DelegateExecution execution) {
        budget.status().decisionInputs().forEach((name, value) -> execution.setVariableLocal(name,
                org.camunda.bpm.engine.variable.Variables.untypedValue(value, true)));
    }
}
