package io.ticketsmith.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.ticketsmith.fixtures.OpenAiPayloads;
import io.ticketsmith.support.OpenAiStub;
import io.ticketsmith.support.TestClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.web.client.RestClient;

/** The LLM health check against fake OpenAI and Ollama APIs. */
class LlmHealthIndicatorTest {

    private static final String API_KEY = "sk-health-test-0123456789";
    private static final Duration TTL = Duration.ofSeconds(30);

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final TestClock clock = new TestClock(Instant.parse("2025-06-02T08:00:00Z"));

    @Test
    void openAiListingModelsIsUpWithModelCount() {
        provider.stubFor(get(urlPathEqualTo(OpenAiPayloads.MODELS))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .willReturn(okJson(OpenAiPayloads.MODEL_LIST)));

        Health health = indicator(LlmHealthIndicator.Target.openAi(provider.baseUrl(), API_KEY)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("provider", "openai")
                .containsEntry("baseUrl", provider.baseUrl())
                .containsEntry("models", 2)
                .containsEntry("checkedAt", "2025-06-02T08:00:00Z");
    }

    @Test
    void openAiRefusingTheKeyIsDegradedWithoutTheKey() {
        // OpenAI's real 401 quotes the key it was given.
        provider.stubFor(get(urlPathEqualTo(OpenAiPayloads.MODELS)).willReturn(OpenAiStub.invalidApiKey(API_KEY)));

        Health health = indicator(LlmHealthIndicator.Target.openAi(provider.baseUrl(), API_KEY)).health();

        assertThat(health.getStatus()).isEqualTo(HealthConfiguration.DEGRADED);
        assertThat(health.getDetails()).containsEntry("provider", "openai")
                .containsEntry("error", "GET /v1/models answered 401: the provider refused the configured credentials")
                .containsKey("checkedAt");
        assertThat(health.getDetails().toString()).doesNotContain(API_KEY).doesNotContain("0123456789");
    }

    @Test
    void refusedConnectionIsDegraded() throws IOException {
        String closed = "http://localhost:" + closedPort();

        Health health = indicator(LlmHealthIndicator.Target.ollama(closed)).health();

        assertThat(health.getStatus()).isEqualTo(HealthConfiguration.DEGRADED);
        assertThat(health.getDetails()).containsEntry("provider", "ollama").containsEntry("baseUrl", closed);
        assertThat((String) health.getDetails().get("error"))
                .startsWith("GET /api/tags could not be reached: ConnectException");
    }

    @Test
    void baseUrlIsShownWithoutItsCredentials() throws IOException {
        String withCredentials = "http://proxyuser:proxy-secret@localhost:" + closedPort() + "/ollama?token=abc";

        Health health = indicator(LlmHealthIndicator.Target.ollama(withCredentials)).health();

        assertThat(health.getDetails().get("baseUrl")).asString().startsWith("http://localhost:").endsWith("/ollama");
        assertThat(health.getDetails().toString()).doesNotContain("proxy-secret").doesNotContain("proxyuser");
    }

    @Test
    void ollamaListingLocalModelsIsUpWithoutCredentials() {
        provider.stubFor(get(urlPathEqualTo("/api/tags")).willReturn(okJson("""
                {"models": [{"name": "llama3.2:latest", "model": "llama3.2:latest", "size": 2019393189,
                  "digest": "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72"}]}""")));

        Health health = indicator(LlmHealthIndicator.Target.ollama(provider.baseUrl())).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("provider", "ollama").containsEntry("models", 1);
        provider.verify(getRequestedFor(urlPathEqualTo("/api/tags")).withoutHeader("Authorization"));
    }

    @Test
    void answerWithoutModelListIsDegraded() {
        provider.stubFor(get(urlPathEqualTo(OpenAiPayloads.MODELS)).willReturn(okJson("{\"status\": \"ok\"}")));

        Health health = indicator(LlmHealthIndicator.Target.openAi(provider.baseUrl(), API_KEY)).health();

        assertThat(health.getStatus()).isEqualTo(HealthConfiguration.DEGRADED);
        assertThat(health.getDetails().get("error")).asString().contains("no \"data\" list");
    }

    @Test
    void noProviderIsUpWithoutAnyCall() {
        Health health = indicator(LlmHealthIndicator.Target.none()).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsExactlyEntriesOf(java.util.Map.of("provider", "none"));
        assertThat(provider.getAllServeEvents()).isEmpty();
    }

    @Test
    void resultIsReusedUntilTheCacheTtlHasPassed() {
        provider.stubFor(get(urlPathEqualTo("/api/tags")).willReturn(okJson("{\"models\": []}")));
        LlmHealthIndicator indicator = indicator(LlmHealthIndicator.Target.ollama(provider.baseUrl()));

        indicator.health();
        clock.advance(TTL.minusSeconds(1));
        Health cached = indicator.health();

        provider.verify(1, getRequestedFor(urlPathEqualTo("/api/tags")));
        assertThat(cached.getDetails()).containsEntry("checkedAt", "2025-06-02T08:00:00Z");

        clock.advance(Duration.ofSeconds(1));
        Health fresh = indicator.health();

        provider.verify(2, getRequestedFor(urlPathEqualTo("/api/tags")));
        assertThat(fresh.getDetails()).containsEntry("checkedAt", "2025-06-02T08:00:30Z");
    }

    private LlmHealthIndicator indicator(LlmHealthIndicator.Target target) {
        return new LlmHealthIndicator(target, RestClient.builder(), ClientHttpRequestFactoryBuilder.jdk(), TTL, clock);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
