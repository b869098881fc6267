package io.ticketsmith.jira;

import java.time.Clock;

import io.ticketsmith.observability.HealthConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Jira's part of {@code /actuator/health}. */
@Configuration(proxyBeanMethods = false)
class JiraHealthConfiguration {

    @Bean
    JiraHealthIndicator jiraHealthIndicator(JiraGateway jiraGateway, HealthConfiguration.HealthProperties properties,
            Clock clock) {
        return new JiraHealthIndicator(jiraGateway, properties.cacheTtl(), clock);
    }
}
