package io.ticketsmith.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.safety.ActionPolicy;
import io.ticketsmith.safety.JiraTextSanitizer;
import io.ticketsmith.safety.PiiProperties;
import io.ticketsmith.safety.PiiVault;
import io.ticketsmith.safety.SafetyProperties;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Zendesk actions through the executor: the request's own ticket, the ledger, and retries that never post twice. */
class ZendeskActionExecutionTest {

    private static final String REQUEST = "req-z";
    private static final RequestOrigin FROM_ZENDESK = new RequestOrigin("zendesk", "4711");
    private static final SafetyProperties NO_RESTRICTIONS = new SafetyProperties(null, null, null, null, null);

    private final JiraGateway jira = mock(JiraGateway.class);
    private final ActionLedger ledger = mock(ActionLedger.class);
    private final ZendeskTickets zendesk = mock(ZendeskTickets.class);
    private final ActionExecutor executor = new ActionExecutor(jira, ledger, new ObjectMapper(),
            new ActionPolicy(NO_RESTRICTIONS, new JiraTextSanitizer(NO_RESTRICTIONS),
                    new PiiVault(null, new PiiProperties(false, null))),
            mock(ReplyDelivery.class), Optional.empty(), Optional.of(zendesk));

    @BeforeEach
    void realZendesk() {
        when(jira.name()).thenReturn("cloud");
        when(jira.sendsToJira()).thenReturn(true);
        when(zendesk.name()).thenReturn("zendesk https://acme.zendesk.com");
        when(zendesk.sendsToZendesk()).thenReturn(true);
        when(zendesk.ticketUrl("4711")).thenReturn("https://acme.zendesk.com/agent/tickets/4711");
        when(ledger.find(anyString())).thenReturn(Optional.empty());
    }

    @Test
    void tagsAndPriorityGoToTheTicketTheRequestCameFromAndAreEnteredInTheLedger() {
        List<ActionResult> results = executor.execute(REQUEST, List.of(
                ProposedAction.tag(null, List.of("ai_processed", "ai_bug")), ProposedAction.setPriority(null, "high")),
                FROM_ZENDESK);

        verify(zendesk).addTags("4711", List.of("ai_processed", "ai_bug"));
        verify(zendesk).setPriority("4711", "high");
        assertThat(results).extracting(ActionResult::status).containsExactly("DONE", "DONE");
        verify(ledger).begin(anyString(), eq(REQUEST), eq(0), eq("tag"), eq("zendesk https://acme.zendesk.com"),
                anyString());
        verify(ledger).record(anyString(), eq(REQUEST), eq(1), eq("set_priority"),
                eq("zendesk https://acme.zendesk.com"), eq(true), anyString(), eq(null));
    }

    @Test
    void anInternalNoteBegunEarlierAndFoundOnTheTicketByItsMarkerIsNotPostedAgain() {
        ProposedAction note = ProposedAction.internalNote(null, "AI Analysis: login fails");
        when(ledger.find(anyString())).thenReturn(Optional.of(new ActionLedger.Entry("k", REQUEST, 0,
                "internal_note", "zendesk https://acme.zendesk.com", false, null, null, false)));
        when(zendesk.hasInternalNote(eq("4711"), startsWith("ts-"))).thenReturn(true);

        List<ActionResult> results = executor.execute(REQUEST, List.of(note), FROM_ZENDESK);

        assertThat(results).extracting(ActionResult::status).containsExactly(ActionExecutor.STATUS_ALREADY_DONE);
        verify(zendesk, never()).addInternalNote(anyString(), anyString());
    }

    @Test
    void aNewInternalNoteCarriesTheRequestAndTheActionsMarker() {
        executor.execute(REQUEST, List.of(ProposedAction.internalNote(null, "AI Analysis: login fails")),
                FROM_ZENDESK);

        verify(zendesk, never()).hasInternalNote(anyString(), anyString());
        verify(zendesk).addInternalNote(eq("4711"), org.mockito.ArgumentMatchers.matches(
                "(?s)AI Analysis: login fails\n\n—\nTicketsmith request req-z · ts-[0-9a-f]{16}"));
    }

    @Test
    void aZendeskActionOnARequestFromElsewhereGoesBackToReview() {
        ActionFailedException failed = catchThrowableOfType(ActionFailedException.class, () -> executor.execute(
                REQUEST, List.of(ProposedAction.tag(null, List.of("x"))), new RequestOrigin("api", "ext-1")));

        assertThat(failed.getCause()).isInstanceOf(ActionRejectedException.class)
                .hasMessageContaining("needs a Zendesk ticket");
        verify(ledger, never()).begin(anyString(), anyString(), anyInt(), anyString(), anyString(), anyString());
        verifyNoInteractions(zendesk);
    }

    @Test
    void anIssueCreatedForAZendeskTicketIsNamedInAnInternalNoteOnIt() {
        when(jira.createIssue(any(), anyString(), anyBoolean())).thenReturn(new JiraGateway.CreatedIssue("WEB-9", true));
        when(jira.browseUrl("WEB-9")).thenReturn("https://acme.atlassian.net/browse/WEB-9");

        executor.execute(REQUEST, List.of(ProposedAction.createIssue("WEB", "Bug", "Login fails", "x", List.of(),
                null)), FROM_ZENDESK);

        verify(zendesk).addInternalNote(eq("4711"), startsWith(
                "Jira issue WEB-9 was created for this ticket: https://acme.atlassian.net/browse/WEB-9"));
    }

    @Test
    void withoutTheConnectorAZendeskActionGoesBackToReview() {
        ActionExecutor withoutZendesk = new ActionExecutor(jira, ledger, new ObjectMapper(),
                new ActionPolicy(NO_RESTRICTIONS, new JiraTextSanitizer(NO_RESTRICTIONS),
                        new PiiVault(null, new PiiProperties(false, null))), mock(ReplyDelivery.class));

        ActionFailedException failed = catchThrowableOfType(ActionFailedException.class, () -> withoutZendesk
                .execute(REQUEST, List.of(ProposedAction.setPriority(null, "low")), FROM_ZENDESK));

        assertThat(failed.getCause()).isInstanceOf(ActionRejectedException.class)
                .hasMessageContaining("Zendesk is not configured");
        verify(ledger, never()).record(anyString(), anyString(), anyInt(), anyString(), anyString(), anyBoolean(),
                anyString(), any());
    }
}
