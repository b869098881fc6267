package io.ticketsmith.evaluation;

import java.math.BigDecimal;

/** Analysing the tickets would cost more than allowed, or an unknown amount; nothing was called. */
public class CostLimitExceededException extends RuntimeException {

    private final transient CostEstimate estimate;

    public CostLimitExceededException(CostEstimate estimate, BigDecimal maxUsd) {
        super(estimate.priced()
                ? "Analysing " + estimate.tickets() + " tickets with " + estimate.model() + " would cost about "
                        + estimate.usd().toPlainString() + " USD, more than the limit of " + maxUsd.toPlainString() + " USD"
                : "No price is configured for " + estimate.model()
                        + " in ticketsmith.budget.prices, so the cost of analysing " + estimate.tickets()
                        + " tickets cannot be estimated");
        this.estimate = estimate;
    }

    public CostEstimate estimate() {
        return estimate;
    }
}
