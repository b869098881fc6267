package io.ticketsmith.knowledge;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param enabled  whether finished requests are indexed and each new request is shown its neighbours
 * @param topK     how many neighbours a request is shown
 * @param minScore the least hybrid similarity a neighbour has
 */
@Validated
@ConfigurationProperties("ticketsmith.knowledge")
public record KnowledgeProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5") @Min(1) @Max(50) int topK,
        @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double minScore) {
}
