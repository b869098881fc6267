package io.ticketsmith.jira;

import io.ticketsmith.remote.SharedBackoff;
import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The Jira gateway: the adapter of the configured flavour when {@code ticketsmith.jira.base-url} is set, otherwise the
 * dry-run gateway. A base URL without its credential stops start-up, rather than failing every approved action later.
 */
@Configuration(proxyBeanMethods = false)
class JiraConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JiraConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(JiraGateway.class)
    JiraGateway jiraGateway(JiraProperties properties, RestClient.Builder restClientBuilder,
            ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, MeterRegistry meterRegistry, Clock clock,
            ObjectProvider<JiraCallLog> callLogs, ObjectProvider<SharedBackoff> backoffs) {
        JiraCallLog callLog = callLogs.getIfAvailable(() -> JiraCallLog.NONE);
        SharedBackoff backoff = backoffs.getIfAvailable(() -> SharedBackoff.local(clock));
        if (!properties.isConfigured()) {
            log.warn("No Jira is configured: approved actions are recorded in the action ledger and logged, not sent");
            return new DryRunJiraGateway();
        }
        RestJiraGateway gateway = switch (properties.flavor()) {
            case CLOUD -> new CloudJiraGateway(properties, restClientBuilder, requestFactoryBuilder, meterRegistry,
                    clock, callLog, backoff);
            case DATACENTER -> new DataCenterJiraGateway(properties, restClientBuilder, requestFactoryBuilder,
                    meterRegistry, clock, callLog, backoff);
        };
        log.info("Jira: {} at {}", gateway.flavor(), gateway.baseUrl());
        return gateway;
    }
}
