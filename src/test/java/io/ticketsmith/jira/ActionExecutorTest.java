package io.ticketsmith.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.analysis.ProposedAction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Carrying out approved actions through the Jira gateway, each at most once thanks to the ledger. */
class ActionExecutorTest {

    private static final String REQUEST = "req-1";
    /** Every text written to Jira ends with the request id, so the change can be traced back. */
    private static final String TRACE = "\n\n—\nTicketsmith request " + REQUEST;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JiraGateway jira = mock(JiraGateway.class);
    private final ActionLedger ledger = mock(ActionLedger.class);
    private static final io.ticketsmith.safety.SafetyProperties NO_RESTRICTIONS =
            new io.ticketsmith.safety.SafetyProperties(null, null, null, null, null);
    private final ReplyDelivery replies = mock(ReplyDelivery.class);
    private final ReplyDelivery.Route route = mock(ReplyDelivery.Route.class);
    private final ActionExecutor executor = new ActionExecutor(jira, ledger, JSON, new io.ticketsmith.safety.ActionPolicy(
            NO_RESTRICTIONS, new io.ticketsmith.safety.JiraTextSanitizer(NO_RESTRICTIONS),
            new io.ticketsmith.safety.PiiVault(null, new io.ticketsmith.safety.PiiProperties(false, null))), replies);

    @BeforeEach
    void realJira() {
        when(jira.name()).thenReturn("cloud");
        when(jira.sendsToJira()).thenReturn(true);
    }

    /** A create_issue action with every field the gateway passes on. */
    private static ProposedAction loginBug() {
        return new ProposedAction("create_issue", "WEB", "Bug", null, "Login broken", "Since the deploy.", "High",
                List.of("login"), "anna", "WEB-1", null, null, null, null, null, null);
    }

