package io.ticketsmith.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
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
 *
 * <p>One exception: a what-if replay is posted ({@code POST /api/replays}, it carries a table) but changes nothing,
 * and Cockpit's What-if page runs it with the webapp login. It is let through only with the webapps' CSRF token in
 * {@code X-XSRF-TOKEN}, equal to the one in the session, which a page of another site cannot read or send.
 */
class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

    private static final List<String> SAFE_METHODS = List.of("GET", "HEAD");
    /** Posted computations that change nothing, open to a webapp login that proves its CSRF token. */
    private static final List<String> POSTED_READS = List.of("/api/replays");

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
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || !request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return null;
        }
        HttpSession session = request.getSession(false);
        if (session == null || !SAFE_METHODS.contains(request.getMethod()) && !postedRead(request, session)) {
            return null;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null
                || !(authentications.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication user)) {
            return null;
        }
        return user;
    }

    private static boolean postedRead(HttpServletRequest request, HttpSession session) {
        if (!"POST".equals(request.getMethod())
                || !POSTED_READS.contains(request.getRequestURI().substring(request.getContextPath().length()))) {
            return false;
        }
        Object expected = session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        return expected instanceof String token && sent != null && !token.isEmpty()
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
