package io.ticketsmith.intake;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Jira as a source of tickets.
 *
 * @param webhookSecret shared secret of the Jira webhook ({@code TICKETSMITH_TRIAGE_WEBHOOK_SECRET}); without one
 *                      the webhook refuses every call
 * @param jql           which issues the batch triages
 * @param maxPerRun     how many issues one batch run starts at most
 * @param pageSize      issues per search page
 * @param schedule      cron expression of the batch run; "-" turns the schedule off
 */
@Validated
@ConfigurationProperties("ticketsmith.triage")
public record JiraTriageProperties(
        String webhookSecret,
        @DefaultValue("(labels is EMPTY OR labels != ai_processed) AND statusCategory != Done ORDER BY created DESC") @NotBlank String jql,
        @DefaultValue("50") @Min(1) @Max(1000) int maxPerRun,
        @DefaultValue("50") @Min(1) @Max(100) int pageSize,
        @DefaultValue("-") @NotBlank String schedule) {

    @Override
    public String toString() {
        return "JiraTriageProperties[jql=" + jql + ", maxPerRun=" + maxPerRun + ", schedule=" + schedule
                + ", webhookSecret=" + (webhookSecret == null || webhookSecret.isBlank() ? "none" : "****") + "]";
    }
}
