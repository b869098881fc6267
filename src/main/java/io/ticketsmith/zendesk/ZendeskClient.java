package io.ticketsmith.zendesk;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.engine.RetryAfter;
import io.ticketsmith.jira.JiraCallLog;
import io.ticketsmith.jira.ZendeskTickets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Zendesk Support REST API v2 on Spring's {@code RestClient}.
 *
 * <p>Reading: the cursor-based incremental export ({@code /api/v2/incremental/tickets/cursor.json}) for batch runs,
 * search ({@code /api/v2/search.json}) for on-demand ones. Writing: {@code PUT /api/v2/tickets/{id}.json}, tags as
 * {@code additional_tags} so the ticket's own stay, and always as a safe update: the ticket is read first, its brand
 * and group checked against the allowed ones, and its {@code updated_at} sent as {@code updated_stamp}, so a ticket an
 * agent changed meanwhile answers 409 instead of being overwritten. After a 409 the ticket is read again and the
 * write tried once more; a second 409 goes to a reviewer.
 *
 * <p>A 429 is a {@link ZendeskRateLimitedException} with Zendesk's {@code Retry-After}; 404, 409 and 422 are
 * {@link ZendeskRejectedException}s with Zendesk's own error words; anything else is a {@link ZendeskException}.
 * Every call first takes a slot of this application's share of the account's limit ({@link ZendeskRateLimiter}),
 * and is logged with its method, path (ids replaced), status and duration, never with a body; a call made while
 * working on a request is also noted in the request's call log, as Jira's calls are.
 */
public class ZendeskClient implements ZendeskTickets {

    static final String EMAIL_VARIABLE = "TICKETSMITH_ZENDESK_EMAIL";
    static final String API_TOKEN_VARIABLE = "TICKETSMITH_ZENDESK_API_TOKEN";
    static final String OAUTH_TOKEN_VARIABLE = "TICKETSMITH_ZENDESK_OAUTH_TOKEN";

    static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");

    private static final Logger log = LoggerFactory.getLogger(ZendeskClient.class);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(1);
    private static final Pattern TICKET_ID = Pattern.compile("\\d{1,19}");
    private static final Pattern IDS_IN_PATH = Pattern.compile("/\\d+");
    /** Zendesk's largest page of comments. */
    private static final int COMMENT_PAGE_SIZE = 100;
    private static final int MAX_ERROR = 300;

    private final ZendeskProperties properties;
    private final String baseUrl;
    private final RestClient rest;
    private final ObjectMapper json = new ObjectMapper();

    /** One page of the incremental export; {@code afterCursor} continues it, also after the end of the stream. */
    public record ExportPage(List<ZendeskTicket> tickets, String afterCursor, boolean endOfStream) {

        public ExportPage {
            tickets = List.copyOf(tickets);
        }
    }

    /** One page of search results (tickets only); {@code nextPage} is null on the last. */
    public record SearchPage(List<ZendeskTicket> tickets, String nextPage) {

        public SearchPage {
            tickets = List.copyOf(tickets);
        }
    }

    /**
     * @param credentials {@code Authorization} header value, from {@link #authorization(String, String, String)}
     */
    public ZendeskClient(ZendeskProperties properties, String credentials, RestClient.Builder restClientBuilder,
            ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, Clock clock) {
        this(properties, credentials, restClientBuilder, requestFactoryBuilder, clock, JiraCallLog.NONE);
    }

