package io.ticketsmith.analytics;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The analytics summary's ranges.
 *
 * @param defaultRange how far back a summary without {@code from} reaches
 * @param maxRange     the longest range one summary may cover; its daily series has one entry per day
 */
@Validated
@ConfigurationProperties("ticketsmith.analytics")
public record AnalyticsProperties(
        @DefaultValue("P7D") @NotNull Duration defaultRange,
        @DefaultValue("P366D") @NotNull Duration maxRange) {
}
