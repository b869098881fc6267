package io.ticketsmith.confluence;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ticketsmith.engine.RetryAfter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Creates pages in Confluence, once per action:
 * <ul>
 *   <li>Cloud: the space id looked up by key ({@code GET /wiki/api/v2/spaces?keys=}), the page created through v2
 *       {@code POST /wiki/api/v2/pages}, labelled and found again through v1 ({@code /wiki/rest/api/content});</li>
 *   <li>Data Center: {@code POST /rest/api/content} with the space key, labels and search under {@code /rest/api}.</li>
 * </ul>
 * Camunda runs a job at least once, so a page carries the label of the action that created it, and a page with
 * that label is looked for (CQL) before one is created: a retry finds the page instead of making a second one.
 *
 * <p>A 429 is a {@link ConfluenceRateLimitedException} with the wait Confluence asked for; 400, 403, 404 and 409 are a
 * {@link ConfluenceRejectedException} with Confluence's own words for the reviewer (a title already used in the
 * space says so plainly); everything else (401, 5xx, I/O) is a {@link ConfluenceException}, a technical failure.
 */
public class ConfluencePages {

    private static final Logger log = LoggerFactory.getLogger(ConfluencePages.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(1);
    private static final String CLOUD_CONTEXT = "/wiki";
    private static final int MAX_MESSAGE = 500;

    private final String baseUrl;
    private final boolean cloud;
    private final RestClient rest;
    private final Clock clock;

    public ConfluencePages(ConfluenceProperties properties, RestClient.Builder restClientBuilder,
            ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, Clock clock) {
        this.cloud = properties.flavor() == ConfluenceProperties.Flavor.CLOUD;
        this.baseUrl = ConfluenceClient.checkedBaseUrl(properties.baseUrl());
        this.clock = clock;
        this.rest = ConfluenceClient.restClient(properties, restClientBuilder, requestFactoryBuilder).build();
    }

    /** e.g. {@code confluence cloud https://acme.atlassian.net}, for logs and the action ledger. */
    public String name() {
        return "confluence " + (cloud ? "cloud " : "data-center ") + baseUrl;
    }

    /**
     * Creates the page, or returns the one created earlier for the same action: a page carrying
     * {@code idempotencyLabel} is looked for first, and the new page gets that label.
     */
    public CreatedPage create(NewPage page, String idempotencyLabel) {
        requireText(page.space(), "space");
        requireText(page.title(), "title");
        Optional<CreatedPage> earlier = findByLabel(idempotencyLabel);
        if (earlier.isPresent()) {
            log.info("Confluence page {} already carries {}: it was created for this action before, so it is not "
                    + "created again", earlier.get().id(), idempotencyLabel);
            return earlier.get();
        }
        JsonNode created;
        try {
            created = cloud ? createOnCloud(page) : createOnDataCenter(page);
        } catch (ConfluenceRejectedException e) {
            if (isTitleClash(e)) {
                throw new ConfluenceRejectedException(e.status(), "Confluence refused the page: a page titled \""
                        + page.title() + "\" already exists in space " + page.space()
                        + "; change the title or the space and approve again");
            }
            throw e;
        }
        String id = text(created.path("id"));
        if (id == null) {
            throw new ConfluenceException(0, "Confluence accepted the page but did not say its id", null);
        }
        // Were this to fail, the retry would not find the page by its label and Confluence would refuse a second
        // page of the same title: the reviewer is then told so, and no duplicate is made.
        label(id, idempotencyLabel);
        log.info("Created Confluence page {} in {}", id, page.space());
        String title = text(created.path("title"));
        return new CreatedPage(id, title == null ? page.title() : title, link(id, text(created.path("_links").path("webui"))),
                true);
    }

    /** The page carrying {@code label}, if there is one the account can see. */
    public Optional<CreatedPage> findByLabel(String label) {
        JsonNode answer = call(HttpMethod.GET, uri(context() + "/rest/api/content/search?cql={cql}&limit=1",
                Map.of("cql", "label = \"" + label + "\"")), null, "searching for the page labelled " + label);
        for (JsonNode result : answer.path("results")) {
            String id = text(result.path("id"));
            if (id != null) {
                return Optional.of(new CreatedPage(id, text(result.path("title")),
                        link(id, text(result.path("_links").path("webui"))), false));
            }
        }
        return Optional.empty();
    }

    private JsonNode createOnCloud(NewPage page) {
        ObjectNode body = NODES.objectNode();
        body.put("spaceId", spaceId(page.space()));
        body.put("status", "current");
        body.put("title", page.title());
        if (page.parentId() != null && !page.parentId().isBlank()) {
            body.put("parentId", page.parentId().trim());
        }
        ObjectNode content = body.putObject("body");
        content.put("representation", "storage");
        content.put("value", page.storage());
        return call(HttpMethod.POST, uri(CLOUD_CONTEXT + "/api/v2/pages", Map.of()), body, "creating the page");
    }

    private JsonNode createOnDataCenter(NewPage page) {
        ObjectNode body = NODES.objectNode();
        body.put("type", "page");
        body.put("title", page.title());
        body.putObject("space").put("key", page.space());
        if (page.parentId() != null && !page.parentId().isBlank()) {
            body.putArray("ancestors").addObject().put("id", page.parentId().trim());
        }
        ObjectNode storage = body.putObject("body").putObject("storage");
        storage.put("value", page.storage());
        storage.put("representation", "storage");
        return call(HttpMethod.POST, uri("/rest/api/content", Map.of()), body, "creating the page");
    }

    /** Cloud's v2 API addresses a space by its numeric id; the action names it by key. */
    private String spaceId(String key) {
        JsonNode answer = call(HttpMethod.GET, uri(CLOUD_CONTEXT + "/api/v2/spaces?keys={key}", Map.of("key", key)),
                null, "looking up space " + key);
        for (JsonNode space : answer.path("results")) {
            String id = text(space.path("id"));
            if (id != null && key.equalsIgnoreCase(text(space.path("key")))) {
                return id;
            }
        }
        throw new ConfluenceRejectedException(404, "Confluence has no space with key " + key
                + " that the Confluence account can see; check the space key");
    }

    private void label(String pageId, String label) {
        ArrayNode labels = NODES.arrayNode();
        labels.addObject().put("prefix", "global").put("name", label);
        call(HttpMethod.POST, uri(context() + "/rest/api/content/{id}/label", Map.of("id", pageId)), labels,
                "labelling page " + pageId);
    }

    private JsonNode call(HttpMethod method, URI uri, JsonNode body, String what) {
        String path = uri.getRawPath();
        log.debug("Confluence {} {}", method, path);
        RestClient.RequestBodySpec request = rest.method(method).uri(uri);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        try {
            return request.exchange((sent, response) -> {
                int status = response.getStatusCode().value();
                byte[] bytes = response.getBody().readAllBytes();
                if (response.getStatusCode().is2xxSuccessful()) {
                    return bytes.length == 0 ? MissingNode.getInstance() : JSON.readTree(bytes);
                }
                throw failure(status, response.getHeaders(), bytes, method, path, what);
            });
        } catch (ResourceAccessException e) {
            throw new ConfluenceException(0, "Confluence did not answer " + method + " " + path + ": "
                    + (e.getCause() == null ? "I/O error" : e.getCause().getClass().getSimpleName()), e.getCause());
        } catch (ConfluenceException | ConfluenceRateLimitedException e) {
            throw e;
        } catch (RestClientException e) {
            throw new ConfluenceException(0, "Confluence's answer to " + method + " " + path + " could not be read", e);
        }
    }

    private RuntimeException failure(int status, HttpHeaders headers, byte[] body, HttpMethod method, String path,
            String what) {
        if (status == 429) {
            return new ConfluenceRateLimitedException(RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER),
                    clock.instant()).orElse(DEFAULT_RETRY_AFTER));
        }
        if (status == 400 || status == 403 || status == 404 || status == 409) {
            String words = confluenceWords(body);
            String hint = status == 403 ? "; the Confluence account needs permission to add pages in that space" : "";
            return new ConfluenceRejectedException(status, "Confluence refused " + what + " (" + status + ")"
                    + (words.isEmpty() ? "" : ": " + words) + hint);
        }
        String hint = status == 401 ? "; check " + ConfluenceClient.USER_VARIABLE + " and "
                + ConfluenceClient.TOKEN_VARIABLE : "";
        return new ConfluenceException(status, "Confluence answered " + status + " to " + method + " " + path + hint,
                null);
    }

    /** What Confluence said: v1 and Data Center put it in {@code message}, v2 in {@code errors[].title/detail}. */
    private static String confluenceWords(byte[] body) {
        JsonNode answer;
        try {
            answer = body.length == 0 ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (IOException e) {
            return "";
        }
        StringBuilder words = new StringBuilder();
        String message = text(answer.path("message"));
        if (message != null) {
            words.append(message);
        }
        for (JsonNode error : answer.path("errors")) {
            for (String part : new String[] {text(error.path("title")), text(error.path("detail"))}) {
                if (part != null && !part.isBlank()) {
                    words.append(words.isEmpty() ? "" : "; ").append(part);
                }
            }
        }
        String text = words.toString().strip();
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
    }

    /** Confluence says 400 (Data Center, Cloud v2) or 409 (older sites) when the space has a page of that title. */
    private static boolean isTitleClash(ConfluenceRejectedException e) {
        String message = e.getMessage().toLowerCase(Locale.ROOT);
        return (e.status() == 400 || e.status() == 409) && message.contains("title") && message.contains("already exist");
    }

    private String context() {
        return cloud ? CLOUD_CONTEXT : "";
    }

    private URI uri(String template, Map<String, ?> variables) {
        return UriComponentsBuilder.fromUriString(baseUrl + template).encode()
                .buildAndExpand(new LinkedHashMap<>(variables)).toUri();
    }

    /**
     * Where a person opens the page: its web path on the configured site (never a host from the answer, since the
     * address ends up in Jira), or the page-id address every Confluence understands.
     */
    private String link(String id, String webui) {
        String site = baseUrl + context();
        if (webui == null || !webui.startsWith("/")) {
            return site + "/pages/viewpage.action?pageId=" + id;
        }
        return site + webui;
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ConfluenceRejectedException(400, "A Confluence page needs a " + field);
        }
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
