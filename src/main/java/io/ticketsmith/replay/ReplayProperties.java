package io.ticketsmith.replay;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What-if replays of {@code dmn/guardrails.dmn} over the recorded decisions.
 *
 * @param maxIdsPerChange how many request ids a report lists per route change (the count is always whole)
 * @param pageSize        how many recorded decisions are read per query
 * @param maxReports      how many reports are kept in memory; the oldest goes first
 * @param maxPeriod       the longest period one replay may cover
 * @param gate            refusing new guardrails versions that reviewers' decisions contradict
 */
@Validated
@ConfigurationProperties("ticketsmith.replay")
public record ReplayProperties(
        @DefaultValue("100") @Min(1) @Max(10_000) int maxIdsPerChange,
        @DefaultValue("500") @Min(10) @Max(5_000) int pageSize,
        @DefaultValue("50") @Min(1) @Max(1_000) int maxReports,
        @NotNull @DefaultValue("P366D") Duration maxPeriod,
        @Valid @NotNull @DefaultValue Gate gate) {

    /**
     * @param enabled          whether a new guardrails version is replayed before it is deployed
     * @param minAutoPrecision the least share of reviewed requests the candidate would run automatically that
     *                         reviewers approved unchanged
     * @param period           how far back the replay looks
     * @param minRequests      fewer recorded requests than this, and the version passes with a warning
     */
    public record Gate(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("0.95") @DecimalMin("0.0") @DecimalMax("1.0") double minAutoPrecision,
            @NotNull @DefaultValue("P30D") Duration period,
            @DefaultValue("50") @Min(1) int minRequests) {
    }
}
