package io.ticketsmith.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.reply.delivery.TestReplyDeliveries;
import io.ticketsmith.safety.ActionPolicy;
import io.ticketsmith.safety.JiraTextSanitizer;
import io.ticketsmith.safety.PiiProperties;
import io.ticketsmith.safety.PiiVault;
import io.ticketsmith.safety.SafetyProperties;
import io.ticketsmith.support.FakeJiraApi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replies to requests that came from Jira, carried out by the executor through the real Cloud and Data Center
 * gateways against a fake Jira: where they go, what Jira receives, and that a reply begun before is not posted twice.
 */
class ReplyOnJiraTest {

    private static final String REQUEST = "REQ-1";
    private static final String ISSUE = "WEB-7";
    private static final String TEXT = "We restarted the payment service.\nPlease try the checkout again.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SafetyProperties NO_RESTRICTIONS = new SafetyProperties(null, null, null, null, null);
    private static final RequestOrigin FROM_JIRA = new RequestOrigin("jira", ISSUE);

    @RegisterExtension
    static WireMockExtension jira = JiraFixtures.fakeJira();

    private final ActionLedger ledger = mock(ActionLedger.class);
    private final ProposedAction reply = ProposedAction.draftReply("[EMAIL_1]", "Your checkout problem", TEXT);

    private ActionExecutor executor(JiraProperties.Flavor flavor, String visibility) {
        JiraGateway gateway = JiraFixtures.gateway(flavor, jira.baseUrl(), new SimpleMeterRegistry(),
                JiraFixtures.clock());
        ActionPolicy policy = new ActionPolicy(NO_RESTRICTIONS, new JiraTextSanitizer(NO_RESTRICTIONS),
                new PiiVault(null, new PiiProperties(false, null)));
        return new ActionExecutor(gateway, ledger, JSON, policy,
                TestReplyDeliveries.of(gateway, visibility, null, null));
    }

    private String key() {
        try {
            return ActionExecutor.idempotencyKey(REQUEST, 0, JSON.writeValueAsString(reply));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The internal comment as the flavour sends it: the reply, the trace line with the marker, the JSM property. */
    private String internalComment(JsonNode body) {
        ObjectNode comment = JSON.createObjectNode();
        comment.set("body", body);
        comment.putArray("properties").addObject().put("key", "sd.public.comment").putObject("value")
                .put("internal", true);
        return comment.toString();
    }

    private String internalText() {
        return TEXT + "\n\n—\nTicketsmith request " + REQUEST + " · " + ActionExecutor.idempotencyLabel(key());
    }

    @Test
    void replyToARequestFromJiraCloudIsAnInternalCommentOnItsIssue() {
        FakeJiraApi api = FakeJiraApi.cloud(jira);
        api.acceptsComments(ISSUE);
        api.acceptsEdits();

        var results = executor(JiraProperties.Flavor.CLOUD, "internal").execute(REQUEST, List.of(reply), FROM_JIRA);

        api.verifyCommented(ISSUE, internalComment(Adf.document(internalText())));
        api.verifyPublicCommentedTimes(ISSUE, 0);
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.status()).isEqualTo(ActionExecutor.STATUS_DONE);
            assertThat(result.gateway()).isEqualTo("cloud " + jira.baseUrl());
            assertThat(result.issueKey()).isEqualTo(ISSUE);
            assertThat(result.url()).isEqualTo(jira.baseUrl() + "/browse/" + ISSUE);
            assertThat(result.detail()).isEqualTo("internal comment on " + ISSUE);
        });
    }

    @Test
    void replyToARequestFromJiraDataCenterIsAnInternalCommentOnItsIssue() {
        FakeJiraApi api = FakeJiraApi.dataCenter(jira);
        api.acceptsComments(ISSUE);
        api.acceptsEdits();

        var results = executor(JiraProperties.Flavor.DATACENTER, "internal")
                .execute(REQUEST, List.of(reply), FROM_JIRA);

        api.verifyCommented(ISSUE, internalComment(TextNode.valueOf(internalText())));
        assertThat(results.get(0).status()).isEqualTo(ActionExecutor.STATUS_DONE);
        assertThat(results.get(0).gateway()).isEqualTo("datacenter " + jira.baseUrl());
    }

    @Test
    void publicReplyIsACommentTheCustomerSeesWithNothingButTheRepliesText() {
        FakeJiraApi api = FakeJiraApi.cloud(jira);
        api.acceptsPublicComments(ISSUE);
        api.acceptsEdits();

        var results = executor(JiraProperties.Flavor.CLOUD, "public").execute(REQUEST, List.of(reply), FROM_JIRA);

        api.verifyPublicCommented(ISSUE, TEXT);
        api.verifyPublicCommentPagesRead(ISSUE, 0);
        assertThat(results.get(0).detail()).isEqualTo("public comment on " + ISSUE);
    }

    @Test
    void begunPublicReplyThatJiraShowsOnTheSecondPageOfCommentsIsNotPostedAgain() {
        FakeJiraApi api = FakeJiraApi.dataCenter(jira);
        api.acceptsPublicComments(ISSUE);
        api.hasPublicComments(ISSUE, "The checkout fails with a saved card", "Any news?", TEXT);
        when(ledger.find(key())).thenReturn(Optional.of(new ActionLedger.Entry(key(), REQUEST, 0, "draft_reply",
                "datacenter", false, null, Instant.parse("2026-03-02T09:00:00Z"), false)));

        var results = executor(JiraProperties.Flavor.DATACENTER, "public").execute(REQUEST, List.of(reply), FROM_JIRA);

        api.verifyPublicCommentPagesRead(ISSUE, 2);
        api.verifyPublicCommentedTimes(ISSUE, 0);
        assertThat(results).extracting(ActionResult::status).containsExactly(ActionExecutor.STATUS_ALREADY_DONE);
    }

    @Test
    void begunPublicReplyThatJiraDoesNotShowIsPosted() {
        FakeJiraApi api = FakeJiraApi.cloud(jira);
        api.acceptsPublicComments(ISSUE);
        api.acceptsEdits();
        api.hasPublicComments(ISSUE, "The checkout fails with a saved card", "Any news?", TEXT + " Sorry!");
        when(ledger.find(anyString())).thenReturn(Optional.of(new ActionLedger.Entry(key(), REQUEST, 0,
                "draft_reply", "cloud", false, null, Instant.parse("2026-03-02T09:00:00Z"), false)));

        executor(JiraProperties.Flavor.CLOUD, "public").execute(REQUEST, List.of(reply), FROM_JIRA);

        api.verifyPublicCommentPagesRead(ISSUE, 2);
        api.verifyPublicCommented(ISSUE, TEXT);
    }

    @Test
    void withoutTheZendeskConnectorAReplyToARequestFromZendeskStaysADraftAndSaysWhy() {
        FakeJiraApi api = FakeJiraApi.cloud(jira);

        var results = executor(JiraProperties.Flavor.CLOUD, "internal")
                .execute(REQUEST, List.of(reply), new RequestOrigin("zendesk", "4711"));

        api.verifyNotCommented(ISSUE);
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.status()).isEqualTo(ActionExecutor.STATUS_DRAFTED);
            assertThat(result.gateway()).isEqualTo("draft");
            assertThat(result.detail()).isEqualTo("not sent: the Zendesk connector is not configured; the reply is "
                    + "kept as a draft for a person to send in Zendesk");
        });
    }
}
