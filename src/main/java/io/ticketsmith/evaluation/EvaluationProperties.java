package io.ticketsmith.evaluation;

import java.math.BigDecimal;
import java.nio.file.Path;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The evaluation of the analysis prompt over a labelled set (README, Measuring the analysis).
 *
 * @param run                       the evaluation set (JSON lines) to analyse at startup; the application then writes
 *                                  the report and exits. Empty: no evaluation, the application runs as usual
 * @param maxCostUsd                the run is refused when its estimated cost is higher
 * @param reportDir                 where the report is written, as analysis-evaluation.json and .md
 * @param promptVersion             the prompt to evaluate ({@code analyze-request/v3}); empty for the current one
 * @param limit                     only the first this many tickets; 0 for all
 * @param exit                      whether the application exits after the run (tests keep it running)
 * @param completionTokensPerTicket the answer length assumed by the cost estimate; an analysis with actions is
 *                                  rarely longer
 */
@Validated
@ConfigurationProperties("ticketsmith.evaluation")
public record EvaluationProperties(
        Path run,
        @DefaultValue("1.00") @NotNull @DecimalMin("0") BigDecimal maxCostUsd,
        @DefaultValue("target/evaluation") @NotNull Path reportDir,
        String promptVersion,
        @DefaultValue("0") @PositiveOrZero int limit,
        @DefaultValue("true") boolean exit,
        @DefaultValue("400") @Positive long completionTokensPerTicket) {
}
