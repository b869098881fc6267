package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.Map;

import io.ticketsmith.cost.CostProperties;
import io.ticketsmith.models.DecisionTables.Budget;
import io.ticketsmith.models.DecisionTables.LlmMode;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After "Check LLM budget": {@code llmMode} for the gateway, the cheaper model for the analysis worker, or the
 * fallback reason. An unknown mode from an edited table means the configured model: the budget table may only
 * restrict, and a typo must not silently switch the LLM off.
 */
@Component
class BudgetDecisionListener implements ExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(BudgetDecisionListener.class);

    private final CostProperties costs;

    BudgetDecisionListener(CostProperties costs) {
        this.costs = costs;
    }

    @Override
    public void notify(DelegateExecution execution) {
        Map<String, Object> decision = Variables.decidedRow(execution);
        String decided = Budget.LLM_MODE.from(decision);
        String reason = Budget.REASON.from(decision);
        LlmMode mode = LlmMode.of(decided).orElseGet(() -> {
            log.warn("Request {}: budget table gave llmMode {}; using the configured model",
                    execution.getProcessBusinessKey(), decided);
            return LlmMode.NORMAL;
        });
        Variables.LLM_MODE.set(execution, mode.value());
        switch (mode) {
            case FALLBACK -> {
                Variables.FALLBACK_REASON.set(execution, reason == null ? "The LLM budget is spent" : reason);
                Variables.FALLBACK_CAUSE.set(execution, "budget");
                log.warn("Request {}: {}; keyword rules analyse it", execution.getProcessBusinessKey(), reason);
            }
            case CHEAPER -> Variables.LLM_MODEL.set(execution, costs.cheaperModel());
            case NORMAL -> {
                // The configured model: nothing more to say.
            }
        }
    }
}
