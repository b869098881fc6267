package io.ticketsmith.reply.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.jira.RequestOrigin;
import io.ticketsmith.request.HandleRequestProcess;

import org.junit.jupiter.api.Test;

/** Which way a reply goes: back the way its request came. */
class ReplyChannelsTest {

    private final ReplyChannels channels = new ReplyChannels();

    private static ProposedAction reply() {
        return ProposedAction.draftReply("anna@example.com", "Your login", "We are on it.");
    }

    private static ProposedAction replyOn(String issueKey) {
        return new ProposedAction("draft_reply", null, null, issueKey, null, null, null, null, null, null, null,
                "We are on it.", "anna@example.com", "Your login", null, null);
    }

    @Test
    void replyToARequestFromJiraIsACommentOnItsIssue() {
        var choice = channels.choose(reply(), new RequestOrigin("jira", "WEB-7"));

        assertThat(choice).isEqualTo(new ReplyChannels.Choice(ReplyChannel.JIRA_COMMENT, "WEB-7"));
    }

    @Test
    void replyNamingAnIssueIsACommentOnThatIssueWhateverTheRequestCameBy() {
        assertThat(channels.choose(replyOn("WEB-12"), new RequestOrigin("api", null)))
                .isEqualTo(new ReplyChannels.Choice(ReplyChannel.JIRA_COMMENT, "WEB-12"));
        assertThat(channels.choose(replyOn("WEB-12"), new RequestOrigin("jira", "WEB-7")))
                .isEqualTo(new ReplyChannels.Choice(ReplyChannel.JIRA_COMMENT, "WEB-12"));
        assertThat(channels.choose(replyOn(" WEB-12 "), new RequestOrigin("zendesk", "4711")))
                .isEqualTo(new ReplyChannels.Choice(ReplyChannel.JIRA_COMMENT, "WEB-12"));
    }

    @Test
    void replyToARequestFromZendeskIsAPublicReplyOnItsTicketWhenTheConnectorIsConfigured() {
        var choice = new ReplyChannels(true).choose(reply(), new RequestOrigin("zendesk", "4711"));

        assertThat(choice).isEqualTo(new ReplyChannels.Choice(ReplyChannel.ZENDESK_REPLY, "4711"));
    }

    @Test
    void replyToARequestFromZendeskIsKeptAsADraftWithoutTheConnector() {
        var choice = channels.choose(reply(), new RequestOrigin("zendesk", "4711"));

        assertThat(choice).isEqualTo(new ReplyChannels.Choice(ReplyChannel.DRAFT, null));
    }

    @Test
    void replyToAnyOtherRequestIsAnEmail() {
        for (String source : new String[] {"api", "tasklist", "email", "chat", null}) {
            assertThat(channels.choose(reply(), new RequestOrigin(source, "ext-1")).channel()).as(source)
                    .isEqualTo(ReplyChannel.EMAIL);
        }
        assertThat(channels.choose(reply(), RequestOrigin.UNKNOWN).channel()).isEqualTo(ReplyChannel.EMAIL);
    }

    @Test
    void replyToARequestFromJiraWithoutItsIssueKeyIsAnEmail() {
        assertThat(channels.choose(reply(), new RequestOrigin("jira", " ")).channel()).isEqualTo(ReplyChannel.EMAIL);
    }

    @Test
    void sourcesAreTheOnesTheProcessGivesRequests() {
        assertThat(ReplyChannels.FROM_JIRA).isEqualTo(HandleRequestProcess.Sources.JIRA);
        assertThat(ReplyChannels.FROM_ZENDESK).isEqualTo(HandleRequestProcess.Sources.ZENDESK);
    }
}
