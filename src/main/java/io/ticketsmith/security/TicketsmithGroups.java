package io.ticketsmith.security;

import java.util.Collection;
import java.util.List;

import io.ticketsmith.request.HandleRequestProcess;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The Camunda groups Ticketsmith's roles are built on; the same ids are Spring Security roles. */
public final class TicketsmithGroups {

    public static final String ADMINS = "camunda-admin";
    public static final String REVIEWERS = HandleRequestProcess.Groups.REVIEWERS;
    public static final String LEADS = HandleRequestProcess.Groups.LEADS;
    public static final String PROCESS_OWNERS = "process-owners";
    public static final String AUDITORS = "auditors";
    public static final String OPERATORS = "operators";
    /** API clients and integrations (the Jira webhook) that submit requests; may start them and nothing else. */
    public static final String API_CLIENTS = "api";
    /** Reads actuator endpoints (the Prometheus scraper); no rights in the engine. */
    public static final String MONITORING = "monitoring";

    /** Spring Security's prefix of role authorities; the role name is the group id. */
    private static final String ROLE_PREFIX = "ROLE_";

    /** The Spring Security roles of a user in these groups. */
    static List<GrantedAuthority> asRoles(Collection<String> groupIds) {
        return groupIds.stream().<GrantedAuthority>map(groupId -> new SimpleGrantedAuthority(ROLE_PREFIX + groupId))
                .toList();
    }

    /** The group ids behind an authenticated user's roles, for the engine's authorization checks. */
    public static List<String> groupIdsOf(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length())).toList();
    }

    private TicketsmithGroups() {
    }
}
