package io.ticketsmith.jira;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Jira is and how to reach it. Credentials come from the environment
 * ({@code TICKETSMITH_JIRA_USERNAME}, {@code TICKETSMITH_JIRA_API_TOKEN}); without a base URL the dry-run
 * gateway is used.
 *
 * @param baseUrl           e.g. {@code https://acme.atlassian.net} or {@code https://jira.acme.internal}
 * @param flavor            {@code cloud} (REST v3, email + API token) or {@code datacenter} (REST v2, personal access token)
 * @param username          the account's email on Cloud; unused on Data Center
 * @param apiToken          API token (Cloud) or personal access token (Data Center)
 * @param processedLabel    label put on every issue the product touches, so it is not triaged twice
 * @param metadataCacheTtl  how long create metadata (a project's issue types and their create-screen fields) is
 *                          cached; transitions are always read fresh, as they depend on the status
 * @param userCacheTtl      how long resolved assignees are cached
 * @param connectTimeout    connect timeout of Jira calls
 * @param readTimeout       read timeout of Jira calls
 */
@Validated
@ConfigurationProperties("ticketsmith.jira")
public record JiraProperties(
        String baseUrl,
        @DefaultValue("cloud") @NotNull Flavor flavor,
        String username,
        String apiToken,
        @DefaultValue("ai_processed") @NotBlank String processedLabel,
        @DefaultValue("PT10M") @NotNull Duration metadataCacheTtl,
        @DefaultValue("PT10M") @NotNull Duration userCacheTtl,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("30s") @NotNull Duration readTimeout) {

    public enum Flavor { CLOUD, DATACENTER }

    public boolean isConfigured() {
        return baseUrl != null && !baseUrl.isBlank();
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "JiraProperties[baseUrl=" + baseUrl + ", flavor=" + flavor + ", username=" + username
                + ", apiToken=" + (apiToken == null || apiToken.isBlank() ? "none" : "****") + "]";
    }
}
