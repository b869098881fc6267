package io.ticketsmith.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param demoUsers   create the demo users (password {@code demo}) at start-up; only for the embedded demo
 * @param metricsUser an account for the Prometheus scraper, created in the {@code monitoring} group when
 *                    both its id and password are set (from TICKETSMITH_SECURITY_METRICS_USER_ID and
 *                    TICKETSMITH_SECURITY_METRICS_USER_PASSWORD)
 */
@ConfigurationProperties("ticketsmith.security")
public record SecurityProperties(@DefaultValue("false") boolean demoUsers, MetricsUser metricsUser) {

    public record MetricsUser(String id, String password) {

        boolean isConfigured() {
            return id != null && !id.isBlank() && password != null && !password.isBlank();
        }
    }
}
