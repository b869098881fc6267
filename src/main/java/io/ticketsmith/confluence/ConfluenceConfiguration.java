package io.ticketsmith.confluence;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The Confluence client, only when {@code ticketsmith.knowledge.confluence.enabled}; a missing base URL, space or
 * credential then stops start-up rather than failing every sync. Pages are written whenever a site is configured
 * ({@code base-url}), whether or not its pages are synced: without one there is no {@link ConfluencePages}, and
 * the safety policy refuses {@code create_page} actions with that reason.
 */
@Configuration(proxyBeanMethods = false)
class ConfluenceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConfluenceConfiguration.class);

    @Bean
    @ConditionalOnProperty(name = "ticketsmith.knowledge.confluence.enabled", havingValue = "true")
    ConfluenceClient confluenceClient(ConfluenceProperties properties, RestClient.Builder restClientBuilder,
            ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, Clock clock) {
        ConfluenceClient client = new ConfluenceClient(properties, restClientBuilder, requestFactoryBuilder, clock);
        log.info("Confluence: {}, spaces {}", client.name(), properties.spaces());
        return client;
    }

    @Bean
    @ConditionalOnExpression("!'${ticketsmith.knowledge.confluence.base-url:}'.isBlank()")
    ConfluencePages confluencePages(ConfluenceProperties properties, RestClient.Builder restClientBuilder,
            ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, Clock clock) {
        ConfluencePages pages = new ConfluencePages(properties, restClientBuilder, requestFactoryBuilder, clock);
        log.info("Confluence pages are written to {}", pages.name());
        return pages;
    }
}
