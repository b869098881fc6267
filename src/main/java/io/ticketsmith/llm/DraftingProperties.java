package io.ticketsmith.llm;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How replies are written ({@link ReplyWriter}).
 *
 * @param temperature sampling temperature of a reply: moderate, unlike the analysis's 0, so replies read naturally
 * @param maxWords    the longest reply the prompt asks for, in words
 */
@Validated
@ConfigurationProperties("ticketsmith.llm.drafting")
public record DraftingProperties(
        @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("2") double temperature,
        @DefaultValue("180") @Min(20) @Max(2000) int maxWords) {
}
