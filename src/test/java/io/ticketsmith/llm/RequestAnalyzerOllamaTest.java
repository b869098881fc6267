package io.ticketsmith.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.http.HttpTimeoutException;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.ticketsmith.fixtures.OllamaPayloads;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.ResourceAccessException;

/** The analyzer against a fake Ollama that speaks its /api/chat protocol, with the real Spring AI client. */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
class RequestAnalyzerOllamaTest {

    private static final String CHAT = OllamaPayloads.CHAT;

    // HTTP/1.1 only, like Ollama itself: see RequestAnalyzerOpenAiTest.
    @RegisterExtension
    static WireMockExtension ollama = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true)).build();

    @DynamicPropertySource
    static void useFakeOllama(DynamicPropertyRegistry registry) {
        registry.add("spring.ai.model.chat", () -> "ollama");
        registry.add("spring.ai.ollama.base-url", ollama::baseUrl);
        registry.add("spring.ai.ollama.chat.options.model", () -> "llama3.2");
        registry.add("spring.http.client.read-timeout", () -> "1s");
        // Only the calls of the test itself reach the fake.
        registry.add("ticketsmith.llm.worker", () -> "false");
    }

    @Autowired
    RequestAnalyzer analyzer;

    @Test
    void theAnalysisSchemaIsSentAsOllamasFormatAtTemperatureZero() {
        ollama.stubFor(post(CHAT).willReturn(okJson(OllamaPayloads.chat(LlmAnswers.checkoutBug(), 1024, 180))));

        analyzer.analyze(LlmAnswers.CHECKOUT_REQUEST);

        ollama.verify(1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(CHAT))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.format.type",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("object")))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.format.properties.confidence.properties.urgency.maximum"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.options.temperature", com.github.tomakehurst.wiremock.client.WireMock.equalTo("0.0"))));
    }

    @Test
    void validAnswerBecomesAnalysisWithModelAndEvalCounts() {
        ollama.stubFor(post(CHAT).willReturn(okJson(OllamaPayloads.chat(LlmAnswers.checkoutBug(), 1024, 180))));

        LlmAnalysis result = analyzer.analyze(LlmAnswers.CHECKOUT_REQUEST);

        assertThat(analyzer.provider()).isEqualTo("ollama");
        assertThat(result.analysis().intent()).isEqualTo("create_issue");
        assertThat(result.analysis().urgency()).isEqualTo("high");
        assertThat(result.call()).isEqualTo(new LlmCall("ollama", "llama3.2", "analyze-request/v5", 1024, 180,
                result.call().latencyMillis(), 1, true));
        ollama.verify(1, postRequestedFor(urlEqualTo(CHAT))
                .withRequestBody(matchingJsonPath("$.model", equalTo("llama3.2")))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", containing("triage assistant of Ticketsmith")))
                .withRequestBody(matchingJsonPath("$.messages[1].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.messages[1].content", containing("blank screen after I click"))));
    }

    @Test
    void malformedAnswerIsAskedAgainWithTheParseError() {
        ollama.stubFor(post(CHAT).inScenario("re-ask").whenScenarioStateIs(STARTED)
                .willReturn(okJson(OllamaPayloads.chat(LlmAnswers.truncated(), 1024, 30)))
                .willSetStateTo("asked again"));
        ollama.stubFor(post(CHAT).inScenario("re-ask").whenScenarioStateIs("asked again")
                .willReturn(okJson(OllamaPayloads.chat(LlmAnswers.checkoutBug(), 1100, 180))));

        LlmAnalysis result = analyzer.analyze(LlmAnswers.CHECKOUT_REQUEST);

        assertThat(result.analysis().category()).isEqualTo("bug");
        assertThat(result.call().calls()).isEqualTo(2);
        assertThat(result.call().promptTokens()).isEqualTo(1024 + 1100);
        assertThat(result.call().completionTokens()).isEqualTo(30 + 180);
        ollama.verify(1, postRequestedFor(urlEqualTo(CHAT))
                .withRequestBody(matchingJsonPath("$.messages[2].role", equalTo("assistant")))
                .withRequestBody(matchingJsonPath("$.messages[3].content",
                        containing("the answer was not valid JSON: "))));
    }

    @Test
    void rateLimitIsRetryableAfterTheRetryAfter() {
        ollama.stubFor(post(CHAT).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"too many requests\"}")));

        LlmUnavailableException failure = catchThrowableOfType(LlmUnavailableException.class,
                () -> analyzer.analyze(LlmAnswers.CHECKOUT_REQUEST));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(12));
        assertThat(failure.getMessage()).isEqualTo("LLM provider answered 429 Too Many Requests: too many requests");
    }

    @Test
    void serverErrorIsRetryableWithoutRetryAfter() {
        ollama.stubFor(post(CHAT).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"llama runner process has terminated: signal: killed\"}")));

        LlmUnavailableException failure = catchThrowableOfType(LlmUnavailableException.class,
                () -> analyzer.analyze(LlmAnswers.CHECKOUT_REQUEST));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).isEmpty();
        assertThat(failure.getMessage()).isEqualTo("LLM provider answered 500 Internal Server Error: "
                + "llama runner process has terminated: signal: killed");
    }

    @Test
    void answerSlowerThanTheReadTimeoutIsRetryable() {
        ollama.stubFor(post(CHAT).willReturn(okJson(OllamaPayloads.chat(LlmAnswers.checkoutBug(), 1024, 180))
                .withFixedDelay(2_000)));

        LlmUnavailableException failure = catchThrowableOfType(LlmUnavailableException.class,
                () -> analyzer.analyze(LlmAnswers.CHECKOUT_REQUEST));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getCause()).isInstanceOf(ResourceAccessException.class)
                .cause().isInstanceOf(HttpTimeoutException.class);
    }
}
