package io.ticketsmith.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param demoUsers   create the demo users (password {@code demo}) at start-up; only for the embedded demo
 * @param metricsUser an account for the Prometheus scraper, created in the {@code monitoring} group when
 *                    both its id and password are set (from TICKETSMITH_SECURITY_METRICS_USER_ID and
 *                    TICKETSMITH_SECURITY_METRICS_USER_PASSWORD)
 * @param authenticationCacheTtl how long a successful password check is remembered for the same user id and
 *                    password, on the API and the engine REST API (0 checks every call); see {@code IdentityLogins}
 */
@ConfigurationProperties("ticketsmith.security")
public record SecurityProperties(@DefaultValue("false") boolean demoUsers, MetricsUser metricsUser,
        @DefaultValue("PT30S") java.time.Duration authenticationCacheTtl) {

    public record MetricsUser(String id, String password) {

        boolean isConfigured() {
            return id != null && !id.isBlank() && password != null && !password.isBlank();
        }
    }
}
