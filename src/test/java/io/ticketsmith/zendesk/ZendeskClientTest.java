package io.ticketsmith.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.ticketsmith.config.HttpClientConfiguration;
import io.ticketsmith.jira.ActionRejectedException;
import io.ticketsmith.jira.JiraRateLimitedException;
import io.ticketsmith.support.FakeZendeskApi;
import io.ticketsmith.support.TestClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.client.RestClient;

/** The Zendesk client against a fake of Zendesk Support's REST API v2 as strict as Zendesk. */
class ZendeskClientTest {

    private static final String ID = "35436";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension wiremock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final FakeZendeskApi zendesk = new FakeZendeskApi(wiremock);
    private final TestClock clock = new TestClock(Instant.parse("2026-11-30T09:00:00Z"));

    @Test
    void tagsAreAddedAsAdditionalTagsSoTheTicketsOwnTagsStay() throws Exception {
        zendesk.hasTicket(ID, ticket(List.of("vip", "checkout"), FakeZendeskApi.UPDATED_AT));
        zendesk.acceptsSafeUpdates(ID, FakeZendeskApi.UPDATED_AT);

        client().addTags(ID, List.of("ai_processed", "AI Bug"));

        JsonNode sent = JSON.readTree(zendesk.updates(ID).get(0)).path("ticket");
        assertThat(sent.has("tags")).as("tags would replace the ticket's own").isFalse();
        assertThat(sent.path("additional_tags")).extracting(JsonNode::asText).containsExactly("ai_processed", "ai_bug");
        assertThat(sent.path("safe_update").asBoolean()).isTrue();
        assertThat(sent.path("updated_stamp").asText()).isEqualTo(FakeZendeskApi.UPDATED_AT);
        assertThat(sent.has("comment")).as("no comment, so no existing comment is touched").isFalse();
    }

    @Test
    void anInternalNoteIsAPrivateCommentAndAReplyAPublicOne() throws Exception {
        zendesk.hasTicket(ID, ticket(List.of(), FakeZendeskApi.UPDATED_AT));
        zendesk.acceptsSafeUpdates(ID, FakeZendeskApi.UPDATED_AT);

        client().addInternalNote(ID, "AI Analysis: checkout fails");
        client().addPublicReply(ID, "We are on it.");
        client().setPriority(ID, "Urgent");

        List<JsonNode> sent = zendesk.updates(ID).stream().map(ZendeskClientTest::ticketOf).toList();
        assertThat(sent.get(0).path("comment").path("body").asText()).isEqualTo("AI Analysis: checkout fails");
        assertThat(sent.get(0).path("comment").path("public").asBoolean(true)).isFalse();
        assertThat(sent.get(1).path("comment").path("public").asBoolean(false)).isTrue();
        assertThat(sent.get(2).path("priority").asText()).isEqualTo("urgent");
        wiremock.verify(3, putRequestedFor(urlPathEqualTo("/api/v2/tickets/" + ID + ".json"))
                .withHeader("Authorization", equalTo(FakeZendeskApi.BASIC)));
    }

    @Test
    void aTicketAnAgentChangedMeanwhileIsReadAgainAndWrittenWithItsNewStamp() throws Exception {
        zendesk.ticketIsChangedByAnAgentAfterTheFirstRead(ID, ticket(List.of("vip"), FakeZendeskApi.UPDATED_AT),
                ticket(List.of("vip", "escalated"), FakeZendeskApi.UPDATED_BY_AGENT_AT));
        zendesk.acceptsSafeUpdates(ID, FakeZendeskApi.UPDATED_BY_AGENT_AT);
        // The first write carries the stale stamp and gets 409; only then does the fake show the agent's change.
        wiremock.resetScenarios();

        client().addTags(ID, List.of("ai_processed"));

        List<String> updates = zendesk.updates(ID);
        assertThat(updates).hasSize(2);
        assertThat(ticketOf(updates.get(0)).path("updated_stamp").asText()).isEqualTo(FakeZendeskApi.UPDATED_AT);
        assertThat(ticketOf(updates.get(1)).path("updated_stamp").asText())
                .isEqualTo(FakeZendeskApi.UPDATED_BY_AGENT_AT);
        wiremock.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/tickets/" + ID + ".json")));
    }

