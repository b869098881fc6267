package io.ticketsmith.jira;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.ticketsmith.remote.SharedBackoff;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.ticketsmith.observability.TicketsmithMetrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The one way the adapters talk to Jira: JSON in and out, the {@link JiraErrorMapper} for every error status, and
 * I/O failures as {@link JiraUnavailableException}. Exception messages name the call by its path template only, so
 * neither query values (JQL, someone's email) nor the credential end up in an incident.
 */
final class JiraHttp {

    private static final Logger log = LoggerFactory.getLogger(JiraHttp.class);

    /** Micrometer name of the per-call timer ({@code ticketsmith_jira_api_latency_seconds} in Prometheus). */
    private static final String OPERATION = JiraHttp.class.getName() + ".operation";

    private final RestClient rest;
    private final TicketsmithMetrics metrics;
    private final JiraCallLog callLog;
    private final SharedBackoff backoff;
    private final Clock clock;
    private final CircuitBreaker breaker;
    /** This Jira in the shared back-off: Jira Cloud limits per account, so per site. */
    private final String target;

    /**
     * @param restClientBuilder     Boot's builder (message converters, observations); copied, not changed
     * @param requestFactoryBuilder the application's HTTP client, given Jira's own timeouts here
     */
    JiraHttp(String baseUrl, JiraProperties properties, RestClient.Builder restClientBuilder,
            ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, JiraCredential credential,
            JiraErrorMapper errors, TicketsmithMetrics metrics, JiraCallLog callLog, SharedBackoff backoff, Clock clock,
            CircuitBreaker breaker) {
        this.breaker = breaker;
        this.metrics = metrics;
        this.callLog = callLog;
        this.backoff = backoff;
        this.clock = clock;
        this.target = "jira " + baseUrl;
        this.rest = restClientBuilder.clone()
                .baseUrl(baseUrl)
                .requestFactory(requestFactoryBuilder.build(ClientHttpRequestFactorySettings.defaults()
                        .withConnectTimeout(properties.connectTimeout())
                        .withReadTimeout(properties.readTimeout())))
                .defaultHeaders(headers -> {
                    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
                    credential.authorize(headers);
                })
                .requestInterceptor((request, body, execution) -> {
                    log.debug("Jira {} {}", request.getMethod(), request.getURI().getRawPath());
                    return timed(request, () -> execution.execute(request, body));
                })
                .defaultStatusHandler(HttpStatusCode::isError, errors::raise)
                .build();
    }

    /** @return Jira's answer; a missing node rather than null when the answer was empty */
    JsonNode get(String uriTemplate, Map<String, ?> uriVariables) {
        JsonNode answer = exchange(HttpMethod.GET, uriTemplate, uriVariables, null);
        return answer == null ? MissingNode.getInstance() : answer;
    }

    /** @return Jira's answer, or null when it had nothing to say (204) */
    JsonNode post(String uriTemplate, Map<String, ?> uriVariables, Object body) {
        return exchange(HttpMethod.POST, uriTemplate, uriVariables, body);
    }

    void put(String uriTemplate, Map<String, ?> uriVariables, Object body) {
        exchange(HttpMethod.PUT, uriTemplate, uriVariables, body);
    }

    /**
     * Times one call by operation (method and path template, so issue keys do not explode the label values) and
     * by status; {@code io_error} when no answer came.
     */
    private ClientHttpResponse timed(HttpRequest request, IoCall call) throws IOException {
        long started = System.nanoTime();
        String status = "io_error";
        try {
            ClientHttpResponse response = call.execute();
            status = Integer.toString(response.getStatusCode().value());
            return response;
        } finally {
            Object attribute = request.getAttributes().get(OPERATION);
            String operation = attribute == null ? request.getMethod().name() : attribute.toString();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            metrics.jiraCall(operation, status, took);
            callLog.record(operation, status, took);
        }
    }

    @FunctionalInterface
    private interface IoCall {
        ClientHttpResponse execute() throws IOException;
    }

    private JsonNode exchange(HttpMethod method, String uriTemplate, Map<String, ?> uriVariables, Object body) {
        // While Jira has asked anyone here to wait, nobody calls it: each request waits on its own timer.
        java.util.Optional<Duration> blocked = backoff.remaining(target);
        if (blocked.isPresent()) {
            throw new JiraRateLimitedException(blocked.get());
        }
        // While Jira keeps failing, it is not called either: requests wait as for a 429 instead of each using up
        // its retries and ending as an incident.
        if (!breaker.tryAcquirePermission()) {
            throw new JiraCircuitOpenException(Duration.ofMillis(
                    breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1)));
        }
        long started = System.nanoTime();
        try {
            JsonNode answer = send(method, uriTemplate, uriVariables, body);
            breaker.onSuccess(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            return answer;
        } catch (JiraRateLimitedException e) {
            // Jira is up and says how long to wait: the shared back-off, not the breaker, handles it.
            breaker.onSuccess(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            backoff.blockUntil(target, clock.instant().plus(e.retryAfter()), "429 on " + method + " " + path(uriTemplate));
            throw e;
        } catch (JiraUnavailableException e) {
            breaker.onError(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS, e);
            throw e;
        } catch (RuntimeException e) {
            // Jira answered (a refusal is an answer): it is up.
            breaker.onSuccess(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            throw e;
        }
    }

    private JsonNode send(HttpMethod method, String uriTemplate, Map<String, ?> uriVariables, Object body) {
        RestClient.RequestBodySpec request = rest.method(method).uri(uriTemplate, uriVariables)
                .attribute(OPERATION, method.name() + " " + path(uriTemplate));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        try {
            return request.retrieve().body(JsonNode.class);
        } catch (ResourceAccessException e) {
            // The cause, not the wrapper: the wrapper's message holds the full URL with its query.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new JiraUnavailableException("Jira did not answer " + method + " " + path(uriTemplate) + ": "
                    + describe(cause), e.getCause());
        } catch (RestClientException e) {
            throw new JiraUnavailableException("Jira's answer to " + method + " " + path(uriTemplate)
                    + " could not be read", e);
        }
    }

    private static String path(String uriTemplate) {
        int query = uriTemplate.indexOf('?');
        return query < 0 ? uriTemplate : uriTemplate.substring(0, query);
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + " (" + cause.getMessage() + ")";
    }
}
