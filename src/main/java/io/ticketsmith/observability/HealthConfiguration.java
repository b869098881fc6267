package io.ticketsmith.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import jakarta.validation.constraints.NotNull;

import io.ticketsmith.llm.LlmAvailability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.client.RestClient;

/**
 * Health of the remote systems Ticketsmith uses but can work without: the LLM provider ({@code llm}) and Jira
 * ({@code jira}). When one fails, the process falls back (keyword rules for the analysis, retries for Jira actions).
 * The indicators then report {@link #DEGRADED} and not DOWN, so a load balancer does not take the node out. This
 * works only if {@code management.endpoint.health.status.order} puts DEGRADED between DOWN and UP and
 * {@code management.endpoint.health.status.http-mapping} maps it to 200.
 */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

    /** Working, but a remote system that has a fallback is failing. */
    public static final Status DEGRADED = new Status("DEGRADED",
            "A remote system is failing; Ticketsmith works on with its fallback");

    @Bean
    LlmHealthIndicator llmHealthIndicator(Environment environment, RestClient.Builder restClientBuilder,
            ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, HealthProperties properties, Clock clock) {
        return new LlmHealthIndicator(LlmHealthIndicator.Target.from(environment), restClientBuilder,
                requestFactoryBuilder, properties.cacheTtl(), clock);
    }

    /**
     * The LLM provider's circuit breaker: DEGRADED while it is open or probing, since requests then go to the keyword
     * rules.
     */
    @Bean
    HealthIndicator llmBreakerHealthIndicator(LlmAvailability availability) {
        return () -> {
            String state = availability.state();
            return ("CLOSED".equals(state) ? Health.up() : Health.status(DEGRADED)).withDetail("state", state).build();
        };
    }

    /**
     * Settings of the remote systems' health checks.
     *
     * @param cacheTtl how long a check's result is reused; health may be scraped every few seconds, but the LLM
     *                 provider and Jira are asked at most once per this interval ({@code 0s} asks every time)
     */
    @Validated
    @ConfigurationProperties("ticketsmith.health")
    public record HealthProperties(@DefaultValue("30s") @NotNull Duration cacheTtl) {
    }

    /**
     * The last result of a remote check, reused for the cache TTL and stamped with {@code checkedAt}. Callers that
     * arrive while a check runs wait for its result rather than start another call. A change of status is logged
     * once, not on every scrape.
     */
    public static final class CachedHealth {

        private static final Logger log = LoggerFactory.getLogger(HealthConfiguration.class);

        private final String component;
        private final Supplier<Health> check;
        private final Duration ttl;
        private final Clock clock;
        private Health last;
        private Instant checkedAt;

        /** @param check never throws: a failure is a DEGRADED result with details free of credentials */
        public CachedHealth(String component, Supplier<Health> check, Duration ttl, Clock clock) {
            this.component = component;
            this.check = check;
            this.ttl = ttl;
            this.clock = clock;
        }

        public synchronized Health get() {
            Instant now = clock.instant();
            if (last == null || !now.isBefore(checkedAt.plus(ttl))) {
                Health result = check.get();
                logChange(last == null ? Status.UP : last.getStatus(), result);
                last = Health.status(result.getStatus()).withDetails(result.getDetails())
                        .withDetail("checkedAt", now.toString()).build();
                checkedAt = now;
            }
            return last;
        }

        private void logChange(Status before, Health now) {
            if (now.getStatus().equals(before)) {
                return;
            }
            if (Status.UP.equals(now.getStatus())) {
                log.info("Health of {} is {} again", component, now.getStatus());
            } else {
                log.warn("Health of {} is {}: {}", component, now.getStatus(), now.getDetails().get("error"));
            }
        }
    }
}