    @Test
    void aTicketStillChangingAfterTheSecondTryGoesToAReviewer() {
        zendesk.hasTicket(ID, ticket(List.of(), FakeZendeskApi.UPDATED_AT));
        zendesk.acceptsSafeUpdates(ID, "2026-11-30T08:59:59Z");

        assertThatThrownBy(() -> client().addInternalNote(ID, "AI Analysis: x"))
                .isInstanceOf(ActionRejectedException.class)
                .hasMessage("Zendesk ticket " + ID + " was changed by someone else twice while it was written; look "
                        + "at the ticket, then approve again");
        assertThat(zendesk.updates(ID)).hasSize(2);
    }

    @Test
    void zendeskRefusingTheContentIsARejectionWithZendesksWords() {
        zendesk.hasTicket(ID, ticket(List.of(), FakeZendeskApi.UPDATED_AT));
        zendesk.refusesUpdatesAsInvalid(ID, "priority", "Priority: is not valid");

        assertThatThrownBy(() -> client().setPriority(ID, "high"))
                .isInstanceOf(ZendeskRejectedException.class)
                .hasMessage("Zendesk answered 422 to PUT /api/v2/tickets/{id}.json: RecordInvalid; Record validation "
                        + "errors; Priority: is not valid");
    }

    @Test
    void rateLimitIsARateLimitWithZendesksRetryAfter() {
        zendesk.hasTicket(ID, ticket(List.of(), FakeZendeskApi.UPDATED_AT));
        zendesk.rateLimitsUpdates(ID, 42);

        assertThatThrownBy(() -> client().addTags(ID, List.of("ai_processed")))
                .isInstanceOf(JiraRateLimitedException.class)
                .satisfies(e -> assertThat(((JiraRateLimitedException) e).retryAfter())
                        .isEqualTo(Duration.ofSeconds(42)));
    }

    @Test
    void aTicketOfAnotherBrandOrGroupIsNeverWritten() {
        zendesk.hasTicket(ID, FakeZendeskApi.ticket(ID, "Checkout fails", "Card payments fail", List.of(),
                FakeZendeskApi.UPDATED_AT, 999L, FakeZendeskApi.GROUP));
        zendesk.acceptsSafeUpdates(ID, FakeZendeskApi.UPDATED_AT);

        assertThatThrownBy(() -> client(properties(List.of(FakeZendeskApi.BRAND), List.of(), 700, 0.5))
                .addTags(ID, List.of("ai_processed")))
                .isInstanceOf(ActionRejectedException.class)
                .hasMessageContaining("belongs to brand 999, which is not allowed");
        assertThat(zendesk.updates(ID)).isEmpty();
    }

    @Test
    void theIncrementalExportFollowsItsCursorsToTheEndOfTheStream() {
        zendesk.exportsPages(List.of(List.of(ticket("1", List.of()), ticket("2", List.of("ai_processed"))),
                List.of(ticket("3", List.of()))));
        ZendeskClient client = client();

        ZendeskClient.ExportPage first = client.export(clock.instant().minus(Duration.ofDays(1)), null);
        ZendeskClient.ExportPage second = client.export(null, first.afterCursor());

        assertThat(first.tickets()).extracting(ZendeskTicket::id).containsExactly("1", "2");
        assertThat(first.tickets().get(1).taggedWith("ai_processed")).isTrue();
        assertThat(first.endOfStream()).isFalse();
        assertThat(second.tickets()).extracting(ZendeskTicket::id).containsExactly("3");
        assertThat(second.endOfStream()).isTrue();
        assertThat(second.afterCursor()).as("where the next run continues").isEqualTo("cur2");
        wiremock.verify(getRequestedFor(urlPathEqualTo("/api/v2/incremental/tickets/cursor.json"))
                .withQueryParam("start_time", equalTo(Long.toString(clock.instant().minus(Duration.ofDays(1))
                        .getEpochSecond()))));
    }

    @Test
    void searchFollowsNextPageLinks() {
        zendesk.searchFinds("type:ticket status<solved", List.of(List.of(ticket("7", List.of())),
                List.of(ticket("8", List.of()))));
        ZendeskClient client = client();

        ZendeskClient.SearchPage first = client.search("type:ticket status<solved", null);
        ZendeskClient.SearchPage second = client.search(null, first.nextPage());

        assertThat(first.tickets()).extracting(ZendeskTicket::id).containsExactly("7");
        assertThat(second.tickets()).extracting(ZendeskTicket::id).containsExactly("8");
        assertThat(second.nextPage()).isNull();
    }

