package io.ticketsmith.knowledge;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Syncing resolved Jira issues and Confluence pages into the knowledge index (Confluence itself is configured under
 * {@code ticketsmith.knowledge.confluence}).
 *
 * @param scheduled         whether the sync runs every {@code interval}; {@code POST /api/knowledge/sync} runs it anyway
 * @param interval          the pause between two scheduled runs
 * @param reconcileInterval how often a run also removes what left its source (deleted, moved, reopened)
 * @param overlap           how far before its high-water mark a run looks again: Jira's JQL and Confluence's CQL
 *                          compare times to the minute, so changes in the mark's minute would be missed otherwise
 * @param timeZone          the time zone of the accounts the sync uses, in which Jira and Confluence read the times
 *                          of a query
 * @param maxChars          how much of a document's text is kept and embedded at most
 * @param jira              what is read from Jira
 */
@Validated
@ConfigurationProperties("ticketsmith.knowledge.sync")
public record KnowledgeSyncProperties(
        @DefaultValue("true") boolean scheduled,
        @DefaultValue("PT15M") @NotNull Duration interval,
        @DefaultValue("P1D") @NotNull Duration reconcileInterval,
        @DefaultValue("PT1M") @NotNull Duration overlap,
        @DefaultValue("UTC") @NotNull ZoneId timeZone,
        @DefaultValue("20000") @Min(500) @Max(1_000_000) int maxChars,
        @DefaultValue @Valid Jira jira) {

    /**
     * @param projects     the project keys whose resolved issues are synced; empty means every project
     * @param lastComments how many of an issue's newest comments are indexed with it
     * @param pageSize     issues per search page
     */
    public record Jira(
            List<String> projects,
            @DefaultValue("3") @Min(0) @Max(20) int lastComments,
            @DefaultValue("50") @Min(1) @Max(100) int pageSize) {

        public Jira {
            projects = projects == null ? List.of()
                    : projects.stream().filter(key -> key != null && !key.isBlank()).map(String::trim).toList();
        }
    }
}
