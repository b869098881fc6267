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
 * @param cache    reuse of an earlier analysis for a near-identical request text
 * @param duplicateMinScore the similarity from which the keyword fallback proposes a request as a repeat of a known
 *                 issue (a link or a comment there); keep it at the guardrails table's {@code duplicateScore} rule
 * @param localModel which build of the offline embedding model runs when no provider's is chosen: {@code quantised}
 *                 (weights of 8 bits, the default) or {@code full} (32 bits); documents the other one embedded are
 *                 embedded again in the background
 */
@Validated
@ConfigurationProperties("ticketsmith.knowledge")
public record KnowledgeProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5") @Min(1) @Max(50) int topK,
        @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double minScore,
        @DefaultValue Cache cache,
        @DefaultValue("0.55") @DecimalMin("0") @DecimalMax("1") double duplicateMinScore,
        @DefaultValue("quantised") LocalEmbeddingModel.Variant localModel) {

    /**
     * @param enabled  whether a request whose redacted text is near-identical to one analysed recently reuses that
     *                 analysis without an LLM call
     * @param minScore the similarity from which texts count as near-identical (an identical text scores 1)
     * @param maxAge   how old an analysis may be to be reused
     */
    public record Cache(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0.95") @DecimalMin("0") @DecimalMax("1") double minScore,
            @DefaultValue("PT24H") java.time.Duration maxAge) {
    }
}
