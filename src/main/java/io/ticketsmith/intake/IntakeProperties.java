package io.ticketsmith.intake;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxTextSize longest request text accepted by the API (UTF-8 bytes); longer ones get 413
 * @param maxPageSize largest page of the request list
 */
@Validated
@ConfigurationProperties("ticketsmith.intake")
public record IntakeProperties(
        @DefaultValue("32KB") @NotNull DataSize maxTextSize,
        @DefaultValue("100") int maxPageSize) {
}
