package io.ticketsmith.observability;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Whether the configured LLM provider answers and accepts the credentials, asked with its cheapest call: OpenAI's
 * model list (authenticated with the API key) or Ollama's list of local models. A provider that cannot be reached or
 * refuses is {@link HealthConfiguration#DEGRADED}: requests are then analysed by the keyword rules. Details show the
 * provider, its base URL without credentials, and for a failure the HTTP status or I/O error only. Never a response
 * body, because OpenAI echoes part of a wrong key in its 401.
 */
final class LlmHealthIndicator implements HealthIndicator {

    // Far below the analysis calls' read timeout: a listing is quick, and a health scrape must not hang.
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private static final String MASK = "****";

    /** The providers {@code spring.ai.model.chat} selects, with the listing that proves each one works. */
    enum Provider {
        OPENAI("/v1/models", "data"),
        OLLAMA("/api/tags", "models"),
        NONE(null, null),
        OTHER(null, null);

        private final String listPath;
        private final String listField;

        Provider(String listPath, String listField) {
            this.listPath = listPath;
            this.listField = listField;
        }
    }

    /**
     * What to check, resolved from the Spring AI settings.
     *
     * @param name    the value of {@code spring.ai.model.chat}
     * @param baseUrl without a trailing {@code /v1}: OpenAI's paths are appended to it as Spring AI does
     * @param apiKey  the OpenAI key, or null; never shown
     */
    record Target(Provider provider, String name, String baseUrl, String apiKey) {

        static final String OPENAI_DEFAULT_BASE_URL = "https://api.openai.com";
        static final String OLLAMA_DEFAULT_BASE_URL = "http://localhost:11434";

        static Target openAi(String baseUrl, String apiKey) {
            return new Target(Provider.OPENAI, "openai", baseUrl, apiKey);
        }

        static Target ollama(String baseUrl) {
            return new Target(Provider.OLLAMA, "ollama", baseUrl, null);
        }

        static Target none() {
            return new Target(Provider.NONE, "none", null, null);
        }

        /** As Spring AI resolves it: the chat model's own base URL and key win over the provider-wide ones. */
        static Target from(Environment environment) {
            String name = environment.getProperty("spring.ai.model.chat", "none").trim().toLowerCase(Locale.ROOT);
            return switch (name) {
                case "openai" -> openAi(
                        first(environment, OPENAI_DEFAULT_BASE_URL, "spring.ai.openai.chat.base-url",
                                "spring.ai.openai.base-url"),
                        first(environment, null, "spring.ai.openai.chat.api-key", "spring.ai.openai.api-key"));
                case "ollama" -> ollama(first(environment, OLLAMA_DEFAULT_BASE_URL, "spring.ai.ollama.base-url"));
                case "none", "" -> none();
                default -> new Target(Provider.OTHER, name, null, null);
            };
        }

        private static String first(Environment environment, String fallback, String... properties) {
            return Stream.of(properties).map(environment::getProperty)
                    .filter(value -> value != null && !value.isBlank()).map(String::trim)
                    .findFirst().orElse(fallback);
        }

        @Override
        public String toString() {
            return "Target[" + name + " " + displayUrl(baseUrl) + "]";
        }
    }

    private final Target target;
    private final List<String> secrets;
    private final RestClient rest;
    private final HealthConfiguration.CachedHealth cache;

    /**
     * @param restClientBuilder     Boot's builder (message converters, observations); copied, not changed
     * @param requestFactoryBuilder the application's HTTP client, given the health check's short timeouts here
     * @param cacheTtl              how long a result is reused
     */
    LlmHealthIndicator(Target target, RestClient.Builder restClientBuilder,
            ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, Duration cacheTtl, Clock clock) {
        this.target = target;
        this.secrets = secrets(target);
        this.rest = target.provider().listPath == null ? null : restClientBuilder.clone()
                .baseUrl(target.baseUrl())
                .requestFactory(requestFactoryBuilder.build(ClientHttpRequestFactorySettings.defaults()
                        .withConnectTimeout(CONNECT_TIMEOUT)
                        .withReadTimeout(READ_TIMEOUT)))
                .defaultHeaders(headers -> {
                    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
                    if (target.apiKey() != null) {
                        headers.setBearerAuth(target.apiKey());
                    }
                })
                .build();
        this.cache = new HealthConfiguration.CachedHealth("the LLM provider", this::check, cacheTtl, clock);
    }

    @Override
    public Health health() {
        return switch (target.provider()) {
            case NONE -> Health.up().withDetail("provider", target.name()).build();
            // Only the OpenAI and Ollama starters are on the class path; anything else is no chat model at all.
            case OTHER -> Health.unknown().withDetail("provider", target.name())
                    .withDetail("error", "no health check for this provider").build();
            case OPENAI, OLLAMA -> cache.get();
        };
    }

    private Health check() {
        Provider provider = target.provider();
        try {
            JsonNode answer = rest.get().uri(provider.listPath).retrieve().body(JsonNode.class);
            JsonNode models = answer == null ? null : answer.get(provider.listField);
            if (models == null || !models.isArray()) {
                return failure("the answer to GET " + provider.listPath + " has no \"" + provider.listField
                        + "\" list; is the base URL right?");
            }
            return health(Status.UP).withDetail("models", models.size()).build();
        } catch (RestClientResponseException e) {
            // Status only: the body may quote the key.
            int status = e.getStatusCode().value();
            String refused = status == 401 || status == 403 ? ": the provider refused the configured credentials" : "";
            return failure("GET " + provider.listPath + " answered " + status + refused);
        } catch (ResourceAccessException e) {
            // The cause, not the wrapper: the wrapper's message holds the full URL.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return failure("GET " + provider.listPath + " could not be reached: " + describe(cause));
        } catch (RestClientException e) {
            return failure("the answer to GET " + provider.listPath + " could not be read ("
                    + e.getClass().getSimpleName() + ")");
        } catch (RuntimeException e) {
            return failure("GET " + provider.listPath + " failed: " + describe(e));
        }
    }

    private Health failure(String error) {
        return health(HealthConfiguration.DEGRADED).withDetail("error", masked(error)).build();
    }

    private Health.Builder health(Status status) {
        return Health.status(status).withDetails(Map.of("provider", target.name(),
                "baseUrl", displayUrl(target.baseUrl())));
    }

    /** Belt and braces: no message built here should hold a credential, but an I/O error might quote one. */
    private String masked(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    /** The API key and whatever user info the base URL carries, longest first so no part of one is left. */
    private static List<String> secrets(Target target) {
        Stream<String> userInfo = Stream.empty();
        if (target.baseUrl() != null) {
            try {
                String raw = new URI(target.baseUrl().trim()).getRawUserInfo();
                userInfo = raw == null ? Stream.empty() : Stream.of(raw, raw.substring(raw.indexOf(':') + 1));
            } catch (URISyntaxException e) {
                userInfo = Stream.empty();
            }
        }
        return Stream.concat(Stream.ofNullable(target.apiKey()), userInfo)
                .filter(secret -> !secret.isBlank())
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + " (" + cause.getMessage() + ")";
    }

    /** The base URL as it may be shown: no user info, query or fragment, which could hold a credential. */
    static String displayUrl(String baseUrl) {
        if (baseUrl == null) {
            return "-";
        }
        try {
            URI uri = new URI(baseUrl.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "(not an http(s) address)";
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return "(not an http(s) address)";
        }
    }
}
