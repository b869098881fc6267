package io.ticketsmith.reply.delivery;

import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.jira.RequestOrigin;

/**
 * Which way a reply goes: back the way the request came. A reply naming an issue, or answering a request that came
 * from Jira, is a comment on that issue; a request from Zendesk is a public reply on its ticket, or a draft where the
 * Zendesk connector is not configured; every other reply is an e-mail to its address.
 */
final class ReplyChannels {

    /** The sources of the Jira and Zendesk connectors, as {@code HandleRequestProcess.Sources} names them. */
    static final String FROM_JIRA = "jira";
    static final String FROM_ZENDESK = "zendesk";

    private final boolean zendeskConnected;

    /** Without the Zendesk connector: replies to Zendesk requests stay drafts. */
    ReplyChannels() {
        this(false);
    }

    ReplyChannels(boolean zendeskConnected) {
        this.zendeskConnected = zendeskConnected;
    }

    /**
     * @param issueKey the issue a {@link ReplyChannel#JIRA_COMMENT} goes to, the ticket a
     *                 {@link ReplyChannel#ZENDESK_REPLY} goes to, otherwise null
     */
    record Choice(ReplyChannel channel, String issueKey) {
    }

    Choice choose(ProposedAction reply, RequestOrigin origin) {
        // An issue the reviewer (or the model) named is the one meant, whatever the request's source.
        if (hasText(reply.issueKey())) {
            return new Choice(ReplyChannel.JIRA_COMMENT, reply.issueKey().trim());
        }
        if (FROM_JIRA.equals(origin.source()) && hasText(origin.externalId())) {
            return new Choice(ReplyChannel.JIRA_COMMENT, origin.externalId().trim());
        }
        if (FROM_ZENDESK.equals(origin.source())) {
            return zendeskConnected && hasText(origin.externalId())
                    ? new Choice(ReplyChannel.ZENDESK_REPLY, origin.externalId().trim())
                    : new Choice(ReplyChannel.DRAFT, null);
        }
        return new Choice(ReplyChannel.EMAIL, null);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
