package io.ticketsmith.jira;

import java.time.Clock;
import java.time.Duration;

import io.ticketsmith.jira.JiraGateway;
import io.ticketsmith.observability.HealthConfiguration;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Whether Jira can be reached and accepts the configured credentials ({@link JiraGateway#checkConnection()}). A Jira
 * that cannot be reached, refuses the credentials or asks to slow down is {@link HealthConfiguration#DEGRADED}:
 * approved actions wait for their retries or become incidents, and intake goes on. The gateway's messages never
 * carry a credential, so they are shown as they are. Without a Jira (the dry-run gateway) nothing is checked.
 */
final class JiraHealthIndicator implements HealthIndicator {

    private static final Health DRY_RUN = Health.up().withDetail("mode", "dry-run").build();

    private final JiraGateway gateway;
    private final HealthConfiguration.CachedHealth cache;

    /** @param cacheTtl how long a result is reused */
    JiraHealthIndicator(JiraGateway gateway, Duration cacheTtl, Clock clock) {
        this.gateway = gateway;
        this.cache = new HealthConfiguration.CachedHealth("Jira", this::check, cacheTtl, clock);
    }

    @Override
    public Health health() {
        return gateway.sendsToJira() ? cache.get() : DRY_RUN;
    }

    private Health.Builder withBreaker(Health.Builder health) {
        return gateway instanceof RestJiraGateway rest ? health.withDetail("circuitBreaker", rest.breakerState()) : health;
    }

    private Health check() {
        try {
            gateway.checkConnection();
            return withBreaker(Health.up().withDetail("gateway", gateway.name())).build();
        } catch (RuntimeException e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return withBreaker(Health.status(HealthConfiguration.DEGRADED).withDetail("gateway", gateway.name())
                    .withDetail("error", error)).build();
        }
    }
}
