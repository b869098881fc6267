package io.ticketsmith.confluence;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Confluence whose pages go into the knowledge index. The credential comes from the environment
 * ({@code TICKETSMITH_CONFLUENCE_USER}, {@code TICKETSMITH_CONFLUENCE_TOKEN}).
 *
 * @param enabled        whether pages of {@code spaces} are synced into the knowledge index
 * @param baseUrl        the site, e.g. {@code https://acme.atlassian.net} (Cloud, without {@code /wiki}) or
 *                       {@code https://confluence.acme.internal} (Data Center, with its context path if any)
 * @param flavor         {@code cloud} (email and API token) or {@code data-center} (personal access token)
 * @param spaces         the keys of the spaces whose pages are synced
 * @param user           the account's email on Cloud; unused on Data Center
 * @param token          API token (Cloud) or personal access token (Data Center)
 * @param pageSize       results per search page (Data Center answers at most 50 with page bodies)
 * @param connectTimeout connect timeout of Confluence calls
 * @param readTimeout    read timeout of Confluence calls
 */
@Validated
@ConfigurationProperties("ticketsmith.knowledge.confluence")
public record ConfluenceProperties(
        @DefaultValue("false") boolean enabled,
        String baseUrl,
        @DefaultValue("cloud") @NotNull Flavor flavor,
        List<String> spaces,
        String user,
        String token,
        @DefaultValue("25") @Min(1) @Max(50) int pageSize,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("30s") @NotNull Duration readTimeout) {

    public enum Flavor { CLOUD, DATA_CENTER }

    public ConfluenceProperties {
        spaces = spaces == null ? List.of()
                : spaces.stream().filter(space -> space != null && !space.isBlank()).map(String::trim).toList();
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ConfluenceProperties[enabled=" + enabled + ", baseUrl=" + baseUrl + ", flavor=" + flavor
                + ", spaces=" + spaces + ", user=" + user + ", token="
                + (token == null || token.isBlank() ? "none" : "****") + "]";
    }
}
