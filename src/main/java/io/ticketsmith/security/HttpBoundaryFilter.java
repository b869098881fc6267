package io.ticketsmith.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What every call to {@code /api} and {@code /engine-rest} meets before anything reads it:
 * <ul>
 * <li><b>a size limit on the body</b>, checked on the declared length and counted while a chunked body is read,
 * so an unsigned webhook of hundreds of megabytes is refused before it fills the heap (413);</li>
 * <li><b>no cross-site form posts</b>: a browser sends {@code Sec-Fetch-Site} and {@code Origin}, and a changing
 * call that a browser says comes from another site is refused (403), so a page elsewhere cannot use credentials
 * the browser has cached (HTTP Basic) against the API or the engine. Clients that are not browsers (Camunda
 * Modeler, Jira, scripts) send neither and pass;</li>
 * <li><b>the standard security headers</b> on every answer.</li>
 * </ul>
 */
class HttpBoundaryFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final long maxApiBody;
    private final long maxWebhookBody;
    private final long maxEngineBody;

    /**
     * @param maxApiBody     largest body of an API call (a request's text is at most 32 KB)
     * @param maxWebhookBody largest body of a webhook delivery
     * @param maxEngineBody  largest body of an engine REST call (deployments from Modeler are the largest)
     */
    HttpBoundaryFilter(long maxApiBody, long maxWebhookBody, long maxEngineBody) {
        this.maxApiBody = maxApiBody;
        this.maxWebhookBody = maxWebhookBody;
        this.maxEngineBody = maxEngineBody;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        if (!SAFE_METHODS.contains(request.getMethod()) && fromAnotherSite(request)) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "Calls that change something are not accepted from "
                    + "another site's pages");
            return;
        }
        long limit = limitFor(request.getRequestURI());
        if (request.getContentLengthLong() > limit) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "The body has " + request.getContentLengthLong() + " bytes; at most " + limit + " are accepted here");
            return;
        }
        chain.doFilter(new LimitedBody(request, limit), response);
    }

    private long limitFor(String path) {
        if (path.contains("/api/webhooks/")) {
            return maxWebhookBody;
        }
        return path.contains("/engine-rest") ? maxEngineBody : maxApiBody;
    }

    /** What a browser says of where the call comes from; a call without either header is no browser's page. */
    static boolean fromAnotherSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        try {
            URI from = URI.create(origin);
            int port = from.getPort() != -1 ? from.getPort() : "https".equalsIgnoreCase(from.getScheme()) ? 443 : 80;
            return !(from.getScheme() != null && from.getScheme().equalsIgnoreCase(request.getScheme())
                    && from.getHost() != null && from.getHost().toLowerCase(Locale.ROOT)
                            .equals(request.getServerName().toLowerCase(Locale.ROOT))
                    && port == request.getServerPort());
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static void refuse(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"status\":" + status + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
    }

    /** A body read through a counter: past the limit, reading fails instead of going on. */
    private static final class LimitedBody extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedBody(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream body = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int next = body.read();
                        if (next >= 0 && ++read > limit) {
                            throw new IOException("The body is longer than " + limit + " bytes");
                        }
                        return next;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int count = body.read(buffer, offset, length);
                        if (count > 0 && (read += count) > limit) {
                            throw new IOException("The body is longer than " + limit + " bytes");
                        }
                        return count;
                    }

                    @Override
                    public boolean isFinished() {
                        return body.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return body.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        body.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
