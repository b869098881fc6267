package io.ticketsmith.safety;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * What text placed into Jira, and the actions themselves, may contain, whatever the model proposed.
 *
 * @param allowedProjects     Jira projects actions may touch, by their exact keys; empty allows every project after a
 *                            review. The one list of allowed projects: {@code ActionPolicy} bounds what reaches Jira
 *                            with it, the guardrails let actions run automatically only inside it (never when it is
 *                            empty), and the keyword rules propose new issues only in its projects
 * @param allowedActionTypes  action types that may be executed; empty allows all of them
 * @param allowedLinkHosts    hosts (and their subdomains) that may appear as links in text sent to Jira; other
 *                            addresses are defanged ({@code hxxps://evil[.]example}) so they do not render as links
 * @param allowedMentions     Jira user names or account ids that text may mention ({@code [~name]}); others are
 *                            removed, so that a ticket cannot make the product notify arbitrary people
 * @param fallbackProject     the project the keyword rules propose a new issue in when the text names no allowed one;
 *                            {@value #DEFAULT_FALLBACK_PROJECT} when not set, and one of {@code allowedProjects} when
 *                            those are listed, or the application does not start
 * @param allowedSpaces       Confluence spaces {@code create_page} actions may write to, by key; empty allows every
 *                            space after a review (pages are never created without one)
 */
@Validated
@ConfigurationProperties("ticketsmith.safety")
public record SafetyProperties(
        List<String> allowedProjects,
        List<String> allowedActionTypes,
        List<String> allowedLinkHosts,
        List<String> allowedMentions,
        String fallbackProject,
        List<String> allowedSpaces) {

    public static final String DEFAULT_FALLBACK_PROJECT = "OPS";

    @ConstructorBinding
    public SafetyProperties {
        allowedProjects = allowedProjects == null ? List.of() : List.copyOf(allowedProjects);
        allowedActionTypes = allowedActionTypes == null ? List.of() : List.copyOf(allowedActionTypes);
        allowedLinkHosts = allowedLinkHosts == null ? List.of() : List.copyOf(allowedLinkHosts);
        allowedMentions = allowedMentions == null ? List.of() : List.copyOf(allowedMentions);
        allowedSpaces = allowedSpaces == null ? List.of() : List.copyOf(allowedSpaces);
        fallbackProject = fallbackProject == null || fallbackProject.isBlank() ? DEFAULT_FALLBACK_PROJECT
                : fallbackProject.trim();
        if (!allowedProjects.isEmpty() && !allowedProjects.contains(fallbackProject)) {
            throw new IllegalArgumentException("ticketsmith.safety.fallback-project " + fallbackProject
                    + " is not one of ticketsmith.safety.allowed-projects (" + String.join(", ", allowedProjects)
                    + "): new issues the keyword rules propose would go to a project no action may touch. "
                    + "Set ticketsmith.safety.fallback-project to one of them.");
        }
    }

    /** Without a list of Confluence spaces: pages may go to any space, after a review. */
    public SafetyProperties(List<String> allowedProjects, List<String> allowedActionTypes, List<String> allowedLinkHosts,
            List<String> allowedMentions, String fallbackProject) {
        this(allowedProjects, allowedActionTypes, allowedLinkHosts, allowedMentions, fallbackProject, null);
    }
}
