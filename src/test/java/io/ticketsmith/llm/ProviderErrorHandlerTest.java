package io.ticketsmith.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.client.MockClientHttpResponse;

/** The status-to-exception rules, beyond the cases the provider tests play over HTTP. */
class ProviderErrorHandlerTest {

    private static final Instant NOW = Instant.parse("2025-10-21T07:28:00Z");
    private static final URI COMPLETIONS = URI.create("https://api.openai.com/v1/chat/completions");

    private final ProviderErrorHandler handler = new ProviderErrorHandler(List.of("configured-secret-key"),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void successIsNoError() throws Exception {
        assertThat(handler.hasError(response(200, "{}"))).isFalse();
        assertThat(handler.hasError(response(429, "{}"))).isTrue();
    }

    @Test
    void serviceUnavailableWaitsUntilTheHttpDateOfRetryAfter() {
        MockClientHttpResponse response = response(503, "{\"error\":\"server busy, please try again\"}");
        response.getHeaders().add("Retry-After", "Tue, 21 Oct 2025 07:29:00 GMT");

        LlmUnavailableException failure = handle(response);

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofMinutes(1));
        assertThat(failure.getMessage()).isEqualTo("LLM provider answered 503 Service Unavailable: "
                + "server busy, please try again");
    }

    @Test
    void openAisRetryAfterMsWinsOverRetryAfter() {
        MockClientHttpResponse response = response(429, "{}");
        response.getHeaders().add("Retry-After", "2");
        response.getHeaders().add("retry-after-ms", "1250");

        assertThat(handle(response).retryAfter()).contains(Duration.ofMillis(1250));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 413, 422})
    void clientErrorsAreNotRetryableEvenWithRetryAfter(int status) {
        MockClientHttpResponse response = response(status, "{\"error\":{\"message\":\"nope\"}}");
        response.getHeaders().add("Retry-After", "30");

        LlmUnavailableException failure = handle(response);

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.retryAfter()).isEmpty();
        assertThat(failure.getMessage()).startsWith("LLM provider answered " + status).endsWith(": nope");
    }

    @Test
    void echoedKeysAreMasked() {
        String body = "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-abcdEFGH1234. Also "
                + "configured-secret-key and Bearer eyJhbGciOi.payload.sig\"}}";

        String message = handle(response(401, body)).getMessage();

        assertThat(message).doesNotContain("sk-proj-abcdEFGH1234", "configured-secret-key", "eyJhbGciOi")
                .contains("Incorrect API key provided: ***");
    }

    @Test
    void longHtmlBodiesFromProxiesAreCutShort() {
        String html = "<html><body>" + "Bad gateway ".repeat(100) + "</body></html>";

        String message = handle(response(502, html)).getMessage();

        assertThat(message).startsWith("LLM provider answered 502 Bad Gateway: <html><body>Bad gateway")
                .hasSizeLessThan(ErrorExcerpt.MAX_LENGTH + 60).endsWith("…");
    }

    private LlmUnavailableException handle(MockClientHttpResponse response) {
        return catchThrowableOfType(LlmUnavailableException.class,
                () -> handler.handleError(COMPLETIONS, HttpMethod.POST, response));
    }

    private static MockClientHttpResponse response(int status, String body) {
        return new MockClientHttpResponse(body.getBytes(StandardCharsets.UTF_8), HttpStatus.valueOf(status));
    }
}
