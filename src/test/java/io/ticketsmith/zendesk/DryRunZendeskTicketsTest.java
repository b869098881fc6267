package io.ticketsmith.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.ticketsmith.jira.ActionRejectedException;

import org.junit.jupiter.api.Test;

/** The dry run writes nothing, says so, and keeps what it would have written without the texts. */
class DryRunZendeskTicketsTest {

    private final DryRunZendeskTickets dryRun = new DryRunZendeskTickets("https://acme.zendesk.com/");

    @Test
    void writesAreRecordedWithoutTheirTextAndNothingCountsAsSent() {
        dryRun.addTags("4711", List.of("ai_processed"));
        dryRun.setPriority("4711", "high");
        dryRun.addInternalNote("4711", "AI Analysis: the customer's card ends in 4242");

        assertThat(dryRun.sendsToZendesk()).isFalse();
        assertThat(dryRun.writes()).containsExactly(
                new DryRunZendeskTickets.Write("4711", "add tags [ai_processed]"),
                new DryRunZendeskTickets.Write("4711", "set priority high"),
                new DryRunZendeskTickets.Write("4711", "add an internal note (45 characters)"));
        assertThat(dryRun.hasInternalNote("4711", "ts-0123456789abcdef")).isFalse();
        assertThat(dryRun.ticketUrl("4711")).isEqualTo("https://acme.zendesk.com/agent/tickets/4711");
    }

    @Test
    void aTicketIdThatIsNoNumberIsRefusedEvenInADryRun() {
        assertThatThrownBy(() -> dryRun.addTags("../users/1", List.of("x")))
                .isInstanceOf(ActionRejectedException.class).hasMessage("Not a Zendesk ticket id: ../users/1");
    }
}