    @Test
    void anInternalNoteIsFoundByItsMarkerOnALaterPageOfComments() {
        zendesk.hasComments(ID, List.of(List.of("public:My card is declined", "private:unrelated"),
                List.of("private:AI Analysis: x\n\n—\nTicketsmith request r-1 · ts-0123456789abcdef")));

        assertThat(client().hasInternalNote(ID, "ts-0123456789abcdef")).isTrue();
        assertThat(client().hasInternalNote(ID, "ts-ffffffffffffffff")).isFalse();
        assertThat(client().hasPublicReply(ID, "My card is declined")).isTrue();
    }

    @Test
    void theClientKeepsUnderItsShareOfTheAccountsLimit() {
        zendesk.hasTicket(ID, ticket(List.of(), FakeZendeskApi.UPDATED_AT));
        ZendeskClient client = client(properties(List.of(), List.of(), 4, 0.5));

        client.ticket(ID);
        client.ticket(ID);

        assertThatThrownBy(() -> client.ticket(ID)).isInstanceOf(ZendeskRateLimitedException.class)
                .satisfies(e -> assertThat(((ZendeskRateLimitedException) e).retryAfter())
                        .isEqualTo(Duration.ofMinutes(1)));
        wiremock.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/tickets/" + ID + ".json")));
        clock.advance(Duration.ofMinutes(1));
        assertThat(client.ticket(ID).id()).isEqualTo(ID);
    }

    @Test
    void everyCallIsNotedInTheCallLogByItsPathTemplateAndStatus() {
        zendesk.hasTicket(ID, ticket(List.of(), FakeZendeskApi.UPDATED_AT));
        zendesk.refusesUpdatesAsInvalid(ID, "priority", "Priority: is not valid");
        List<String> calls = new java.util.ArrayList<>();
        ZendeskClient client = new ZendeskClient(properties(List.of(), List.of(), 700, 0.5), FakeZendeskApi.BASIC,
                RestClient.builder(), HttpClientConfiguration.requestFactoryBuilder(), clock,
                (operation, status, duration) -> calls.add(operation + " " + status));

        assertThatThrownBy(() -> client.setPriority(ID, "high")).isInstanceOf(ZendeskRejectedException.class);

        assertThat(calls).containsExactly("Zendesk GET /api/v2/tickets/{id}.json 200",
                "Zendesk PUT /api/v2/tickets/{id}.json 422");
    }

    @Test
    void anOAuthTokenIsSentAsBearerAndAnApiTokenAsEmailSlashToken() {
        assertThat(ZendeskClient.authorization(null, null, "oauth-1")).isEqualTo("Bearer oauth-1");
        assertThat(ZendeskClient.authorization(FakeZendeskApi.EMAIL, FakeZendeskApi.API_TOKEN, null))
                .isEqualTo(FakeZendeskApi.BASIC);
        assertThatThrownBy(() -> ZendeskClient.authorization(FakeZendeskApi.EMAIL, null, " "))
                .hasMessageContaining("TICKETSMITH_ZENDESK_API_TOKEN");
    }

    private ZendeskClient client() {
        return client(properties(List.of(), List.of(), 700, 0.5));
    }

    private ZendeskClient client(ZendeskProperties properties) {
        return new ZendeskClient(properties, FakeZendeskApi.BASIC, RestClient.builder(),
                HttpClientConfiguration.requestFactoryBuilder(), clock);
    }

    private static ZendeskProperties properties(List<Long> brands, List<Long> groups, int limit, double share) {
        return new ZendeskProperties(true, wiremock.baseUrl(), false, limit, share, brands, groups, "ai_processed",
                "type:ticket status<solved -tags:ai_processed", Duration.ofDays(1), 200, Duration.ofMinutes(5),
                Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    private static String ticket(List<String> tags, String updatedAt) {
        return FakeZendeskApi.ticket(ID, "Checkout fails", "Card payments fail since 9:00", tags, updatedAt);
    }

    private static String ticket(String id, List<String> tags) {
        return FakeZendeskApi.ticket(id, "Ticket " + id, "Text of ticket " + id, tags, FakeZendeskApi.UPDATED_AT);
    }

    private static JsonNode ticketOf(String body) {
        try {
            return JSON.readTree(body).path("ticket");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
