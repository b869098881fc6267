package io.ticketsmith.jira;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.ticketsmith.remote.SharedBackoff;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;

import io.ticketsmith.observability.TicketsmithMetrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.web.client.RestClient;

/**
 * Everything Jira Cloud and Jira Data Center do alike: idempotent create driven by create metadata, comments,
 * assignment, transitions, labels and reading issues. The flavours differ only in the API version, the rich-text
 * format, how a person is identified, and how search pages.
 */
abstract class RestJiraGateway implements JiraGateway {

    /** The fields triage reads. */
    static final String ISSUE_FIELDS = "summary,description,status,labels,reporter,issuetype,project";

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Logger log = LoggerFactory.getLogger(RestJiraGateway.class);

    private static final String PROJECT_DEFAULT_ASSIGNEE = "-1";
    // Filled by us in every create, or by Jira (the reporter is the calling account), so never missing.
    private static final Set<String> ALWAYS_FILLED = Set.of("project", "issuetype", "summary", "reporter");
    private static final Pattern CUSTOM_FIELD_ID = Pattern.compile("customfield_\\d+");
    private static final List<String> PREFERRED_RESOLUTIONS = List.of("Done", "Fixed");
    private static final ObjectMapper VALUES = new ObjectMapper();

    final JiraHttp http;
    final String apiPath;
    private final String flavor;
    private final String baseUrl;
    private final String processedLabel;
    private final CircuitBreaker breaker;
    private final CreateMetadata createMetadata;
    private final ExpiringCache<String, JsonNode> userSearches;

    /**
     * @param apiPath         {@code /rest/api/3} (Cloud) or {@code /rest/api/2} (Data Center)
     * @param issueTypesItems the array a createmeta page of issue types holds its items in
     * @param fieldsItems     the array a createmeta page of fields holds its items in
     */
    RestJiraGateway(JiraProperties.Flavor flavor, String apiPath, String issueTypesItems, String fieldsItems,
            JiraProperties properties, JiraCredential credential, RestClient.Builder restClientBuilder,
            ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, MeterRegistry meterRegistry, Clock clock,
            JiraCallLog callLog, SharedBackoff backoff) {
        this.flavor = flavor.name().toLowerCase(Locale.ROOT);
        this.baseUrl = checkedBaseUrl(properties.baseUrl());
        this.apiPath = apiPath;
        this.processedLabel = properties.processedLabel();
        TicketsmithMetrics metrics = new TicketsmithMetrics(meterRegistry);
        this.breaker = breaker(meterRegistry);
        this.http = new JiraHttp(baseUrl, properties, restClientBuilder, requestFactoryBuilder, credential,
                new JiraErrorMapper(metrics, clock, credential.secrets()), metrics, callLog, backoff, clock, breaker);
        this.createMetadata = new CreateMetadata(http, apiPath, issueTypesItems, fieldsItems,
                properties.metadataCacheTtl(), clock);
        this.userSearches = new ExpiringCache<>(properties.userCacheTtl(), clock);
    }

