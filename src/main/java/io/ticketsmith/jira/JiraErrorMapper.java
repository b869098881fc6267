package io.ticketsmith.jira;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;

import io.ticketsmith.engine.RetryAfter;
import io.ticketsmith.observability.TicketsmithMetrics;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Turns Jira's error answers into the gateway's exceptions, so every caller sees the same kinds whatever the call:
 * rate limits with the wait Jira asked for, refusals in Jira's own words, authorization failures that retrying
 * cannot fix, and everything else as unavailable.
 */
final class JiraErrorMapper {

    /** Jira Cloud always sends Retry-After on 429; a proxy answering 503 may not. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int MAX_MESSAGE_LENGTH = 1000;
    private static final String MASK = "***";

    private final ObjectMapper json = new ObjectMapper();
    private final Counter rateLimited;
    private final Clock clock;
    private final List<String> secrets;

    /** @param secrets the credential and anything derived from it, masked should Jira ever echo them */
    JiraErrorMapper(TicketsmithMetrics metrics, Clock clock, Collection<String> secrets) {
        this.rateLimited = metrics.rateLimitedCounter("jira");
        this.clock = clock;
        this.secrets = secrets.stream().filter(secret -> secret != null && secret.length() >= 4).toList();
    }

    /** The RestClient status handler: always throws. */
    void raise(HttpRequest request, ClientHttpResponse response) throws IOException {
        throw toException(request.getMethod() + " " + request.getURI().getRawPath(), response.getStatusCode().value(),
                response.getHeaders(), readBody(response));
    }

    RuntimeException toException(String call, int status, HttpHeaders headers, String body) {
        if (status == HttpStatus.TOO_MANY_REQUESTS.value() || status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            rateLimited.increment();
            return new JiraRateLimitedException(retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER)));
        }
        String words = jiraWords(status, headers, body);
        if (status == HttpStatus.UNAUTHORIZED.value()) {
            return new JiraAccessDeniedException("Jira refused the configured credentials (" + status + ") for " + call
                    + ": " + words + " Check TICKETSMITH_JIRA_USERNAME and TICKETSMITH_JIRA_API_TOKEN.");
        }
        if (status == HttpStatus.FORBIDDEN.value()) {
            return new JiraAccessDeniedException("The configured Jira account may not do this (" + status + ") for "
                    + call + ": " + words);
        }
        if (status >= 400 && status < 500 && status != HttpStatus.REQUEST_TIMEOUT.value()) {
            return new JiraRejectedException(status, words);
        }
        return new JiraUnavailableException("Jira answered " + status + " to " + call + ": " + words, null);
    }

    /** RFC 9110: delta-seconds or an HTTP-date; a date already past means now; none or unreadable means the default. */
    Duration retryAfter(String value) {
        return RetryAfter.parse(value, clock.instant()).orElse(DEFAULT_RETRY_AFTER);
    }

    /**
     * Jira's own explanation: {@code errorMessages} and {@code errors} ({@code field: message}), or Jira Service
     * Management's {@code errorMessage}, which is what a reviewer needs to fix the action; the status alone when Jira
     * gave none (e.g. an HTML page from a proxy).
     */
    private String jiraWords(int status, HttpHeaders headers, String body) {
        List<String> parts = new ArrayList<>();
        try {
            JsonNode root = body.isBlank() ? null : json.readTree(body);
            if (root != null && root.isObject()) {
                root.path("errorMessages").forEach(message -> parts.add(message.asText()));
                root.path("errors").properties().forEach(error ->
                        parts.add(error.getKey() + ": " + error.getValue().asText()));
                // Jira Service Management's own API says it in one errorMessage.
                if (parts.isEmpty() && root.path("errorMessage").isTextual()) {
                    parts.add(root.path("errorMessage").asText());
                }
                if (parts.isEmpty() && root.path("message").isTextual()) {
                    parts.add(root.path("message").asText());
                }
            }
        } catch (IOException e) {
            if (!MediaType.TEXT_HTML.isCompatibleWith(headers.getContentType()) && !body.isBlank()) {
                parts.add(body);
            }
        }
        parts.removeIf(String::isBlank);
        if (parts.isEmpty()) {
            HttpStatus known = HttpStatus.resolve(status);
            return "Jira answered " + status + (known == null ? "" : " " + known.getReasonPhrase());
        }
        return shorten(mask(String.join("; ", parts)));
    }

    private String mask(String text) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    private static String shorten(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_MESSAGE_LENGTH ? oneLine : oneLine.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }

    private static String readBody(ClientHttpResponse response) {
        try (InputStream body = response.getBody()) {
            return new String(body.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The status alone decides what kind of failure this is; an unreadable body must not hide it.
            return "";
        }
    }
}