    private static String json(ProposedAction action) {
        try {
            return JSON.writeValueAsString(action);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ActionLedger.Entry doneEarlier(String issueKey, String gateway) {
        return new ActionLedger.Entry("key", REQUEST, 0, "create_issue", gateway, true, issueKey,
                Instant.parse("2026-11-22T10:30:00Z"), true);
    }

    private static ActionLedger.Entry begun(String key, ProposedAction action) {
        return new ActionLedger.Entry(key, REQUEST, 0, action.type(), "cloud", false, null,
                Instant.parse("2026-11-22T10:30:00Z"), false);
    }

    /** What ends the trace line of a comment: the marker a retry looks for on the issue. */
    private static String marker(int index, ProposedAction action) {
        return " · " + ActionExecutor.idempotencyLabel(ActionExecutor.idempotencyKey(REQUEST, index, json(action)));
    }

    private String keyOf(String requestId, ProposedAction action) {
        return executor.execute(requestId, List.of(action)).get(0).idempotencyKey();
    }

    private void verifyLedgerNeverWritten() {
        verify(ledger, never()).record(anyString(), anyString(), anyInt(), anyString(), anyString(), anyBoolean(),
                anyString(), any());
    }

    @Nested
    class EachActionType {

        @Test
        void createIssueCreatesTheIssueWithAllItsFields() {
            when(jira.createIssue(any(), anyString(), anyBoolean())).thenReturn(new JiraGateway.CreatedIssue("WEB-101", true));

            var results = executor.execute(REQUEST, List.of(loginBug()));

            verify(jira).createIssue(new JiraGateway.NewIssue("WEB", "Bug", "Login broken", "Since the deploy." + TRACE,
                    "High", List.of("login"), "anna", "WEB-1"), ActionExecutor.idempotencyLabel(results.get(0).idempotencyKey()),
                    false);
            assertThat(results).singleElement().satisfies(result -> {
                assertThat(result.type()).isEqualTo("create_issue");
                assertThat(result.issueKey()).isEqualTo("WEB-101");
            });
        }

        @Test
        void commentIsAddedToTheIssue() {
            var results = executor.execute(REQUEST, List.of(ProposedAction.comment("WEB-7", "Looking into it.")));

            verify(jira).addComment("WEB-7", "Looking into it." + TRACE + marker(0, ProposedAction.comment("WEB-7", "Looking into it.")));
            assertThat(results.get(0).issueKey()).isEqualTo("WEB-7");
        }

        @Test
        void assignAssignsTheIssue() {
            var results = executor.execute(REQUEST, List.of(ProposedAction.assign("WEB-7", "anna")));

            verify(jira).assign("WEB-7", "anna");
            assertThat(results.get(0).issueKey()).isEqualTo("WEB-7");
        }

        @Test
        void transitionMovesTheIssue() {
            var results = executor.execute(REQUEST, List.of(ProposedAction.transition("WEB-7", "In Progress")));

            verify(jira).transition("WEB-7", "In Progress");
            assertThat(results.get(0).issueKey()).isEqualTo("WEB-7");
        }

        @Test
        void addLabelsLabelsTheIssue() {
            var results = executor.execute(REQUEST,
                    List.of(ProposedAction.addLabels("WEB-7", List.of("login", "regression"))));

            verify(jira).addLabels("WEB-7", List.of("login", "regression"));
            assertThat(results.get(0).issueKey()).isEqualTo("WEB-7");
        }

        @Test
        void linkIssueLinksTheIssueToTheOneItRepeats() {
            var results = executor.execute(REQUEST,
                    List.of(ProposedAction.linkIssue("WEB-1500", "WEB-1412", ProposedAction.LINK_DUPLICATE)));

            verify(jira).linkIssues("WEB-1500", "WEB-1412", "Duplicate");
            assertThat(results.get(0).issueKey()).isEqualTo("WEB-1500");
            assertThat(results.get(0).status()).isEqualTo(ActionExecutor.STATUS_DONE);
        }

        @Test
        void draftReplyIsDeliveredByTheRouteChosenForItsRequestAndRecordedUnderThatGateway() {
            var reply = ProposedAction.draftReply("anna@example.com", "Your login", "We are on it.");
            var origin = new RequestOrigin("api", null);
            when(replies.route(reply, origin)).thenReturn(route);
            when(route.gateway()).thenReturn("smtp");
            when(route.deliver(any())).thenReturn(new ReplyDelivery.Delivered(ActionExecutor.STATUS_DONE, true,
                    "e-mailed as <req-1.0123456789abcdef@acme.example>"));

            var results = executor.execute(REQUEST, List.of(reply), origin);

            assertThat(results).singleElement().satisfies(result -> {
                assertThat(result.status()).isEqualTo(ActionExecutor.STATUS_DONE);
                assertThat(result.gateway()).isEqualTo("smtp");
                assertThat(result.issueKey()).isNull();
                assertThat(result.detail()).isEqualTo("e-mailed as <req-1.0123456789abcdef@acme.example>");
            });
            String key = results.get(0).idempotencyKey();
            verify(route).deliver(new ReplyDelivery.Reply(REQUEST, reply, key, ActionExecutor.idempotencyLabel(key)));
            var order = inOrder(ledger, route);
            order.verify(ledger).begin(key, REQUEST, 0, "draft_reply", "smtp", json(reply));
            order.verify(route).deliver(any());
            order.verify(ledger).record(key, REQUEST, 0, "draft_reply", "smtp", true, json(reply), null);
            verify(jira, never()).addComment(anyString(), anyString());
        }

        @Test
        void actionsAreCarriedOutInOrderWithTheirIndex() {
            when(jira.createIssue(any(), anyString(), anyBoolean())).thenReturn(new JiraGateway.CreatedIssue("WEB-101", true));

            var results = executor.execute(REQUEST, List.of(loginBug(), ProposedAction.comment("WEB-7", "Hi")));

            var order = inOrder(jira);
            order.verify(jira).createIssue(any(), anyString(), anyBoolean());
            order.verify(jira).addComment("WEB-7", "Hi" + TRACE + marker(1, ProposedAction.comment("WEB-7", "Hi")));
            assertThat(results).extracting(ActionResult::index, ActionResult::type)
                    .containsExactly(tuple(0, "create_issue"), tuple(1, "comment"));
        }
    }

    @Nested
    class Status {

        @Test
        void realGatewayMarksActionDone() {
            var comment = ProposedAction.comment("WEB-7", "Hi");

            var result = executor.execute(REQUEST, List.of(comment)).get(0);

            assertThat(result.status()).isEqualTo(ActionExecutor.STATUS_DONE);
            assertThat(result.gateway()).isEqualTo("cloud");
            verify(ledger).record(result.idempotencyKey(), REQUEST, 0, "comment", "cloud", true, json(comment),
                    "WEB-7");
        }

        @Test
        void dryRunGatewayOnlyRecordsTheAction() {
            when(jira.name()).thenReturn("dry-run");
            when(jira.sendsToJira()).thenReturn(false);
            var comment = ProposedAction.comment("WEB-7", "Hi");

            var result = executor.execute(REQUEST, List.of(comment)).get(0);

            assertThat(result.status()).isEqualTo(ActionExecutor.STATUS_RECORDED);
            assertThat(result.gateway()).isEqualTo("dry-run");
            verify(ledger).record(result.idempotencyKey(), REQUEST, 0, "comment", "dry-run", false, json(comment),
                    "WEB-7");
        }
    }

    @Nested
    class Idempotency {

        @Test
        void actionInLedgerIsNotSentAgain() {
            when(ledger.find(anyString())).thenReturn(Optional.of(doneEarlier("WEB-101", "cloud")));

            var results = executor.execute(REQUEST, List.of(loginBug()));

            verify(jira, never()).createIssue(any(), anyString(), anyBoolean());
            verifyLedgerNeverWritten();
            assertThat(results).singleElement().satisfies(result -> {
                assertThat(result.status()).isEqualTo(ActionExecutor.STATUS_ALREADY_DONE);
                assertThat(result.issueKey()).isEqualTo("WEB-101");
                assertThat(result.gateway()).isEqualTo("cloud");
            });
        }

        @Test
        void onlyActionsMissingFromLedgerAreSent() {
            String firstKey = ActionExecutor.idempotencyKey(REQUEST, 0, json(loginBug()));
            when(ledger.find(firstKey)).thenReturn(Optional.of(doneEarlier("WEB-101", "cloud")));

            var results = executor.execute(REQUEST, List.of(loginBug(), ProposedAction.comment("WEB-101", "Hi")));

            verify(jira, never()).createIssue(any(), anyString(), anyBoolean());
            verify(jira).addComment("WEB-101", "Hi" + TRACE + marker(1, ProposedAction.comment("WEB-101", "Hi")));
            assertThat(results).extracting(ActionResult::status)
                    .containsExactly(ActionExecutor.STATUS_ALREADY_DONE, ActionExecutor.STATUS_DONE);
        }

        @Test
        void actionIsEnteredAsBegunBeforeJiraIsCalledAndAsDoneAfter() {
            var comment = ProposedAction.comment("WEB-7", "Hi");

            executor.execute(REQUEST, List.of(comment));

            var order = inOrder(ledger, jira);
            order.verify(ledger).begin(anyString(), eq(REQUEST), eq(0), eq("comment"), eq("cloud"), eq(json(comment)));
            order.verify(jira).addComment(eq("WEB-7"), anyString());
            order.verify(ledger).record(anyString(), eq(REQUEST), eq(0), eq("comment"), eq("cloud"), eq(true),
                    eq(json(comment)), eq("WEB-7"));
        }

        @Test
        void issueOfAnActionNeverBegunIsCreatedWithoutAskingJiraForAnEarlierOne() {
            when(jira.createIssue(any(), anyString(), anyBoolean())).thenReturn(new JiraGateway.CreatedIssue("WEB-101", true));

            executor.execute(REQUEST, List.of(loginBug()));

            verify(jira).createIssue(any(), anyString(), eq(false));
        }

        @Test
        void issueOfAnActionBegunBeforeIsLookedUpBeforeItIsCreated() {
            String key = ActionExecutor.idempotencyKey(REQUEST, 0, json(loginBug()));
            when(ledger.find(key)).thenReturn(Optional.of(begun(key, loginBug())));
            when(jira.createIssue(any(), anyString(), anyBoolean())).thenReturn(new JiraGateway.CreatedIssue("WEB-101", false));

            executor.execute(REQUEST, List.of(loginBug()));

            verify(jira).createIssue(any(), eq(ActionExecutor.idempotencyLabel(key)), eq(true));
        }

        @Test
        void commentJiraTookButWhoseRecordFailedIsNotPostedAgain() {
            var comment = ProposedAction.comment("WEB-7", "Hi");
            String key = ActionExecutor.idempotencyKey(REQUEST, 0, json(comment));
            doThrow(new org.springframework.dao.DataAccessResourceFailureException("pool exhausted")).doReturn(null)
                    .when(ledger).record(anyString(), anyString(), anyInt(), anyString(), anyString(), anyBoolean(),
                            anyString(), any());
            assertThatExceptionOfType(ActionFailedException.class)
                    .isThrownBy(() -> executor.execute(REQUEST, List.of(comment)));
            when(ledger.find(key)).thenReturn(Optional.of(begun(key, comment)));
            when(jira.hasComment("WEB-7", ActionExecutor.idempotencyLabel(key))).thenReturn(true);

            var retried = executor.execute(REQUEST, List.of(comment));

            verify(jira, times(1)).addComment(eq("WEB-7"), anyString());
            assertThat(retried).extracting(ActionResult::status).containsExactly(ActionExecutor.STATUS_ALREADY_DONE);
            verify(ledger, times(2)).record(eq(key), eq(REQUEST), eq(0), eq("comment"), eq("cloud"), eq(true),
                    eq(json(comment)), eq("WEB-7"));
        }

        @Test
        void begunCommentThatJiraDoesNotShowIsSentAgain() {
            var comment = ProposedAction.comment("WEB-7", "Hi");
            String key = ActionExecutor.idempotencyKey(REQUEST, 0, json(comment));
            when(ledger.find(key)).thenReturn(Optional.of(begun(key, comment)));

            var results = executor.execute(REQUEST, List.of(comment));

            verify(jira).hasComment("WEB-7", ActionExecutor.idempotencyLabel(key));
            verify(jira).addComment("WEB-7", "Hi" + TRACE + marker(0, comment));
            assertThat(results).extracting(ActionResult::status).containsExactly(ActionExecutor.STATUS_DONE);
        }

        @Test
        void begunLinkThatJiraAlreadyShowsIsNotMadeAgain() {
            var link = ProposedAction.linkIssue("WEB-1500", "WEB-1412", ProposedAction.LINK_DUPLICATE);
            String key = ActionExecutor.idempotencyKey(REQUEST, 0, json(link));
            when(ledger.find(key)).thenReturn(Optional.of(begun(key, link)));
            when(jira.hasLink("WEB-1500", "WEB-1412", "Duplicate")).thenReturn(true);

            var results = executor.execute(REQUEST, List.of(link));

            verify(jira, never()).linkIssues(anyString(), anyString(), anyString());
            assertThat(results).extracting(ActionResult::status).containsExactly(ActionExecutor.STATUS_ALREADY_DONE);
        }

        @Test
        void begunLinkThatJiraDoesNotShowIsMade() {
            var link = ProposedAction.linkIssue("WEB-1500", "WEB-1412", ProposedAction.LINK_RELATES);
            String key = ActionExecutor.idempotencyKey(REQUEST, 0, json(link));
            when(ledger.find(key)).thenReturn(Optional.of(begun(key, link)));

            executor.execute(REQUEST, List.of(link));

            verify(jira).linkIssues("WEB-1500", "WEB-1412", "Relates");
        }

        @Test
        void ledgerIsAskedWithTheKeyOfTheAction() {
            var result = executor.execute(REQUEST, List.of(ProposedAction.comment("WEB-7", "Hi"))).get(0);

            verify(ledger).find(result.idempotencyKey());
        }

        @Test
        void keyIsStableForSameRequestIndexAndContent() {
            var comment = ProposedAction.comment("WEB-7", "Hi");

            assertThat(keyOf(REQUEST, comment)).isEqualTo(keyOf(REQUEST, ProposedAction.comment("WEB-7", "Hi")))
                    .isEqualTo(ActionExecutor.idempotencyKey(REQUEST, 0, json(comment)))
                    .matches("[0-9a-f]{40}");
        }

        @Test
        void keyDiffersForAnotherIndex() {
            var comment = ProposedAction.comment("WEB-7", "Hi");

            var results = executor.execute(REQUEST, List.of(comment, comment));

            assertThat(results.get(0).idempotencyKey()).isNotEqualTo(results.get(1).idempotencyKey());
        }

        @Test
        void keyDiffersForAnotherRequest() {
            var comment = ProposedAction.comment("WEB-7", "Hi");

            assertThat(keyOf("req-1", comment)).isNotEqualTo(keyOf("req-2", comment));
        }

        @Test
        void keyDiffersForOtherContent() {
            String original = keyOf(REQUEST, ProposedAction.comment("WEB-7", "Hi"));

            assertThat(keyOf(REQUEST, ProposedAction.comment("WEB-7", "Hello"))).isNotEqualTo(original);
            assertThat(keyOf(REQUEST, ProposedAction.comment("WEB-8", "Hi"))).isNotEqualTo(original);
        }

        @Test
        void keyKeepsRequestAndIndexApart() {
            // Without a separator "req-1" with index 12 and "req-11" with index 2 would hash the same bytes.
            assertThat(ActionExecutor.idempotencyKey("req-1", 12, "{}"))
                    .isNotEqualTo(ActionExecutor.idempotencyKey("req-11", 2, "{}"));
        }
    }

    @Nested
    class Reply {

        private final ProposedAction reply = ProposedAction.draftReply("anna@example.com", "Your login", "We are on it.");
        private final RequestOrigin fromJira = new RequestOrigin("jira", "WEB-7");

        @Test
        void replyOnAJiraIssueNamesTheIssueAndWhereToOpenIt() {
            when(replies.route(reply, fromJira)).thenReturn(route);
            when(route.gateway()).thenReturn("cloud");
            when(route.issueKey()).thenReturn("WEB-7");
            when(jira.browseUrl("WEB-7")).thenReturn("https://acme.atlassian.net/browse/WEB-7");
            when(route.deliver(any())).thenReturn(new ReplyDelivery.Delivered(ActionExecutor.STATUS_DONE, true,
                    "internal comment on WEB-7"));

            var result = executor.execute(REQUEST, List.of(reply), fromJira).get(0);

            assertThat(result.issueKey()).isEqualTo("WEB-7");
            assertThat(result.url()).isEqualTo("https://acme.atlassian.net/browse/WEB-7");
            verify(ledger).record(result.idempotencyKey(), REQUEST, 0, "draft_reply", "cloud", true, json(reply),
                    "WEB-7");
        }

        @Test
        void replyKeptAsDraftIsRecordedAsNotSentAndSaysWhy() {
            when(replies.route(any(), any())).thenReturn(route);
            when(route.gateway()).thenReturn("draft");
            when(route.deliver(any())).thenReturn(new ReplyDelivery.Delivered(ActionExecutor.STATUS_DRAFTED, false,
                    "not sent: there is no Zendesk connector yet"));

            var result = executor.execute(REQUEST, List.of(reply), new RequestOrigin("zendesk", "4711")).get(0);

            assertThat(result.status()).isEqualTo(ActionExecutor.STATUS_DRAFTED);
            assertThat(result.detail()).isEqualTo("not sent: there is no Zendesk connector yet");
            verify(ledger).record(result.idempotencyKey(), REQUEST, 0, "draft_reply", "draft", false, json(reply), null);
        }

        @Test
        void replyRefusedForItsAddressLeavesNothingInTheLedger() {
            var refused = new ActionRejectedException("The reply's address is not a valid e-mail address");
            when(replies.route(any(), any())).thenThrow(refused);

            var failure = catchThrowableOfType(ActionFailedException.class,
                    () -> executor.execute(REQUEST, List.of(reply)));

            assertThat(failure.getCause()).isSameAs(refused);
            assertThat(failure.getMessage()).isEqualTo(
                    "Action 1 (draft_reply) failed: The reply's address is not a valid e-mail address");
            verify(ledger, never()).begin(anyString(), anyString(), anyInt(), anyString(), anyString(), anyString());
            verifyLedgerNeverWritten();
        }

        @Test
        void requestOfUnknownOriginGetsItsReplyRoutedAsSuch() {
            when(replies.route(any(), any())).thenReturn(route);
            when(route.gateway()).thenReturn("smtp");
            when(route.deliver(any())).thenReturn(new ReplyDelivery.Delivered(ActionExecutor.STATUS_DONE, true, null));

            executor.execute(REQUEST, List.of(reply));

            verify(replies).route(reply, RequestOrigin.UNKNOWN);
        }

        @Test
        void begunReplyThatTheChannelShowsIsNotDeliveredAgain() {
            String key = ActionExecutor.idempotencyKey(REQUEST, 0, json(reply));
            when(ledger.find(key)).thenReturn(Optional.of(begun(key, reply)));
            when(replies.route(reply, fromJira)).thenReturn(route);
            when(route.gateway()).thenReturn("cloud");
            when(route.issueKey()).thenReturn("WEB-7");
            when(route.foundDelivered(any())).thenReturn(true);

            var results = executor.execute(REQUEST, List.of(reply), fromJira);

            verify(route, never()).deliver(any());
            assertThat(results).extracting(ActionResult::status).containsExactly(ActionExecutor.STATUS_ALREADY_DONE);
            verify(ledger).record(key, REQUEST, 0, "draft_reply", "cloud", true, json(reply), "WEB-7");
        }

        @Test
        void begunReplyThatTheChannelDoesNotShowIsDeliveredAgain() {
            String key = ActionExecutor.idempotencyKey(REQUEST, 0, json(reply));
            when(ledger.find(key)).thenReturn(Optional.of(begun(key, reply)));
            when(replies.route(any(), any())).thenReturn(route);
            when(route.gateway()).thenReturn("smtp");
            when(route.deliver(any())).thenReturn(new ReplyDelivery.Delivered(ActionExecutor.STATUS_DONE, true, null));

            var results = executor.execute(REQUEST, List.of(reply));

            verify(route).foundDelivered(new ReplyDelivery.Reply(REQUEST, reply, key, ActionExecutor.idempotencyLabel(key)));
            verify(route).deliver(any());
            assertThat(results).extracting(ActionResult::status).containsExactly(ActionExecutor.STATUS_DONE);
        }

        @Test
        void replyDoneEarlierIsNeitherRoutedNorDeliveredAgain() {
            when(ledger.find(anyString())).thenReturn(Optional.of(new ActionLedger.Entry("key", REQUEST, 0,
                    "draft_reply", "smtp", true, null, Instant.parse("2026-11-22T10:30:00Z"), true)));

            var results = executor.execute(REQUEST, List.of(reply));

            verifyNoInteractions(replies);
            assertThat(results).singleElement().satisfies(result -> {
                assertThat(result.status()).isEqualTo(ActionExecutor.STATUS_ALREADY_DONE);
                assertThat(result.gateway()).isEqualTo("smtp");
            });
        }
    }

    @Nested
    class Failure {

        @Test
        void gatewayFailureNamesTheActionAndKeepsWhatWasDone() {
            var jiraSaysNo = new JiraRejectedException(404, "Issue does not exist");
            doThrow(jiraSaysNo).when(jira).assign("WEB-404", "anna");

            var failure = catchThrowableOfType(ActionFailedException.class, () -> executor.execute(REQUEST, List.of(
                    ProposedAction.comment("WEB-7", "Hi"),
                    ProposedAction.assign("WEB-404", "anna"),
                    ProposedAction.transition("WEB-7", "Done"))));

            assertThat(failure.actionIndex()).isEqualTo(1);
            assertThat(failure.getCause()).isSameAs(jiraSaysNo);
            assertThat(failure.getMessage()).isEqualTo("Action 2 (assign WEB-404) failed: Issue does not exist");
            assertThat(failure.completed()).singleElement().satisfies(result -> {
                assertThat(result.index()).isZero();
                assertThat(result.type()).isEqualTo("comment");
                assertThat(result.status()).isEqualTo(ActionExecutor.STATUS_DONE);
            });
        }

        @Test
        void actionsAfterTheFailedOneAreNotAttempted() {
            doThrow(new JiraUnavailableException("timeout", null)).when(jira).addComment(anyString(), anyString());

            assertThatExceptionOfType(ActionFailedException.class).isThrownBy(() -> executor.execute(REQUEST, List.of(
                    ProposedAction.comment("WEB-7", "Hi"),
                    ProposedAction.transition("WEB-7", "Done"))));

            verify(jira, never()).transition(anyString(), anyString());
        }

        @Test
        void ledgerIsWrittenOnlyAfterSuccessfulCall() {
            doThrow(new JiraUnavailableException("timeout", null)).when(jira).assign(anyString(), anyString());
            var comment = ProposedAction.comment("WEB-7", "Hi");

            assertThatExceptionOfType(ActionFailedException.class).isThrownBy(() -> executor.execute(REQUEST, List.of(
                    comment, ProposedAction.assign("WEB-7", "anna"))));

            var order = inOrder(jira, ledger);
            order.verify(jira).addComment("WEB-7", "Hi" + TRACE + marker(0, comment));
            order.verify(ledger).record(anyString(), eq(REQUEST), eq(0), eq("comment"), eq("cloud"), eq(true),
                    eq(json(comment)), eq("WEB-7"));
            verify(ledger, never()).record(anyString(), anyString(), eq(1), anyString(), anyString(), anyBoolean(),
                    anyString(), any());
        }

        @Test
        void unknownActionTypeFailsWithoutCallingJira() {
            var unknown = new ProposedAction("delete_issue", null, null, "WEB-7", null, null, null, null, null, null,
                    null, null, null, null, null, null);

            var failure = catchThrowableOfType(ActionFailedException.class,
                    () -> executor.execute(REQUEST, List.of(unknown)));

            assertThat(failure.actionIndex()).isZero();
            assertThat(failure.getCause()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("delete_issue");
            assertThat(failure.completed()).isEmpty();
            verifyNoInteractions(jira);
            verifyLedgerNeverWritten();
        }
    }
}
