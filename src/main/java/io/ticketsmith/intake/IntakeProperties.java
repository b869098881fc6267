package io.ticketsmith.intake;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxTextSize longest request text accepted by the API (UTF-8 bytes); longer ones get 413
 * @param maxPageSize largest page of the request list
 * @param requestsPerMinute submissions ({@code POST /api/requests}) per user and minute on one node; 0 for no limit
 * @param plansPerMinute dry runs ({@code POST /api/plan}, an LLM call each) per user and minute on one node; 0 for
 *        no limit
 */
@Validated
@ConfigurationProperties("ticketsmith.intake")
public record IntakeProperties(
        @DefaultValue("32KB") @NotNull DataSize maxTextSize,
        @DefaultValue("100") int maxPageSize,
        @DefaultValue("600") @PositiveOrZero int requestsPerMinute,
        @DefaultValue("10") @PositiveOrZero int plansPerMinute) {
}
