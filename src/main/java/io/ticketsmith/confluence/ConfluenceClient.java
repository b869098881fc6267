package io.ticketsmith.confluence;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.ticketsmith.engine.RetryAfter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Reads pages of the configured spaces from Confluence, page by page of search results, following the links
 * Confluence gives for the next page:
 * <ul>
 *   <li>Cloud: CQL through v1 {@code /wiki/rest/api/search} (cursor links), each page's body through v2
 *       {@code /wiki/api/v2/pages/{id}?body-format=storage}; Basic with the account's email and an API token;</li>
 *   <li>Data Center: {@code /rest/api/content/search} with the bodies expanded (offset links); a personal access
 *       token as Bearer token.</li>
 * </ul>
 * A 429 is a {@link ConfluenceRateLimitedException} with the wait Confluence asked for; anything else that fails is a
 * {@link ConfluenceException} naming the path only.
 */
public class ConfluenceClient {

    static final String USER_VARIABLE = "TICKETSMITH_CONFLUENCE_USER";
    static final String TOKEN_VARIABLE = "TICKETSMITH_CONFLUENCE_TOKEN";

    private static final Logger log = LoggerFactory.getLogger(ConfluenceClient.class);
    private static final DateTimeFormatter CQL_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm", Locale.ROOT);
    /** Used when a 429 comes without a readable Retry-After. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(1);
    /** Ids listed per page when only ids are read (no bodies, so Confluence allows more). */
    private static final int ID_PAGE_SIZE = 100;
    private static final String CLOUD_CONTEXT = "/wiki";

    private final ConfluenceProperties properties;
    private final String baseUrl;
    private final boolean cloud;
    private final RestClient rest;
    private final Clock clock;

    /**
     * One page of search results.
     *
     * @param vanished ids of pages found by the search but gone before their body could be read
     * @param next     the link to the next page of results, null on the last
     */
    public record Batch(List<ConfluencePage> pages, List<String> vanished, String next) {

        public Batch {
            pages = List.copyOf(pages);
            vanished = List.copyOf(vanished);
        }
    }

    /** One page of page ids; {@code next} is null on the last. */
    public record Ids(List<String> ids, String next) {

        public Ids {
            ids = List.copyOf(ids);
        }
    }

