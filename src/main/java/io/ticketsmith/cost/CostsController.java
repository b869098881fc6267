package io.ticketsmith.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Costs", description = "LLM spend against the budget")
class CostsController {

    private static final int HISTORY_DAYS = 30;

    private final Budget budget;
    private final CostLedger ledger;

    CostsController(Budget budget, CostLedger ledger) {
        this.budget = budget;
        this.ledger = ledger;
    }

    /** The answer of {@code GET /api/costs}. */
    record Costs(LocalDate day, BigDecimal spentUsd, BigDecimal budgetUsd, double usedRatio, long tokensLastHour,
            long tokenCapPerHour, List<CostLedger.ModelUsage> models, CostLedger.Reuse analysisCache,
            List<CostLedger.DayUsage> history) {
    }

    @GetMapping("/api/costs")
    @Operation(summary = "Today's LLM spend, the budget, tokens and cost per model, analyses reused from the cache with what they saved, and the last 30 days")
    Costs costs() {
        Budget.Status status = budget.status();
        LocalDate today = status.day();
        return new Costs(today, status.spentUsd(), status.limitUsd(), status.usedRatio(), status.tokensLastHour(),
                status.tokenCapPerHour(), ledger.byModelOn(today), ledger.reuseOn(today),
                ledger.daysFrom(today.minusDays(HISTORY_DAYS - 1L)));
    }
}
