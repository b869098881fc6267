package io.ticketsmith.evaluation;

import java.math.BigDecimal;

/**
 * What analysing a number of tickets will about cost, worked out before any call is made.
 *
 * @param tickets          how many tickets would be analysed
 * @param promptTokens     the system prompt and each ticket, at about four characters a token
 * @param completionTokens the assumed answer length times the tickets
 * @param usd              both at the model's price in {@code ticketsmith.budget.prices}
 * @param priced           whether a price is configured for the model (local Ollama models cost nothing and count as
 *                         priced)
 */
public record CostEstimate(String provider, String model, int tickets, long promptTokens, long completionTokens,
        BigDecimal usd, boolean priced) {

    /** Whether running it stays within the limit; an unpriced paid model never does, as its cost is unknown. */
    public boolean within(BigDecimal maxUsd) {
        return priced && usd.compareTo(maxUsd) <= 0;
    }
}