    public ConfluenceClient(ConfluenceProperties properties, RestClient.Builder restClientBuilder,
            ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.cloud = properties.flavor() == ConfluenceProperties.Flavor.CLOUD;
        this.baseUrl = checkedBaseUrl(properties.baseUrl());
        if (properties.spaces().isEmpty()) {
            throw new IllegalStateException("ticketsmith.knowledge.confluence.spaces must name at least one space key");
        }
        this.rest = restClient(properties, restClientBuilder, requestFactoryBuilder)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    int status = response.getStatusCode().value();
                    String path = request.getURI().getRawPath();
                    if (status == 429) {
                        throw new ConfluenceRateLimitedException(RetryAfter.parse(
                                response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), clock.instant())
                                .orElse(DEFAULT_RETRY_AFTER));
                    }
                    String hint = status == 401 || status == 403 ? "; check " + USER_VARIABLE + " and " + TOKEN_VARIABLE
                            : "";
                    throw new ConfluenceException(status, "Confluence answered " + status + " to GET " + path + hint,
                            null);
                })
                .build();
    }

    public String name() {
        return (cloud ? "cloud " : "data-center ") + baseUrl;
    }

    /**
     * The first page of pages of the configured spaces changed since {@code since} (minute precision, as CQL
     * reads it in {@code zone}), oldest change first, or the page {@code next} leads to.
     */
    public Batch changedSince(Instant since, ZoneId zone, String next) {
        String cql = spacesClause() + " AND lastmodified >= \"" + CQL_TIME.format(since.atZone(zone))
                + "\" ORDER BY lastmodified ASC";
        return cloud ? cloudBatch(cql, next) : dataCenterBatch(cql, next);
    }

    /** The ids of every current page of the configured spaces, a page of results at a time. */
    public Ids pageIds(String next) {
        String cql = spacesClause();
        JsonNode answer;
        if (next != null) {
            answer = follow(next);
        } else if (cloud) {
            answer = get(CLOUD_CONTEXT + "/rest/api/search?cql={cql}&limit={limit}",
                    Map.of("cql", cql, "limit", ID_PAGE_SIZE));
        } else {
            answer = get("/rest/api/content/search?cql={cql}&limit={limit}&start=0",
                    Map.of("cql", cql, "limit", ID_PAGE_SIZE));
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            JsonNode content = cloud ? result.path("content") : result;
            String id = text(content.path("id"));
            if (id != null) {
                ids.add(id);
            }
        }
        return new Ids(ids, nextLink(answer, ids.size()));
    }

    private Batch cloudBatch(String cql, String next) {
        JsonNode answer = next != null ? follow(next)
                : get(CLOUD_CONTEXT + "/rest/api/search?cql={cql}&limit={limit}&expand={expand}",
                        Map.of("cql", cql, "limit", properties.pageSize(), "expand", "content.space,content.version"));
        List<ConfluencePage> pages = new ArrayList<>();
        List<String> vanished = new ArrayList<>();
        JsonNode results = answer.path("results");
        for (JsonNode result : results) {
            JsonNode content = result.path("content");
            String id = text(content.path("id"));
            if (id == null) {
                continue;
            }
            JsonNode page;
            try {
                page = get(CLOUD_CONTEXT + "/api/v2/pages/{id}?body-format=storage", Map.of("id", id));
            } catch (ConfluenceException e) {
                if (e.status() != 404) {
                    throw e;
                }
                vanished.add(id);
                continue;
            }
            String space = text(content.path("space").path("key"));
            if (space == null) {
                // "/spaces/ENG" on Cloud
                String container = text(result.path("resultGlobalContainer").path("displayUrl"));
                space = container == null ? null : container.substring(container.lastIndexOf('/') + 1);
            }
            Instant updated = firstTime(text(page.path("version").path("createdAt")),
                    text(content.path("version").path("when")), text(result.path("lastModified")));
            String title = text(page.path("title"));
            pages.add(new ConfluencePage(id, title == null ? text(content.path("title")) : title, space,
                    ConfluenceText.plain(text(page.path("body").path("storage").path("value"))),
                    link(text(page.path("_links").path("webui"))), updated));
        }
        return new Batch(pages, vanished, nextLink(answer, results.size()));
    }

    private Batch dataCenterBatch(String cql, String next) {
        JsonNode answer = next != null ? follow(next)
                : get("/rest/api/content/search?cql={cql}&expand={expand}&limit={limit}&start=0",
                        Map.of("cql", cql, "expand", "body.storage,version,space", "limit", properties.pageSize()));
        List<ConfluencePage> pages = new ArrayList<>();
        JsonNode results = answer.path("results");
        for (JsonNode content : results) {
            String id = text(content.path("id"));
            if (id == null) {
                continue;
            }
            pages.add(new ConfluencePage(id, text(content.path("title")), text(content.path("space").path("key")),
                    ConfluenceText.plain(text(content.path("body").path("storage").path("value"))),
                    link(text(content.path("_links").path("webui"))),
                    firstTime(text(content.path("version").path("when")))));
        }
        return new Batch(pages, List.of(), nextLink(answer, results.size()));
    }

    private String spacesClause() {
        return "type = page AND space in (" + properties.spaces().stream().map(ConfluenceClient::quoted)
                .collect(Collectors.joining(",")) + ")";
    }

    /** The next page's link, relative to the site's context as Confluence gives it; null when there is none. */
    private static String nextLink(JsonNode answer, int count) {
        String next = text(answer.path("_links").path("next"));
        return count == 0 ? null : next;
    }

    /**
     * Follows a link Confluence gave for the next page. Only its path and query are used, on the configured site:
     * the credential never goes to another host, whatever the answer said.
     */
    private JsonNode follow(String next) {
        URI link = URI.create(next);
        String pathAndQuery = link.getRawPath() + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery());
        String context = cloud ? CLOUD_CONTEXT : "";
        if (!pathAndQuery.startsWith(context + "/rest/")) {
            pathAndQuery = context + pathAndQuery;
        }
        return exchange(URI.create(baseUrl + pathAndQuery), link.getRawPath());
    }

    private JsonNode get(String uriTemplate, Map<String, ?> variables) {
        URI uri = org.springframework.web.util.UriComponentsBuilder.fromUriString(baseUrl + uriTemplate)
                .encode().buildAndExpand(new LinkedHashMap<>(variables)).toUri();
        return exchange(uri, uri.getRawPath());
    }

    private JsonNode exchange(URI uri, String path) {
        log.debug("Confluence GET {}", path);
        try {
            JsonNode answer = rest.get().uri(uri).retrieve().body(JsonNode.class);
            return answer == null ? MissingNode.getInstance() : answer;
        } catch (ResourceAccessException e) {
            throw new ConfluenceException(0, "Confluence did not answer GET " + path + ": "
                    + (e.getCause() == null ? "I/O error" : e.getCause().getClass().getSimpleName()), e.getCause());
        } catch (ConfluenceException | ConfluenceRateLimitedException e) {
            throw e;
        } catch (RestClientException e) {
            throw new ConfluenceException(0, "Confluence's answer to GET " + path + " could not be read", e);
        }
    }

    private String link(String webui) {
        if (webui == null) {
            return null;
        }
        return webui.startsWith("http") ? webui : baseUrl + (cloud ? CLOUD_CONTEXT : "") + webui;
    }

    private static Instant firstTime(String... values) {
        for (String value : values) {
            if (value != null) {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException e) {
                    // the next one may be readable
                }
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String authorization(ConfluenceProperties properties) {
        String token = required(properties.token(), TOKEN_VARIABLE,
                properties.flavor() == ConfluenceProperties.Flavor.CLOUD ? "an API token"
                        : "a personal access token");
        if (properties.flavor() == ConfluenceProperties.Flavor.DATA_CENTER) {
            return "Bearer " + token;
        }
        String user = required(properties.user(), USER_VARIABLE, "the email address of the Confluence Cloud account");
        return "Basic " + HttpHeaders.encodeBasicAuth(user, token, StandardCharsets.UTF_8);
    }

    private static String required(String value, String variable, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("A Confluence is configured, so it needs " + what
                    + ": set the environment variable " + variable);
        }
        return value.trim();
    }

    /**
     * A client for the configured Confluence: its timeouts, JSON, and the credentials from the environment. Reading
     * and writing share it, so both reach Confluence the same way.
     */
    static RestClient.Builder restClient(ConfluenceProperties properties, RestClient.Builder restClientBuilder,
            ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder) {
        String authorization = authorization(properties);
        return restClientBuilder.clone()
                .requestFactory(requestFactoryBuilder.build(ClientHttpRequestFactorySettings.defaults()
                        .withConnectTimeout(properties.connectTimeout())
                        .withReadTimeout(properties.readTimeout())))
                .defaultHeaders(headers -> {
                    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
                    headers.set(HttpHeaders.AUTHORIZATION, authorization);
                });
    }

    static String checkedBaseUrl(String baseUrl) {
        URI uri;
        try {
            uri = baseUrl == null ? null : URI.create(baseUrl.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalStateException("ticketsmith.knowledge.confluence.base-url must be an http(s) address "
                    + "such as https://acme.atlassian.net");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalStateException("ticketsmith.knowledge.confluence.base-url must not contain credentials; "
                    + "use " + USER_VARIABLE + " and " + TOKEN_VARIABLE);
        }
        String trimmed = baseUrl.trim();
        trimmed = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        // Cloud's API paths carry /wiki themselves.
        return trimmed.endsWith(CLOUD_CONTEXT) ? trimmed.substring(0, trimmed.length() - CLOUD_CONTEXT.length())
                : trimmed;
    }
}
