package io.ticketsmith.llm;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the analysis asks the model.
 *
 * @param temperature      sampling temperature of the analysis: 0 for the same answer to the same request, not the
 *                         creative 0.7 a chat default has
 * @param structuredOutput whether the analysis schema is sent for the provider to enforce (OpenAI's
 *                         {@code response_format} json_schema with {@code strict}, Ollama's {@code format}); off for
 *                         OpenAI-compatible servers that refuse the parameter. The validator and the one re-ask stay
 *                         either way, for providers that ignore it.
 */
@Validated
@ConfigurationProperties("ticketsmith.llm.analysis")
public record AnalysisCallProperties(
        @DefaultValue("0.0") @DecimalMin("0") @DecimalMax("2") double temperature,
        @DefaultValue("true") boolean structuredOutput) {
}
