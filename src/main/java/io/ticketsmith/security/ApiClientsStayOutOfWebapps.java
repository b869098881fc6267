package io.ticketsmith.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * API clients (the {@code api} group) have no business in the webapps: they submit through {@code /api}. The
 * Camunda webapps let any user log in to the welcome app, and a webapp session reaches the engine through the
 * webapps' own engine API with everything that user may do there. So the webapps' login refuses members of the
 * group, answering as it answers a wrong password, which tells nobody which names belong to API clients.
 */
class ApiClientsStayOutOfWebapps extends OncePerRequestFilter {

    /** A login form is a user name and a password; anything longer is not read further. */
    private static final int MAX_FORM = 8192;

    private final IdentityService identityService;

    ApiClientsStayOutOfWebapps(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().contains("/login/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The form is read here and handed on unread, so the webapps' login resource still reads it as a body.
        byte[] form = request.getInputStream().readNBytes(MAX_FORM);
        String userId = formField(new String(form, StandardCharsets.UTF_8), "username");
        if (userId != null && identityService.createUserQuery().userId(userId)
                .memberOfGroup(TicketsmithGroups.API_CLIENTS).count() > 0) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write("{\"type\":\"NotAuthorized\",\"message\":\"Wrong credentials, locked user or "
                    + "missing access rights to application\"}");
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public ServletInputStream getInputStream() {
                ByteArrayInputStream body = new ByteArrayInputStream(form);
                return new ServletInputStream() {
                    @Override
                    public int read() {
                        return body.read();
                    }

                    @Override
                    public boolean isFinished() {
                        return body.available() == 0;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        throw new UnsupportedOperationException("The login form is read synchronously");
                    }
                };
            }
        }, response);
    }

    private static String formField(String form, String name) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
