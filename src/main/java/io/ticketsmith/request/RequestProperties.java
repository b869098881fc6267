package io.ticketsmith.request;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the request process that are not business rules (those live in the DMN tables).
 *
 * @param reviewMaxWait       after this long without a decision a review ends the request as EXPIRED
 * @param maxRateLimitWaits   how often in a row one execution may wait for Jira's rate limit before it is an incident
 * @param maxRequestLength    longest request text kept; longer texts are cut (the engine stores at most 4000 characters)
 */
@Validated
@ConfigurationProperties("ticketsmith.request")
public record RequestProperties(
        @DefaultValue("P2D") @NotNull Duration reviewMaxWait,
        @DefaultValue("10") @Min(1) int maxRateLimitWaits,
        @DefaultValue("4000") @Min(100) int maxRequestLength) {

    /**
     * The request text as the engine keeps it: cut to {@link #maxRequestLength()}. Call it on redacted text, so that
     * the cut cannot leave half an e-mail address that redaction would no longer recognise.
     */
    public String fitRequestText(String redacted) {
        return redacted.length() <= maxRequestLength() ? redacted
                : redacted.substring(0, maxRequestLength() - 1) + "…";
    }
}