    /**
     * Jira's circuit breaker: of the last 20 calls (at least 10), half failing (timeouts, 5xx, refused connections)
     * opens it for 30 s, then 2 calls probe. Its state is the metric
     * {@code resilience4j_circuitbreaker_state{name="jira"}} and a detail of Jira's health.
     */
    private static CircuitBreaker breaker(MeterRegistry meterRegistry) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meterRegistry);
        return registry.circuitBreaker("jira");
    }

    /** CLOSED, OPEN, HALF_OPEN. */
    public String breakerState() {
        return breaker.getState().name();
    }

    /** Descriptions and comments as this flavour stores them. */
    abstract JsonNode richText(String text);

    /** The property that identifies a user in assignee values: {@code accountId} or {@code name}. */
    abstract String userField();

    /** The value of {@link #userField()} for a person given by name, email or id; never a guess. */
    abstract String resolveUser(String person);

    @Override
    public String name() {
        return flavor + " " + baseUrl;
    }

    final String flavor() {
        return flavor;
    }

    final String baseUrl() {
        return baseUrl;
    }

    @Override
    public boolean sendsToJira() {
        return true;
    }

    /** The account behind the credential: authenticated, read-only and small on both flavours. */
    @Override
    public void checkConnection() {
        http.get(apiPath + "/myself", Map.of());
    }

    @Override
    public String browseUrl(String issueKey) {
        return baseUrl + "/browse/" + issueKey;
    }

    @Override
    public CreatedIssue createIssue(NewIssue issue, String idempotencyLabel, boolean begunBefore) {
        requireText(issue.project(), "project");
        requireText(issue.issueType(), "issue type");
        requireText(issue.summary(), "summary");
        Optional<String> earlier = begunBefore ? findByLabel(issue.project(), idempotencyLabel) : Optional.empty();
        if (earlier.isPresent()) {
            log.info("{} already carries {}: it was created for this action before, so it is not created again",
                    earlier.get(), idempotencyLabel);
            return new CreatedIssue(earlier.get(), false);
        }
        CreateMetadata.IssueType type = createMetadata.issueType(issue.project(), issue.issueType());
        Map<String, CreateMetadata.Field> screen = createMetadata.fields(issue.project(), type);
        ObjectNode fields = createFields(issue, idempotencyLabel, type, screen);
        // Resolved after the checks above (a refusal costs no user search) but before anything is created, so an
        // unknown or ambiguous person leaves Jira unchanged. No assignee or -1: Jira applies the project default.
        ObjectNode assignee = isPerson(issue.assignee()) ? assigneeBody(issue.assignee()) : null;
        boolean assigneeOnScreen = screen.containsKey("assignee");
        if (assignee != null && assigneeOnScreen) {
            fields.set("assignee", assignee);
        }

        ObjectNode body = NODES.objectNode();
        body.set("fields", fields);
        JsonNode created = http.post(apiPath + "/issue", Map.of(), body);
        String key = created == null ? null : text(created.path("key"));
        if (key == null) {
            throw new JiraUnavailableException("Jira accepted the new issue but did not say its key", null);
        }
        log.info("Created {} ({} in {})", key, type.name(), issue.project());
        if (assignee != null && !assigneeOnScreen) {
            // Assigning needs no screen. The issue exists now: were this to fail the action, the retry would find
            // the issue by its label and return it, so the failure is only logged.
            bestEffort(key, "assigned", () -> http.put(apiPath + "/issue/{key}/assignee", issueKey(key), assignee));
        }
        return new CreatedIssue(key, true);
    }

    @Override
    public void addComment(String issueKey, String body) {
        ObjectNode comment = NODES.objectNode();
        comment.set("body", richText(body));
        http.post(apiPath + "/issue/{key}/comment", issueKey(issueKey), comment);
        markProcessed(issueKey);
    }

    /**
     * Jira Service Management shows a comment made through Jira's own API to the customer unless the comment
     * property {@code sd.public.comment} says {@code {"internal": true}}; Cloud (v3) and Data Center (v2) both take
     * it with the comment. Any other project keeps the property without effect, so it is always sent.
     */
    @Override
    public void addInternalComment(String issueKey, String body) {
        ObjectNode comment = NODES.objectNode();
        comment.set("body", richText(body));
        ObjectNode property = comment.putArray("properties").addObject();
        property.put("key", SERVICE_DESK_COMMENT_PROPERTY);
        property.putObject("value").put("internal", true);
        http.post(apiPath + "/issue/{key}/comment", issueKey(issueKey), comment);
        markProcessed(issueKey);
    }

    /** Jira Service Management's comment visibility, read by its agent view and customer portal. */
    static final String SERVICE_DESK_COMMENT_PROPERTY = "sd.public.comment";
    static final String SERVICE_DESK_API = "/rest/servicedeskapi";
    /** Comments asked for per page; Jira Service Management may answer with fewer, and says when a page is the last. */
    static final int SERVICE_DESK_PAGE_SIZE = 50;
    // A server that always says "more" must not hold a job thread forever; no request has thousands of replies.
    private static final int SERVICE_DESK_MAX_PAGES = 100;

    /**
     * Jira Service Management's own comment API: the body is plain text on both flavours, {@code public} makes it
     * the customer's. It answers 404 for an issue that is no customer request, which a reviewer has to see as such.
     */
    @Override
    public void addPublicComment(String issueKey, String body) {
        ObjectNode comment = NODES.objectNode();
        comment.put("body", body);
        comment.put("public", true);
        try {
            http.post(SERVICE_DESK_API + "/request/{key}/comment", issueKey(issueKey), comment);
        } catch (JiraRejectedException e) {
            if (e.status() != 404) {
                throw e;
            }
            throw new JiraRejectedException(404, issueKey + " is not a Jira Service Management request (or not one "
                    + "this account may comment on), so no public reply can be posted on it: " + e.getMessage());
        }
        markProcessed(issueKey);
    }

    /**
     * Reads the request's public comments page by page ({@code start}, {@code limit}, {@code isLastPage}) until one
     * has exactly this text; line endings and surrounding blanks aside, as Jira may store them otherwise.
     */
    @Override
    public boolean hasPublicComment(String issueKey, String body) {
        String wanted = sameText(body);
        int start = 0;
        for (int page = 0; page < SERVICE_DESK_MAX_PAGES; page++) {
            JsonNode answer = http.get(SERVICE_DESK_API + "/request/{key}/comment?public=true&internal=false"
                    + "&start={start}&limit={limit}",
                    Map.of("key", issueKey, "start", start, "limit", SERVICE_DESK_PAGE_SIZE));
            JsonNode comments = answer.path("values");
            for (JsonNode comment : comments) {
                if (wanted.equals(sameText(comment.path("body").asText("")))) {
                    return true;
                }
            }
            if (comments.isEmpty() || answer.path("isLastPage").asBoolean(true)) {
                return false;
            }
            start += comments.size();
        }
        throw new JiraUnavailableException("Jira kept announcing more comments on " + issueKey + " after "
                + SERVICE_DESK_MAX_PAGES + " pages", null);
    }

    private static String sameText(String text) {
        return text.replace("\r\n", "\n").strip();
    }

    @Override
    public void linkIssues(String issueKey, String linkedIssueKey, String linkType) {
        requireText(linkType, "A link type");
        ObjectNode link = NODES.objectNode();
        link.putObject("type").put("name", linkType);
        link.putObject("outwardIssue").put("key", issueKey);
        link.putObject("inwardIssue").put("key", linkedIssueKey);
        // 201 with an empty body; Jira refuses an unknown type or issue with 404 and a missing permission with 403/404.
        http.post(apiPath + "/issueLink", Map.of(), link);
        markProcessed(issueKey);
    }

    @Override
    public void addRemoteLink(String issueKey, String globalId, String url, String title) {
        if (!hasText(globalId) || !hasText(url)) {
            throw new JiraRejectedException(400, "A link from " + issueKey + " to a page needs the page's id and address");
        }
        ObjectNode link = NODES.objectNode();
        link.put("globalId", globalId);
        ObjectNode object = link.putObject("object");
        object.put("url", url);
        object.put("title", title == null || title.isBlank() ? url : title);
        // 201 when created, 200 when Jira updated the link it already had under that global id.
        http.post(apiPath + "/issue/{key}/remotelink", issueKey(issueKey), link);
    }

    @Override
    public boolean hasLink(String issueKey, String linkedIssueKey, String linkType) {
        JsonNode links = http.get(apiPath + "/issue/{key}?fields=issuelinks", issueKey(issueKey))
                .path("fields").path("issuelinks");
        for (JsonNode link : links) {
            boolean sameType = linkType.equalsIgnoreCase(link.path("type").path("name").asText());
            String other = link.has("inwardIssue") ? link.path("inwardIssue").path("key").asText()
                    : link.path("outwardIssue").path("key").asText();
            if (sameType && linkedIssueKey.equalsIgnoreCase(other)) {
                return true;
            }
        }
        return false;
    }

    /** Pages of comments read at most, newest first, looking for a marker: a retry comes soon after its call. */
    private static final int COMMENT_PAGES_READ = 10;

    @Override
    public boolean hasComment(String issueKey, String marker) {
        int startAt = 0;
        for (int page = 0; page < COMMENT_PAGES_READ; page++) {
            JsonNode answer = http.get(apiPath + "/issue/{key}/comment?startAt={startAt}&maxResults=100&orderBy=-created",
                    Map.of("key", issueKey, "startAt", startAt));
            JsonNode comments = answer.path("comments");
            for (JsonNode comment : comments) {
                // Cloud's body is a document, Data Center's a string: the marker is a word of plain text in both.
                if (comment.path("body").toString().contains(marker)) {
                    return true;
                }
            }
            startAt += comments.size();
            if (comments.isEmpty() || startAt >= answer.path("total").asInt(0)) {
                return false;
            }
        }
        return false;
    }

    @Override
    public void assign(String issueKey, String assignee) {
        http.put(apiPath + "/issue/{key}/assignee", issueKey(issueKey), assigneeBody(assignee));
        markProcessed(issueKey);
    }

    @Override
    public void transition(String issueKey, String toStatus) {
        if (!hasText(toStatus)) {
            throw new JiraRejectedException(400, "The action gives no status to move " + issueKey + " to");
        }
        JsonNode transitions = http.get(apiPath + "/issue/{key}/transitions?expand=transitions.fields",
                issueKey(issueKey)).path("transitions");
        Optional<JsonNode> chosen = stream(transitions)
                .filter(transition -> toStatus.trim().equalsIgnoreCase(transition.path("to").path("name").asText()))
                .findFirst();
        if (chosen.isEmpty()) {
            // A retried job may find its own earlier transition done: that is success, not a refusal.
            JsonNode status = http.get(apiPath + "/issue/{key}?fields=status", issueKey(issueKey))
                    .path("fields").path("status").path("name");
            if (toStatus.trim().equalsIgnoreCase(status.asText())) {
                log.info("{} is already in {}", issueKey, status.asText());
                markProcessed(issueKey);
                return;
            }
            String reachable = stream(transitions).map(transition -> transition.path("to").path("name").asText())
                    .distinct().collect(Collectors.joining(", "));
            throw new JiraRejectedException(400, issueKey + " cannot move to \"" + toStatus.trim() + "\" from "
                    + status.asText("its status") + "; reachable: " + (reachable.isEmpty() ? "none" : reachable));
        }
        ObjectNode body = NODES.objectNode();
        body.putObject("transition").put("id", chosen.get().path("id").asText());
        ObjectNode fields = transitionFields(issueKey, toStatus.trim(), chosen.get().path("fields"));
        if (!fields.isEmpty()) {
            body.set("fields", fields);
        }
        http.post(apiPath + "/issue/{key}/transitions", issueKey(issueKey), body);
        markProcessed(issueKey);
    }

    /** An entity property, shown by the REST API and kept in the issue: which request changed it, and how. */
    @Override
    public void recordTrace(String issueKey, String requestId, String actionType) {
        ObjectNode trace = NODES.objectNode();
        trace.put("requestId", requestId);
        trace.put("action", actionType);
        bestEffort(issueKey, "traced to request " + requestId,
                () -> http.put(apiPath + "/issue/{key}/properties/ticketsmith-request", issueKey(issueKey), trace));
    }

    @Override
    public void addLabels(String issueKey, List<String> labels) {
        List<String> all = new ArrayList<>(labels == null ? List.of() : labels);
        all.add(processedLabel);
        putLabels(issueKey, all);
    }

    @Override
    public JiraIssue getIssue(String issueKey) {
        return JiraText.issue(http.get(apiPath + "/issue/{key}?fields={fields}",
                Map.of("key", issueKey, "fields", ISSUE_FIELDS)));
    }

    /** What the knowledge index reads of an issue. */
    static final String KNOWLEDGE_FIELDS = "summary,description,resolution,updated,comment";

    /** Jira's timestamps, e.g. {@code 2026-03-02T09:15:42.000+0000} (both flavours). */
    private static final java.time.format.DateTimeFormatter JIRA_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX");

    /** One page of this flavour's JQL search, reading {@code fields}. */
    abstract JsonNode searchAnswer(String jql, String pageToken, int maxResults, String fields);

    /** The token of the page after {@code answer}, or null when it was the last. */
    abstract String nextPageToken(JsonNode answer, String pageToken);

    @Override
    public SearchPage search(String jql, String pageToken, int maxResults) {
        JsonNode page = searchAnswer(jql, pageToken, maxResults, ISSUE_FIELDS);
        return new SearchPage(issues(page), nextPageToken(page, pageToken));
    }

    @Override
    public KnowledgePage searchForKnowledge(String jql, String pageToken, int maxResults, int lastComments) {
        JsonNode page = searchAnswer(jql, pageToken, maxResults, KNOWLEDGE_FIELDS);
        List<KnowledgeIssue> issues = stream(page.path("issues"))
                .map(issue -> knowledgeIssue(issue, lastComments)).toList();
        return new KnowledgePage(issues, nextPageToken(page, pageToken));
    }

    @Override
    public KeyPage searchKeys(String jql, String pageToken, int maxResults) {
        // "key" is no field: asking for it alone keeps Jira from sending any field at all.
        JsonNode page = searchAnswer(jql, pageToken, maxResults, "key");
        List<String> keys = stream(page.path("issues")).map(issue -> text(issue.path("key")))
                .filter(java.util.Objects::nonNull).toList();
        return new KeyPage(keys, nextPageToken(page, pageToken));
    }

    private KnowledgeIssue knowledgeIssue(JsonNode issue, int lastComments) {
        String key = text(issue.path("key"));
        JsonNode fields = issue.path("fields");
        return new KnowledgeIssue(key, text(fields.path("summary")), JiraText.plain(fields.path("description")),
                text(fields.path("resolution").path("name")), jiraTime(text(fields.path("updated"))),
                lastComments(key, fields.path("comment"), lastComments));
    }

    /**
     * The newest comments, oldest of them first. A search answer holds an issue's comments oldest first, and on
     * an issue with many of them not all: then the newest are asked for separately.
     */
    private List<String> lastComments(String key, JsonNode comment, int wanted) {
        if (wanted <= 0) {
            return List.of();
        }
        List<JsonNode> shown = stream(comment.path("comments")).toList();
        int total = comment.path("total").asInt(shown.size());
        List<JsonNode> newest;
        if (total > shown.size() && key != null) {
            List<JsonNode> newestFirst = stream(http.get(apiPath
                    + "/issue/{key}/comment?startAt=0&maxResults={maxResults}&orderBy=-created",
                    Map.of("key", key, "maxResults", wanted)).path("comments")).limit(wanted).toList();
            newest = new ArrayList<>(newestFirst);
            java.util.Collections.reverse(newest);
        } else {
            newest = shown.subList(Math.max(0, shown.size() - wanted), shown.size());
        }
        return newest.stream().map(one -> JiraText.plain(one.path("body")))
                .filter(text -> text != null && !text.isBlank()).toList();
    }

    static java.time.Instant jiraTime(String value) {
        if (value == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value, JIRA_TIME).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value).toInstant();
            } catch (java.time.format.DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    /** The issues of a search answer, in Jira's order. */
    final List<JiraIssue> issues(JsonNode searchAnswer) {
        return stream(searchAnswer.path("issues")).map(JiraText::issue).toList();
    }

    /**
     * The one user the search finds for a person: an active, human account whose name matches exactly (ignoring
     * case). None or several is a refusal naming the candidates (display names only), for a reviewer to decide.
     *
     * @param uriTemplate the flavour's user search, with the person as {@code {query}}
     * @param idField     the property of a found user that identifies them in assignee values
     * @param howToChoose what a reviewer can write instead to name exactly one person
     */
    final String findUser(String person, String uriTemplate, Predicate<JsonNode> eligible,
            BiPredicate<JsonNode, String> matches, String idField, String howToChoose) {
        JsonNode found = userSearches.get(person.toLowerCase(Locale.ROOT),
                query -> http.get(uriTemplate, Map.of("query", person)));
        List<JsonNode> people = stream(found).filter(eligible).toList();
        List<JsonNode> matching = people.stream().filter(user -> matches.test(user, person)).toList();
        if (matching.size() == 1) {
            return matching.get(0).path(idField).asText();
        }
        String candidates = (matching.isEmpty() ? people : matching).stream()
                .map(user -> user.path("displayName").asText()).collect(Collectors.joining(", "));
        if (matching.isEmpty()) {
            throw new JiraRejectedException(400, "No active Jira user is \"" + person + "\""
                    + (people.isEmpty() ? "" : "; candidates: " + candidates));
        }
        throw new JiraRejectedException(400, "\"" + person + "\" matches " + matching.size() + " Jira users: "
                + candidates + "; " + howToChoose);
    }

    static Map<String, Object> issueKey(String issueKey) {
        return Map.of("key", issueKey);
    }

    static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private ObjectNode createFields(NewIssue issue, String idempotencyLabel, CreateMetadata.IssueType type,
            Map<String, CreateMetadata.Field> screen) {
        String project = issue.project();
        boolean hasParent = hasText(issue.parent());
        if (type.subtask() && !hasParent) {
            throw new JiraRejectedException(400, type.name() + " is a sub-task issue type in " + project
                    + " and needs a parent issue, but the action gives none");
        }
        // Cloud lets standard issue types have a parent (an epic) where the hierarchy allows; createmeta then lists it.
        if (hasParent && !type.subtask() && !screen.containsKey("parent")) {
            throw new JiraRejectedException(400, "The action gives parent " + issue.parent() + ", but " + type.name()
                    + " in " + project + " is not a sub-task issue type; use a sub-task type or no parent");
        }

        ObjectNode fields = NODES.objectNode();
        fields.putObject("project").put("key", project);
        fields.putObject("issuetype").put("id", type.id());
        fields.put("summary", issue.summary());
        if (hasParent) {
            fields.putObject("parent").put("key", issue.parent().trim());
        }
        if (hasText(issue.description())) {
            fields.set("description", richText(issue.description()));
        }
        if (hasText(issue.priority())) {
            if (screen.containsKey("priority")) {
                fields.putObject("priority").put("name", issue.priority().trim());
            } else {
                // Jira would refuse the whole issue for a field that is not on the screen; the priority is not worth it.
                log.info("Priority {} left out: the create screen of {} in {} has no priority field",
                        issue.priority(), type.name(), project);
            }
        }
        ArrayNode labels = fields.putArray("labels");
        labels(issue.labels(), idempotencyLabel).forEach(labels::add);
        for (Map.Entry<String, Object> custom : new TreeMap<>(issue.customFields()).entrySet()) {
            String id = custom.getKey();
            if (!CUSTOM_FIELD_ID.matcher(id).matches()) {
                throw new JiraRejectedException(400, "Custom fields are given by their id (customfield_NNNNN), "
                        + "not by name: \"" + id + "\"");
            }
            if (!screen.containsKey(id)) {
                throw new JiraRejectedException(400, id + " is not on the create screen of " + type.name() + " in "
                        + project);
            }
            fields.set(id, VALUES.valueToTree(custom.getValue()));
        }
        refuseMissingRequired(project, type, screen, fields, isPerson(issue.assignee()));
        return fields;
    }

    private static void refuseMissingRequired(String project, CreateMetadata.IssueType type,
            Map<String, CreateMetadata.Field> screen, ObjectNode fields, boolean assigneeGiven) {
        List<String> missing = screen.values().stream()
                .filter(field -> field.required() && !field.hasDefaultValue())
                .filter(field -> !ALWAYS_FILLED.contains(field.id()) && !fields.has(field.id()))
                .filter(field -> !(assigneeGiven && "assignee".equals(field.id())))
                .map(CreateMetadata.Field::describe)
                .toList();
        if (!missing.isEmpty()) {
            throw new JiraRejectedException(400, "Jira requires " + String.join(", ", missing) + " to create a "
                    + type.name() + " in " + project + ", and the action does not give "
                    + (missing.size() == 1 ? "it" : "them"));
        }
    }

    private Collection<String> labels(List<String> actionLabels, String idempotencyLabel) {
        Set<String> labels = new LinkedHashSet<>();
        actionLabels.stream().filter(RestJiraGateway::hasText).map(String::trim).forEach(labels::add);
        labels.add(idempotencyLabel);
        labels.add(processedLabel);
        return labels;
    }

    private Optional<String> findByLabel(String project, String label) {
        // Cloud's search is only eventually consistent: an issue created seconds ago may not be found yet. The
        // action ledger, written right after the create, is what prevents most repeats; this catches the rest.
        String jql = "project = " + quoted(project) + " AND labels = " + quoted(label);
        return search(jql, null, 1).issues().stream().map(JiraIssue::key).findFirst();
    }

    private ObjectNode assigneeBody(String assignee) {
        ObjectNode body = NODES.objectNode();
        if (!hasText(assignee)) {
            body.putNull(userField());
        } else if (PROJECT_DEFAULT_ASSIGNEE.equals(assignee.trim())) {
            body.put(userField(), PROJECT_DEFAULT_ASSIGNEE);
        } else {
            body.put(userField(), resolveUser(assignee.trim()));
        }
        return body;
    }

    private ObjectNode transitionFields(String issueKey, String toStatus, JsonNode screen) {
        ObjectNode values = NODES.objectNode();
        List<String> unfilled = new ArrayList<>();
        screen.properties().forEach(entry -> {
            JsonNode field = entry.getValue();
            if (!field.path("required").asBoolean(false) || field.path("hasDefaultValue").asBoolean(false)) {
                return;
            }
            Optional<String> resolution = "resolution".equals(entry.getKey())
                    ? resolution(field.path("allowedValues")) : Optional.empty();
            if (resolution.isPresent()) {
                values.putObject("resolution").put("id", resolution.get());
            } else {
                String name = field.path("name").asText(entry.getKey());
                unfilled.add(name.equals(entry.getKey()) ? name : name + " (" + entry.getKey() + ")");
            }
        });
        if (!unfilled.isEmpty()) {
            throw new JiraRejectedException(400, "Moving " + issueKey + " to " + toStatus + " requires "
                    + String.join(", ", unfilled) + ", which the action cannot fill; set "
                    + (unfilled.size() == 1 ? "it" : "them") + " in Jira or choose another status");
        }
        return values;
    }

    /** "Done", else "Fixed", else whatever the workflow offers first. */
    private static Optional<String> resolution(JsonNode allowedValues) {
        for (String preferred : PREFERRED_RESOLUTIONS) {
            Optional<JsonNode> match = stream(allowedValues)
                    .filter(value -> preferred.equalsIgnoreCase(value.path("name").asText())).findFirst();
            if (match.isPresent()) {
                return Optional.of(match.get().path("id").asText());
            }
        }
        return stream(allowedValues).findFirst().map(value -> value.path("id").asText());
    }

    private void putLabels(String issueKey, Collection<String> labels) {
        ObjectNode body = NODES.objectNode();
        ArrayNode operations = body.putObject("update").putArray("labels");
        labels.stream().filter(RestJiraGateway::hasText).map(String::trim).distinct()
                .forEach(label -> operations.addObject().put("add", label));
        http.put(apiPath + "/issue/{key}", issueKey(issueKey), body);
    }

    /**
     * Marks an issue the product changed. The change itself is done when this runs: failing the action now would
     * make the engine repeat it (a second comment), so a label Jira refuses is only logged.
     */
    private void markProcessed(String issueKey) {
        bestEffort(issueKey, "labelled " + processedLabel, () -> putLabels(issueKey, List.of(processedLabel)));
    }

    /** A follow-up to a change Jira has already made, which must not make the engine repeat that change. */
    private static void bestEffort(String issueKey, String what, Runnable followUp) {
        try {
            followUp.run();
        } catch (JiraRejectedException | JiraAccessDeniedException | JiraRateLimitedException
                | JiraUnavailableException e) {
            log.warn("{} was changed, but could not be {}: {}", issueKey, what, e.getMessage());
        }
    }

    private static void requireText(String value, String what) {
        if (!hasText(value)) {
            throw new JiraRejectedException(400, "The action gives no " + what + " for the new issue");
        }
    }

    private static boolean isPerson(String assignee) {
        return hasText(assignee) && !PROJECT_DEFAULT_ASSIGNEE.equals(assignee.trim());
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static String quoted(String jqlValue) {
        return "\"" + jqlValue.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String checkedBaseUrl(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalStateException("ticketsmith.jira.base-url must be an http(s) address such as "
                    + "https://acme.atlassian.net");
        }
        if (uri.getUserInfo() != null) {
            // It would be printed in logs and results; credentials belong in the environment variables.
            throw new IllegalStateException("ticketsmith.jira.base-url must not contain credentials; use "
                    + JiraCredential.USERNAME_VARIABLE + " and " + JiraCredential.API_TOKEN_VARIABLE);
        }
        String trimmed = baseUrl.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
