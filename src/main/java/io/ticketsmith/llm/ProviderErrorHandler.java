package io.ticketsmith.llm;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.engine.RetryAfter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * Turns an error answer of the LLM provider into an {@link LlmUnavailableException} that says whether asking again
 * can help and how long the provider wants us to wait. Registered as a bean by {@link LlmConfiguration}.
 */
class ProviderErrorHandler implements ResponseErrorHandler {

    private static final int MAX_BODY_BYTES = 8 * 1024;
    private static final String RETRY_AFTER_MS = "retry-after-ms";

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> knownSecrets;
    private final Clock clock;

    /** @param knownSecrets configured API keys, masked wherever the provider echoes them */
    ProviderErrorHandler(List<String> knownSecrets, Clock clock) {
        this.knownSecrets = List.copyOf(knownSecrets);
        this.clock = clock;
    }

    @Override
    public boolean hasError(ClientHttpResponse response) throws IOException {
        return response.getStatusCode().isError();
    }

    @Override
    public void handleError(URI url, HttpMethod method, ClientHttpResponse response) throws IOException {
        HttpStatusCode status = response.getStatusCode();
        boolean retryable = status.value() == HttpStatus.TOO_MANY_REQUESTS.value() || status.is5xxServerError();
        Duration retryAfter = retryable ? retryAfter(response.getHeaders()).orElse(null) : null;
        String excerpt = ErrorExcerpt.of(providerMessage(readBody(response)), knownSecrets);
        String message = "LLM provider answered " + status.value() + reasonPhrase(status)
                + (excerpt.isEmpty() ? "" : ": " + excerpt);
        throw new LlmUnavailableException(message, retryable, retryAfter, null);
    }

    private Optional<Duration> retryAfter(HttpHeaders headers) {
        return RetryAfter.parseMillis(headers.getFirst(RETRY_AFTER_MS))
                .or(() -> RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), clock.instant()));
    }

    private static String reasonPhrase(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "" : " " + known.getReasonPhrase();
    }

    private static String readBody(ClientHttpResponse response) {
        try (InputStream body = response.getBody()) {
            return new String(body.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The status alone is enough to decide; a body we cannot read must not hide it.
            return "";
        }
    }

    /** The human-readable part of the error: OpenAI's {@code error.message}, Ollama's {@code error}, or the body. */
    private String providerMessage(String body) {
        try {
            JsonNode root = json.readTree(body);
            if (root != null && root.isObject()) {
                return Stream.of(root.path("error").path("message"), root.path("error"), root.path("message"))
                        .filter(JsonNode::isTextual).map(JsonNode::asText).findFirst().orElse(body);
            }
        } catch (IOException e) {
            // Not JSON, e.g. an HTML page from a proxy: fall through to the raw body.
        }
        return body;
    }
}
