package io.ticketsmith.zendesk;

import java.time.Clock;

import io.ticketsmith.jira.JiraCallLog;
import io.ticketsmith.jira.ZendeskTickets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * The Zendesk connector, only when {@code ticketsmith.zendesk.enabled}; a missing base URL or credential then stops
 * start-up rather than failing every call. Without it there is no {@link ZendeskTickets}, and Zendesk actions go back
 * to review saying so. In dry-run mode the tickets are still read, but every write is only recorded.
 */
@Configuration(proxyBeanMethods = false)
class ZendeskConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ZendeskConfiguration.class);

    @Bean
    @ConditionalOnProperty(name = "ticketsmith.zendesk.enabled", havingValue = "true")
    ZendeskClient zendeskClient(ZendeskProperties properties, Environment environment,
            RestClient.Builder restClientBuilder, ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder,
            Clock clock, ObjectProvider<JiraCallLog> callLogs) {
        // Environment variables only: a credential in a settings file ends up in backups and repositories.
        String credentials = ZendeskClient.authorization(environment.getProperty(ZendeskClient.EMAIL_VARIABLE),
                environment.getProperty(ZendeskClient.API_TOKEN_VARIABLE),
                environment.getProperty(ZendeskClient.OAUTH_TOKEN_VARIABLE));
        ZendeskClient client = new ZendeskClient(properties, credentials, restClientBuilder, requestFactoryBuilder,
                clock, callLogs.getIfAvailable(() -> JiraCallLog.NONE));
        log.info("Zendesk: {}, at most {} calls a minute, {}", client.name(), properties.callsPerMinute(),
                properties.dryRun() ? "dry run (nothing is written)" : "writing");
        return client;
    }

    /** Primary over the client, which writes too: in dry-run mode this one records instead. */
    @Bean
    @Primary
    @ConditionalOnProperty(name = "ticketsmith.zendesk.enabled", havingValue = "true")
    ZendeskTickets zendeskTickets(ZendeskProperties properties, ZendeskClient client) {
        return properties.dryRun() ? new DryRunZendeskTickets(properties.baseUrl()) : client;
    }

    @Bean
    ZendeskWebhookSecret zendeskWebhookSecret(Environment environment) {
        return new ZendeskWebhookSecret(environment.getProperty(ZendeskWebhookSecret.VARIABLE));
    }
}
