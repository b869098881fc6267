package io.ticketsmith.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a user logged in to the webapps read the application API ({@code /api/**}, not the actuator) with that
 * login, so the Cockpit plugin can fetch a request's decision record without asking for the password again. Only reads: the webapp session is a cookie,
 * and a cookie must never be enough to change anything (that needs HTTP Basic, which a browser never sends on
 * its own to another site). The groups are those the webapp login resolved, refreshed by the webapps on their
 * authentication-cache schedule.
 */
class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

    private static final List<String> SAFE_METHODS = List.of("GET", "HEAD");

    private final String engineName;

    WebappSessionAuthenticationFilter(String engineName) {
        this.engineName = engineName;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UserAuthentication user = webappUser(request);
        if (user != null && SecurityContextHolder.getContext().getAuthentication() == null) {
            List<String> groupIds = user.getGroupIds() == null ? List.of() : user.getGroupIds();
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.getIdentityId(), null,
                    TicketsmithGroups.asRoles(groupIds)));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }

    private UserAuthentication webappUser(HttpServletRequest request) {
        if (!SAFE_METHODS.contains(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || !request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return null;
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null
                || !(authentications.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication user)) {
            return null;
        }
        return user;
    }
}
