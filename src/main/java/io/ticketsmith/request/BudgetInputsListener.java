package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

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
        Budget.Status status = budget.status();
        execution.setVariableLocal(Variables.BUDGET_USED_RATIO,
                org.camunda.bpm.engine.variable.Variables.doubleValue(status.usedRatio(), true));
        execution.setVariableLocal(Variables.HOURLY_TOKEN_CAP_REACHED,
                org.camunda.bpm.engine.variable.Variables.booleanValue(status.hourlyTokenCapReached(), true));
        execution.setVariableLocal(Variables.CHEAPER_MODEL_CONFIGURED,
                org.camunda.bpm.engine.variable.Variables.booleanValue(status.cheaperModelConfigured(), true));
    }
}