    /**
     * @param callLog where each call made while working on a request is noted for its decision record, next to the
     *                Jira calls (operations start with {@code Zendesk})
     */
    public ZendeskClient(ZendeskProperties properties, String credentials, RestClient.Builder restClientBuilder,
            ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, Clock clock, JiraCallLog callLog) {
        this.properties = properties;
        this.baseUrl = checkedBaseUrl(properties.baseUrl());
        ZendeskRateLimiter limiter = new ZendeskRateLimiter(properties.callsPerMinute(), clock);
        this.rest = restClientBuilder.clone()
                .baseUrl(baseUrl)
                .requestFactory(requestFactoryBuilder.build(ClientHttpRequestFactorySettings.defaults()
                        .withConnectTimeout(properties.connectTimeout())
                        .withReadTimeout(properties.readTimeout())))
                .defaultHeaders(headers -> {
                    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
                    headers.set(HttpHeaders.AUTHORIZATION, credentials);
                })
                .requestInterceptor((request, body, execution) -> {
                    limiter.acquire();
                    String operation = request.getMethod() + " " + IDS_IN_PATH.matcher(request.getURI().getRawPath())
                            .replaceAll("/{id}");
                    long started = System.nanoTime();
                    try {
                        ClientHttpResponse response = execution.execute(request, body);
                        Duration took = Duration.ofNanos(System.nanoTime() - started);
                        log.info("Zendesk {} answered {} in {} ms", operation, response.getStatusCode().value(),
                                took.toMillis());
                        callLog.record("Zendesk " + operation, Integer.toString(response.getStatusCode().value()),
                                took);
                        return response;
                    } catch (IOException e) {
                        Duration took = Duration.ofNanos(System.nanoTime() - started);
                        log.info("Zendesk {} failed without an answer after {} ms", operation, took.toMillis());
                        callLog.record("Zendesk " + operation, "io_error", took);
                        throw e;
                    }
                })
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    int status = response.getStatusCode().value();
                    String operation = request.getMethod() + " " + IDS_IN_PATH.matcher(request.getURI().getRawPath())
                            .replaceAll("/{id}");
                    if (status == 429) {
                        Duration wait = RetryAfter.parse(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER),
                                clock.instant()).orElse(DEFAULT_RETRY_AFTER);
                        throw new ZendeskRateLimitedException(wait, "Zendesk rate limit reached; retry after " + wait);
                    }
                    if (status == 404 || status == 409 || status == 422) {
                        throw new ZendeskRejectedException(status, "Zendesk answered " + status + " to " + operation
                                + errorWords(response));
                    }
                    String hint = status == 401 || status == 403 ? "; check " + EMAIL_VARIABLE + " and "
                            + API_TOKEN_VARIABLE + ", or " + OAUTH_TOKEN_VARIABLE : "";
                    throw new ZendeskException(status, "Zendesk answered " + status + " to " + operation + hint, null);
                })
                .build();
    }

    /**
     * The {@code Authorization} header: an OAuth access token if given, else an agent's email with an API token
     * (Basic {@code {email}/token:{token}}).
     *
     * @throws IllegalStateException when neither is complete, naming the variables to set
     */
    public static String authorization(String email, String apiToken, String oauthToken) {
        if (oauthToken != null && !oauthToken.isBlank()) {
            return "Bearer " + oauthToken.trim();
        }
        if (email == null || email.isBlank() || apiToken == null || apiToken.isBlank()) {
            throw new IllegalStateException("Zendesk needs credentials: set " + EMAIL_VARIABLE + " and "
                    + API_TOKEN_VARIABLE + ", or " + OAUTH_TOKEN_VARIABLE);
        }
        return "Basic " + Base64.getEncoder().encodeToString((email.trim() + "/token:" + apiToken.trim())
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String name() {
        return "zendesk " + baseUrl;
    }

    @Override
    public boolean sendsToZendesk() {
        return true;
    }

    @Override
    public String ticketUrl(String ticketId) {
        return baseUrl + "/agent/tickets/" + checkedId(ticketId);
    }

    public ZendeskTicket ticket(String ticketId) {
        return ZendeskTicket.of(get("/api/v2/tickets/{id}.json", Map.of("id", checkedId(ticketId))).path("ticket"));
    }

    /** The first page of tickets changed since {@code startTime}, or the page {@code cursor} leads to. */
    public ExportPage export(Instant startTime, String cursor) {
        JsonNode answer = cursor != null
                ? get("/api/v2/incremental/tickets/cursor.json?cursor={cursor}", Map.of("cursor", cursor))
                : get("/api/v2/incremental/tickets/cursor.json?start_time={start}",
                        Map.of("start", startTime.getEpochSecond()));
        List<ZendeskTicket> tickets = new ArrayList<>();
        answer.path("tickets").forEach(ticket -> tickets.add(ZendeskTicket.of(ticket)));
        String after = answer.path("after_cursor").isTextual() ? answer.path("after_cursor").asText() : cursor;
        return new ExportPage(tickets, after, answer.path("end_of_stream").asBoolean(true));
    }

    /** The first page of tickets the query finds, or the page {@code nextPage} (Zendesk's own link) leads to. */
    public SearchPage search(String query, String nextPage) {
        JsonNode answer;
        if (nextPage != null) {
            answer = follow(nextPage);
        } else {
            answer = get("/api/v2/search.json?query={query}", Map.of("query", query));
        }
        List<ZendeskTicket> tickets = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            if ("ticket".equals(result.path("result_type").asText("ticket"))) {
                tickets.add(ZendeskTicket.of(result));
            }
        }
        String next = answer.path("next_page").isTextual() ? answer.path("next_page").asText() : null;
        return new SearchPage(tickets, next);
    }

    @Override
    public void addTags(String ticketId, List<String> tags) {
        List<String> cleaned = tags == null ? List.of() : tags.stream().filter(tag -> tag != null && !tag.isBlank())
                .map(ZendeskClient::tag).distinct().toList();
        if (cleaned.isEmpty()) {
            throw new ZendeskRejectedException(0, "No tags to add to Zendesk ticket " + ticketId);
        }
        update(ticketId, Map.of("additional_tags", cleaned));
    }

    @Override
    public void setPriority(String ticketId, String priority) {
        String value = priority == null ? "" : priority.trim().toLowerCase(Locale.ROOT);
        if (!PRIORITIES.contains(value)) {
            throw new ZendeskRejectedException(0, "Zendesk has no priority " + priority
                    + "; use low, normal, high or urgent");
        }
        update(ticketId, Map.of("priority", value));
    }

    @Override
    public void addInternalNote(String ticketId, String body) {
        update(ticketId, Map.of("comment", Map.of("body", requireText(body, ticketId), "public", false)));
    }

    @Override
    public void addPublicReply(String ticketId, String body) {
        update(ticketId, Map.of("comment", Map.of("body", requireText(body, ticketId), "public", true)));
    }

    @Override
    public boolean hasInternalNote(String ticketId, String marker) {
        return comments(ticketId).stream().anyMatch(comment -> !comment.path("public").asBoolean(true)
                && comment.path("body").asText("").contains(marker));
    }

    @Override
    public boolean hasPublicReply(String ticketId, String body) {
        String wanted = body == null ? "" : body.strip();
        return comments(ticketId).stream().anyMatch(comment -> comment.path("public").asBoolean(false)
                && comment.path("body").asText("").strip().equals(wanted));
    }

    /** Every comment of the ticket, following Zendesk's cursor pagination. */
    private List<JsonNode> comments(String ticketId) {
        List<JsonNode> comments = new ArrayList<>();
        JsonNode page = get("/api/v2/tickets/{id}/comments.json?page[size]={size}",
                Map.of("id", checkedId(ticketId), "size", COMMENT_PAGE_SIZE));
        while (true) {
            page.path("comments").forEach(comments::add);
            String next = page.path("links").path("next").isTextual() ? page.path("links").path("next").asText() : null;
            if (!page.path("meta").path("has_more").asBoolean(false) || next == null) {
                return comments;
            }
            page = follow(next);
        }
    }

    /**
     * One safe update: read the ticket (for its brand, group and {@code updated_at}), then write with that stamp. A
     * 409 means an agent changed the ticket in between: read it again and write once more.
     */
    private void update(String ticketId, Map<String, Object> change) {
        String id = checkedId(ticketId);
        try {
            put(id, change, allowed(ticket(id)));
        } catch (ZendeskRejectedException e) {
            if (e.status() != 409) {
                throw e;
            }
            log.info("Zendesk ticket {} changed while it was written; reading it again", id);
            try {
                put(id, change, allowed(ticket(id)));
            } catch (ZendeskRejectedException again) {
                if (again.status() != 409) {
                    throw again;
                }
                throw new ZendeskRejectedException(409, "Zendesk ticket " + id + " was changed by someone else "
                        + "twice while it was written; look at the ticket, then approve again");
            }
        }
    }

    private void put(String id, Map<String, Object> change, ZendeskTicket read) {
        Map<String, Object> ticket = new LinkedHashMap<>(change);
        ticket.put("safe_update", true);
        if (read.updatedAt() != null) {
            ticket.put("updated_stamp", read.updatedAt());
        }
        try {
            rest.put().uri("/api/v2/tickets/{id}.json", id).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("ticket", ticket)).retrieve().toBodilessEntity();
        } catch (ResourceAccessException e) {
            throw new ZendeskException(0, "Zendesk did not answer PUT /api/v2/tickets/{id}.json", e);
        }
    }

    /** The ticket, when its brand and group are ones this application may write to. */
    ZendeskTicket allowed(ZendeskTicket ticket) {
        if (!properties.allowedBrands().isEmpty() && !properties.allowedBrands().contains(ticket.brandId())) {
            throw new ZendeskRejectedException(0, "Zendesk ticket " + ticket.id() + " belongs to brand "
                    + ticket.brandId() + ", which is not allowed (ticketsmith.zendesk.allowed-brands: "
                    + properties.allowedBrands() + ")");
        }
        if (!properties.allowedGroups().isEmpty() && !properties.allowedGroups().contains(ticket.groupId())) {
            throw new ZendeskRejectedException(0, "Zendesk ticket " + ticket.id() + " is in group "
                    + (ticket.groupId() == null ? "(none)" : ticket.groupId()) + ", which is not allowed "
                    + "(ticketsmith.zendesk.allowed-groups: " + properties.allowedGroups() + ")");
        }
        return ticket;
    }

    private JsonNode get(String uri, Map<String, ?> variables) {
        try {
            JsonNode answer = rest.get().uri(uri, variables).retrieve().body(JsonNode.class);
            return answer == null ? json.createObjectNode() : answer;
        } catch (ResourceAccessException e) {
            throw new ZendeskException(0, "Zendesk did not answer GET " + uri, e);
        }
    }

    /** A link Zendesk gave; followed only on the configured account, so the credential never goes elsewhere. */
    private JsonNode follow(String link) {
        if (!link.startsWith(baseUrl + "/api/v2/")) {
            throw new ZendeskException(0, "Zendesk gave a next-page link outside " + baseUrl + "/api/v2/", null);
        }
        try {
            JsonNode answer = rest.get().uri(URI.create(link)).retrieve().body(JsonNode.class);
            return answer == null ? json.createObjectNode() : answer;
        } catch (ResourceAccessException e) {
            throw new ZendeskException(0, "Zendesk did not answer a next-page request", e);
        }
    }

    /** Zendesk's {@code error}, {@code description} and field messages; never the ticket's content. */
    private String errorWords(ClientHttpResponse response) {
        try {
            JsonNode error = json.readTree(response.getBody());
            if (error == null) {
                return "";
            }
            StringBuilder words = new StringBuilder();
            append(words, error.path("error").isTextual() ? error.path("error").asText()
                    : error.path("error").path("title").asText(null));
            append(words, error.path("description").asText(null));
            error.path("details").forEach(field -> field.forEach(detail -> append(words,
                    detail.path("description").asText(null))));
            String text = words.toString();
            return text.isEmpty() ? "" : ": " + (text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) + "…" : text);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void append(StringBuilder words, String part) {
        if (part != null && !part.isBlank()) {
            words.append(words.isEmpty() ? "" : "; ").append(part.strip());
        }
    }

    /** Zendesk keeps tags in lower case without spaces. */
    static String tag(String label) {
        return label.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_");
    }

    static String checkedId(String ticketId) {
        if (ticketId == null || !TICKET_ID.matcher(ticketId.trim()).matches()) {
            // Cut, since the id may be text a model or a reviewer wrote, and the message is shown on the form.
            String shown = ticketId == null ? "nothing" : ticketId.length() > 40 ? ticketId.substring(0, 40) + "…"
                    : ticketId;
            throw new ZendeskRejectedException(0, "Not a Zendesk ticket id: " + shown);
        }
        return ticketId.trim();
    }

    private static String requireText(String body, String ticketId) {
        if (body == null || body.isBlank()) {
            throw new ZendeskRejectedException(0, "An empty comment cannot go to Zendesk ticket " + ticketId);
        }
        return body;
    }

    private static String checkedBaseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalStateException("ticketsmith.zendesk.base-url must be set, e.g. https://acme.zendesk.com");
        }
        String url = baseUrl.trim().replaceAll("/+$", "");
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new IllegalStateException("ticketsmith.zendesk.base-url must be an http(s) URL: " + url);
        }
        return url;
    }
}
