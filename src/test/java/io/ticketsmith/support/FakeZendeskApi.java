package io.ticketsmith.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * Zendesk Support's REST API v2 on WireMock, as strict as Zendesk: every call needs the agent's credential (401
 * otherwise, as Zendesk answers), a write needs a Content-Length (411 otherwise), a ticket update is a safe update
 * whose {@code updated_stamp} must be the ticket's current {@code updated_at} (409 otherwise), lists come in pages
 * (incremental export by cursor, search by {@code next_page}, comments by {@code links.next}), and the payloads are
 * shaped as Zendesk's.
 */
public final class FakeZendeskApi {

    public static final String EMAIL = "triage-bot@acme.example";
    public static final String API_TOKEN = "zendesk-test-token";
    public static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (EMAIL + "/token:" + API_TOKEN).getBytes(StandardCharsets.UTF_8));
    public static final long BRAND = 360001001L;
    public static final long GROUP = 360002002L;
    public static final String UPDATED_AT = "2026-11-30T08:05:00Z";
    public static final String UPDATED_BY_AGENT_AT = "2026-11-30T08:06:30Z";

    private static final String TICKETS = "/api/v2/tickets/";

    private final WireMockExtension zendesk;
    private final String authorization;

    public FakeZendeskApi(WireMockExtension zendesk) {
        this(zendesk, BASIC);
    }

    public FakeZendeskApi(WireMockExtension zendesk, String authorization) {
        this.zendesk = zendesk;
        this.authorization = authorization;
        zendesk.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Couldn't authenticate you\"}")));
        zendesk.stubFor(put(anyUrl()).atPriority(9).withHeader("Authorization", equalTo(authorization))
                .withHeader("Content-Length", absent()).willReturn(aResponse().withStatus(411)));
    }

    public String baseUrl() {
        return zendesk.baseUrl();
    }

    /** A ticket as {@code GET /api/v2/tickets/{id}.json} returns it, in the allowed brand and group. */
    public static String ticket(String id, String subject, String description, List<String> tags, String updatedAt) {
        return ticket(id, subject, description, tags, updatedAt, BRAND, GROUP);
    }

    public static String ticket(String id, String subject, String description, List<String> tags, String updatedAt,
            long brand, long group) {
        StringBuilder tagList = new StringBuilder();
        for (String tag : tags) {
            tagList.append(tagList.isEmpty() ? "" : ",").append('"').append(tag).append('"');
        }
        return "{\"url\":\"https://acme.zendesk.com/api/v2/tickets/" + id + ".json\",\"id\":" + id
                + ",\"external_id\":null,\"via\":{\"channel\":\"web\",\"source\":{\"from\":{},\"to\":{},\"rel\":null}},"
                + "\"created_at\":\"2026-11-30T08:00:00Z\",\"updated_at\":\"" + updatedAt + "\",\"type\":\"incident\","
                + "\"subject\":\"" + json(subject) + "\",\"raw_subject\":\"" + json(subject) + "\",\"description\":\""
                + json(description) + "\",\"priority\":\"normal\",\"status\":\"open\",\"recipient\":null,"
                + "\"requester_id\":20978392,\"submitter_id\":20978392,\"assignee_id\":null,\"organization_id\":null,"
                + "\"group_id\":" + group + ",\"collaborator_ids\":[],\"follower_ids\":[],\"email_cc_ids\":[],"
                + "\"forum_topic_id\":null,\"problem_id\":null,\"has_incidents\":false,\"is_public\":true,"
                + "\"due_at\":null,\"tags\":[" + tagList + "],\"custom_fields\":[],\"satisfaction_rating\":null,"
                + "\"sharing_agreement_ids\":[],\"custom_status_id\":1,\"fields\":[],\"followup_ids\":[],"
                + "\"ticket_form_id\":360000001,\"brand_id\":" + brand + ",\"allow_channelback\":false,"
                + "\"allow_attachments\":true,\"from_messaging_channel\":false}";
    }

    /** {@code GET /api/v2/tickets/{id}.json} answers with the ticket. */
    public void hasTicket(String id, String ticketJson) {
        zendesk.stubFor(get(urlPathEqualTo(TICKETS + id + ".json")).withHeader("Authorization", equalTo(authorization))
                .willReturn(okJson("{\"ticket\":" + ticketJson + "}")));
    }

    /**
     * An agent changes the ticket right after the application first read it: the first read shows
     * {@link #UPDATED_AT}, every later one {@link #UPDATED_BY_AGENT_AT}.
     */
    public void ticketIsChangedByAnAgentAfterTheFirstRead(String id, String before, String after) {
        zendesk.stubFor(get(urlPathEqualTo(TICKETS + id + ".json")).withHeader("Authorization", equalTo(authorization))
                .inScenario("agent-" + id).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("changed")
                .willReturn(okJson("{\"ticket\":" + before + "}")));
        zendesk.stubFor(get(urlPathEqualTo(TICKETS + id + ".json")).withHeader("Authorization", equalTo(authorization))
                .inScenario("agent-" + id).whenScenarioStateIs("changed")
                .willReturn(okJson("{\"ticket\":" + after + "}")));
    }

    /**
     * Safe updates of the ticket: one stamped {@code currentStamp} succeeds with the updated ticket, any other gets
     * Zendesk's 409.
     */
    public void acceptsSafeUpdates(String id, String currentStamp) {
        zendesk.stubFor(put(urlPathEqualTo(TICKETS + id + ".json")).atPriority(5)
                .withHeader("Authorization", equalTo(authorization)).withHeader("Content-Length", matching("\\d+"))
                .withHeader("Content-Type", matching("application/json.*"))
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"UpdateConflict\",\"description\":\"Safe Update prevented the update "
                                + "due to outdated ticket data. Please fetch the latest ticket data and try again.\"}")));
        zendesk.stubFor(put(urlPathEqualTo(TICKETS + id + ".json")).atPriority(1)
                .withHeader("Authorization", equalTo(authorization)).withHeader("Content-Length", matching("\\d+"))
                .withRequestBody(matchingJsonPath("$.ticket.safe_update", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.ticket.updated_stamp", equalTo(currentStamp)))
                .willReturn(okJson("{\"ticket\":{\"id\":" + id + ",\"updated_at\":\"2026-11-30T08:10:00Z\"},"
                        + "\"audit\":{\"id\":1,\"ticket_id\":" + id + ",\"events\":[]}}")));
    }

    /** Zendesk's 422 for an update it cannot accept (an unknown priority, say). */
    public void refusesUpdatesAsInvalid(String id, String field, String message) {
        zendesk.stubFor(put(urlPathEqualTo(TICKETS + id + ".json")).atPriority(1)
                .withHeader("Authorization", equalTo(authorization)).withHeader("Content-Length", matching("\\d+"))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\","
                                + "\"details\":{\"" + field + "\":[{\"description\":\"" + json(message)
                                + "\",\"error\":\"InvalidValue\"}]}}")));
    }

    /** Zendesk's 429 with the seconds to wait. */
    public void rateLimitsUpdates(String id, int retryAfterSeconds) {
        zendesk.stubFor(put(urlPathEqualTo(TICKETS + id + ".json")).atPriority(1)
                .withHeader("Authorization", equalTo(authorization))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", Integer.toString(retryAfterSeconds))
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"APIRateLimitExceeded\",\"description\":\"Number of allowed API "
                                + "requests per minute exceeded\"}")));
    }

    /** Zendesk's 429 to reading the ticket. */
    public void rateLimitsReading(String id, int retryAfterSeconds) {
        zendesk.stubFor(get(urlPathEqualTo(TICKETS + id + ".json")).withHeader("Authorization", equalTo(authorization))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", Integer.toString(retryAfterSeconds))
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"APIRateLimitExceeded\",\"description\":\"Number of allowed API "
                                + "requests per minute exceeded\"}")));
    }

    /**
     * The ticket's comments, oldest first, one page per element of {@code pages}; each comment is {@code public:text}
     * or {@code private:text}.
     */
    public void hasComments(String id, List<List<String>> pages) {
        for (int page = 0; page < pages.size(); page++) {
            StringBuilder comments = new StringBuilder();
            for (String comment : pages.get(page)) {
                boolean isPublic = comment.startsWith("public:");
                String body = comment.substring(comment.indexOf(':') + 1);
                comments.append(comments.isEmpty() ? "" : ",").append("{\"id\":").append(1000 + comments.length())
                        .append(",\"type\":\"Comment\",\"author_id\":20978392,\"body\":\"").append(json(body))
                        .append("\",\"html_body\":\"<p>").append(json(body)).append("</p>\",\"plain_body\":\"")
                        .append(json(body)).append("\",\"public\":").append(isPublic)
                        .append(",\"attachments\":[],\"audit_id\":1,\"created_at\":\"2026-11-30T08:00:00Z\"}");
            }
            boolean more = page < pages.size() - 1;
            String next = more ? "\"" + zendesk.baseUrl() + TICKETS + id + "/comments.json?page%5Bafter%5D=c"
                    + (page + 1) + "&page%5Bsize%5D=100\"" : "null";
            var stub = get(urlPathEqualTo(TICKETS + id + "/comments.json")).withHeader("Authorization",
                    equalTo(authorization));
            stub = page == 0 ? stub.withQueryParam("page[size]", equalTo("100"))
                    .withQueryParam("page[after]", absent())
                    : stub.withQueryParam("page[after]", equalTo("c" + page));
            zendesk.stubFor(stub.willReturn(okJson("{\"comments\":[" + comments + "],\"meta\":{\"has_more\":" + more
                    + ",\"after_cursor\":" + (more ? "\"c" + (page + 1) + "\"" : "null")
                    + ",\"before_cursor\":null},\"links\":{\"prev\":null,\"next\":" + next + "}}")));
        }
    }

    /**
     * The incremental export: the first page for any {@code start_time}, then one page per cursor; the last says
     * {@code end_of_stream} and still gives the cursor to continue from later.
     */
    public void exportsPages(List<List<String>> pagesOfTickets) {
        for (int page = 0; page < pagesOfTickets.size(); page++) {
            boolean last = page == pagesOfTickets.size() - 1;
            String after = "cur" + (page + 1);
            var stub = get(urlPathEqualTo("/api/v2/incremental/tickets/cursor.json"))
                    .withHeader("Authorization", equalTo(authorization));
            stub = page == 0 ? stub.withQueryParam("start_time", matching("\\d+")).withQueryParam("cursor", absent())
                    : stub.withQueryParam("cursor", equalTo("cur" + page)).withQueryParam("start_time", absent());
            zendesk.stubFor(stub.willReturn(okJson("{\"tickets\":[" + String.join(",", pagesOfTickets.get(page))
                    + "],\"after_url\":\"" + zendesk.baseUrl() + "/api/v2/incremental/tickets/cursor.json?cursor="
                    + after + "\",\"after_cursor\":\"" + after + "\",\"before_url\":null,\"before_cursor\":null,"
                    + "\"end_of_stream\":" + last + "}")));
        }
    }

    /** Search results for exactly this query, in pages linked by {@code next_page}. */
    public void searchFinds(String query, List<List<String>> pagesOfTickets) {
        int count = pagesOfTickets.stream().mapToInt(List::size).sum();
        for (int page = 0; page < pagesOfTickets.size(); page++) {
            boolean last = page == pagesOfTickets.size() - 1;
            StringBuilder results = new StringBuilder();
            for (String ticket : pagesOfTickets.get(page)) {
                results.append(results.isEmpty() ? "" : ",")
                        .append(ticket, 0, ticket.length() - 1).append(",\"result_type\":\"ticket\"}");
            }
            var stub = get(urlPathEqualTo("/api/v2/search.json")).withHeader("Authorization", equalTo(authorization))
                    .withQueryParam("query", equalTo(query));
            stub = page == 0 ? stub.withQueryParam("page", absent())
                    : stub.withQueryParam("page", equalTo(Integer.toString(page + 1)));
            String next = last ? "null" : "\"" + zendesk.baseUrl() + "/api/v2/search.json?page=" + (page + 2)
                    + "&query=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8) + "\"";
            zendesk.stubFor(stub.willReturn(okJson("{\"results\":[" + results + "],\"facets\":null,\"next_page\":"
                    + next + ",\"previous_page\":null,\"count\":" + count + "}")));
        }
    }

    /** The bodies of every update the ticket received, in order. */
    public List<String> updates(String id) {
        return zendesk.findAll(putRequestedFor(urlPathEqualTo(TICKETS + id + ".json"))).stream()
                .map(LoggedRequest::getBodyAsString).toList();
    }

    /**
     * What Zendesk puts in {@code X-Zendesk-Webhook-Signature}: base64(HMAC-SHA256(secret, timestamp + body)).
     */
    public static String signature(String secret, String timestamp, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((timestamp + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body of a Zendesk trigger's webhook on "Ticket is created", as the README's JSON template makes it. */
    public static String ticketCreated(String id) {
        return "{\"ticket\":{\"id\":\"" + id + "\",\"subject\":\"(as Zendesk has it)\"},\"event\":\"ticket_created\"}";
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
