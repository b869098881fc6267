package io.ticketsmith.safety;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What text placed into Jira, and the actions themselves, may contain, whatever the model proposed.
 *
 * @param allowedProjects     Jira projects actions may touch; empty allows every project
 * @param allowedActionTypes  action types that may be executed; empty allows all of them
 * @param allowedLinkHosts    hosts (and their subdomains) that may appear as links in text sent to Jira; other
 *                            addresses are defanged ({@code hxxps://evil[.]example}) so they do not render as links
 * @param allowedMentions     Jira user names or account ids that text may mention ({@code [~name]}); others are
 *                            removed, so that a ticket cannot make the product notify arbitrary people
 */
@Validated
@ConfigurationProperties("ticketsmith.safety")
public record SafetyProperties(
        List<String> allowedProjects,
        List<String> allowedActionTypes,
        List<String> allowedLinkHosts,
        List<String> allowedMentions) {

    public SafetyProperties {
        allowedProjects = allowedProjects == null ? List.of() : List.copyOf(allowedProjects);
        allowedActionTypes = allowedActionTypes == null ? List.of() : List.copyOf(allowedActionTypes);
        allowedLinkHosts = allowedLinkHosts == null ? List.of() : List.copyOf(allowedLinkHosts);
        allowedMentions = allowedMentions == null ? List.of() : List.copyOf(allowedMentions);
    }
}
