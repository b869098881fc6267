package io.ticketsmith.jira;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.ticketsmith.remote.SharedBackoff;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.web.client.RestClient;

/**
 * The real Cloud and Data Center gateways against a fake Jira, for tests outside this package; with a read timeout
 * generous enough for a first call on a busy machine, as these tests are not about timeouts.
 */
public final class TestJiraGateways {

    private TestJiraGateways() {
    }

    public static JiraGateway cloud(String baseUrl, Clock clock) {
        return gateway(JiraProperties.Flavor.CLOUD, baseUrl, clock);
    }

    public static JiraGateway dataCenter(String baseUrl, Clock clock) {
        return gateway(JiraProperties.Flavor.DATACENTER, baseUrl, clock);
    }

    private static JiraGateway gateway(JiraProperties.Flavor flavor, String baseUrl, Clock clock) {
        JiraProperties properties = new JiraProperties(baseUrl, flavor,
                flavor == JiraProperties.Flavor.CLOUD ? JiraFixtures.EMAIL : null, JiraFixtures.TOKEN,
                JiraFixtures.PROCESSED, JiraFixtures.CACHE_TTL, JiraFixtures.CACHE_TTL, Duration.ofSeconds(2),
                Duration.ofSeconds(10));
        // The application's own: HTTP/1.1, bodies with their Content-Length.
        ClientHttpRequestFactoryBuilder<?> http11 = io.ticketsmith.config.HttpClientConfiguration.requestFactoryBuilder();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SharedBackoff backoff = SharedBackoff.local(clock);
        return switch (flavor) {
            case CLOUD -> new CloudJiraGateway(properties, RestClient.builder(), http11, meters, clock,
                    JiraCallLog.NONE, backoff);
            case DATACENTER -> new DataCenterJiraGateway(properties, RestClient.builder(), http11, meters, clock,
                    JiraCallLog.NONE, backoff);
        };
    }
}
