package io.ticketsmith.jira;

import io.ticketsmith.remote.SharedBackoff;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.micrometer.core.instrument.MeterRegistry;

import io.ticketsmith.support.FakeJiraApi;
import io.ticketsmith.support.TestClock;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.web.client.RestClient;

/** Builds the adapters as the application does, against a WireMock Jira, without a Spring context. */
final class JiraFixtures {

    static final String EMAIL = "ticketsmith-bot@acme.example";
    static final String TOKEN = "ATATT3xFfGF0-s3cr3t-t0ken-value";
    static final String PROCESSED = FakeJiraApi.PROCESSED_LABEL;
    static final String IDEMPOTENCY_LABEL = "ts-3f9a1c2b7d4e5f60";
    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    // Long enough for a first call to the fake on a loaded machine; the timeout tests wait three times as long.
    static final Duration READ_TIMEOUT = Duration.ofMillis(1500);
    static final Duration CACHE_TTL = Duration.ofMinutes(10);

    private JiraFixtures() {
    }

    /** A fake Jira speaking HTTP/1.1, as the real client does (see HttpClientConfiguration). */
    static WireMockExtension fakeJira() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().http2PlainDisabled(true))
                .build();
    }

    static JiraProperties properties(JiraProperties.Flavor flavor, String baseUrl) {
        return new JiraProperties(baseUrl, flavor, flavor == JiraProperties.Flavor.CLOUD ? EMAIL : null, TOKEN,
                PROCESSED, CACHE_TTL, CACHE_TTL, Duration.ofSeconds(2), READ_TIMEOUT);
    }

    /** A clock at {@link #NOW} that the test moves forward, to see caches expire. */
    static TestClock clock() {
        return new TestClock(NOW);
    }

    static RestJiraGateway gateway(JiraProperties.Flavor flavor, String baseUrl, MeterRegistry meters, Clock clock) {
        return gateway(flavor, baseUrl, meters, clock, SharedBackoff.local(clock));
    }

    /** A gateway of one node, sharing its back-off with the others through {@code backoff}'s database. */
    static RestJiraGateway gateway(JiraProperties.Flavor flavor, String baseUrl, MeterRegistry meters, Clock clock,
            SharedBackoff backoff) {
        JiraProperties properties = properties(flavor, baseUrl);
        // The application's own: HTTP/1.1, bodies with their Content-Length.
        ClientHttpRequestFactoryBuilder<?> http11 = io.ticketsmith.config.HttpClientConfiguration.requestFactoryBuilder();
        return switch (flavor) {
            case CLOUD -> new CloudJiraGateway(properties, RestClient.builder(), http11, meters, clock,
                    JiraCallLog.NONE, backoff);
            case DATACENTER -> new DataCenterJiraGateway(properties, RestClient.builder(), http11, meters, clock,
                    JiraCallLog.NONE, backoff);
        };
    }
}
