package io.ticketsmith.cost;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What LLM calls cost and how much may be spent.
 *
 * @param maxDailyCostUsd   spend allowed per UTC day; 0 means no limit
 * @param maxTokensPerHour  prompt + completion tokens allowed in the last hour; 0 means no limit
 * @param cheaperModel      model to use when the daily budget is spent (same provider), or empty for none
 * @param warnRatio         share of the budget at which a warning is logged
 * @param prices            USD per million tokens by model name (the longest matching prefix of the model the
 *                          provider reports wins); Ollama's local models cost nothing
 */
@Validated
@ConfigurationProperties("ticketsmith.budget")
public record CostProperties(
        @DefaultValue("0") @NotNull @DecimalMin("0") BigDecimal maxDailyCostUsd,
        @DefaultValue("0") @PositiveOrZero long maxTokensPerHour,
        String cheaperModel,
        @DefaultValue("0.8") @DecimalMin("0.1") @DecimalMax("1.0") double warnRatio,
        Map<String, Price> prices) {

    public CostProperties {
        prices = prices == null ? Map.of() : Map.copyOf(prices);
    }

    public boolean hasDailyLimit() {
        return maxDailyCostUsd.signum() > 0;
    }

    /** USD per million input (prompt) and output (completion) tokens. */
    public record Price(@NotNull BigDecimal input, @NotNull BigDecimal output) {
    }
}
