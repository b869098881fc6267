package io.ticketsmith.zendesk;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Zendesk Support account whose tickets are triaged. Credentials and the webhook's signing secret come only from
 * the environment ({@code TICKETSMITH_ZENDESK_EMAIL} with {@code TICKETSMITH_ZENDESK_API_TOKEN}, or
 * {@code TICKETSMITH_ZENDESK_OAUTH_TOKEN}; {@code TICKETSMITH_ZENDESK_WEBHOOK_SECRET}), never from these settings.
 *
 * @param enabled             whether the connector exists at all; without it Zendesk actions go back to review
 * @param baseUrl             {@code https://{subdomain}.zendesk.com}
 * @param dryRun              record every write, send none
 * @param rateLimitPerMinute  the account's API limit (Zendesk plans: 200 to 2500 requests a minute)
 * @param rateLimitShare      the part of that limit this application may use, leaving the rest to agents' apps
 * @param allowedBrands       brand ids whose tickets may be written to; empty = any brand
 * @param allowedGroups       group ids whose tickets may be written to; empty = any group (an unassigned ticket too)
 * @param processedTag        the tag every handled ticket gets; a ticket carrying it is not triaged again
 * @param searchQuery         the search of an on-demand run without a cursor ({@code /api/v2/search.json})
 * @param initialLookback     how far back the first incremental export starts
 * @param maxPerRun           tickets looked at per on-demand run at most
 * @param webhookTolerance    how old a signed webhook may be before it counts as a replay
 */
@Validated
@ConfigurationProperties("ticketsmith.zendesk")
public record ZendeskProperties(
        @DefaultValue("false") boolean enabled,
        String baseUrl,
        @DefaultValue("false") boolean dryRun,
        @DefaultValue("700") @Min(1) @Max(100000) int rateLimitPerMinute,
        @DefaultValue("0.5") @DecimalMin("0.01") @DecimalMax("1.0") double rateLimitShare,
        List<Long> allowedBrands,
        List<Long> allowedGroups,
        @DefaultValue("ai_processed") @NotBlank String processedTag,
        @DefaultValue("type:ticket status<solved -tags:ai_processed") @NotBlank String searchQuery,
        @DefaultValue("P1D") @NotNull Duration initialLookback,
        @DefaultValue("200") @Min(1) @Max(10000) int maxPerRun,
        @DefaultValue("PT5M") @NotNull Duration webhookTolerance,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("30s") @NotNull Duration readTimeout) {

    public ZendeskProperties {
        allowedBrands = allowedBrands == null ? List.of() : allowedBrands.stream().filter(Objects::nonNull).toList();
        allowedGroups = allowedGroups == null ? List.of() : allowedGroups.stream().filter(Objects::nonNull).toList();
    }

    /** Calls per minute this application allows itself: its share of the account's limit, at least one. */
    public int callsPerMinute() {
        return Math.max(1, (int) Math.floor(rateLimitPerMinute * rateLimitShare));
    }
}
