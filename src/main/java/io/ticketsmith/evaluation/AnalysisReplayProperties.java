package io.ticketsmith.evaluation;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Replaying the analysis over finished requests ({@code POST /api/replays/analysis}).
 *
 * @param maxCostUsd        a replay whose estimated cost is higher is refused
 * @param defaultSampleSize how many finished requests a replay takes when the request names no number
 * @param maxSampleSize     the most it may take
 */
@Validated
@ConfigurationProperties("ticketsmith.replay")
public record AnalysisReplayProperties(
        @DefaultValue("1.00") @NotNull @DecimalMin("0") BigDecimal maxCostUsd,
        @DefaultValue("50") @Positive int defaultSampleSize,
        @DefaultValue("500") @Positive int maxSampleSize) {
}
