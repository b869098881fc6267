package io.ticketsmith.reply.delivery;

import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.jira.ActionExecutor;
import io.ticketsmith.jira.ReplyDelivery;
import io.ticketsmith.jira.RequestOrigin;

/** Each approved reply by the channel {@link ReplyChannels} chooses for it. */
final class ReplyDeliveries implements ReplyDelivery {

    static final String DRAFT_GATEWAY = "draft";

    private final ReplyChannels channels;
    private final JiraReplyDelivery jira;
    private final MailReplyDelivery mail;
    private final ZendeskReplyDelivery zendesk;

    ReplyDeliveries(ReplyChannels channels, JiraReplyDelivery jira, MailReplyDelivery mail) {
        this(channels, jira, mail, null);
    }

    /** @param zendesk null without the Zendesk connector, whose requests' replies then stay drafts */
    ReplyDeliveries(ReplyChannels channels, JiraReplyDelivery jira, MailReplyDelivery mail,
            ZendeskReplyDelivery zendesk) {
        this.channels = channels;
        this.jira = jira;
        this.mail = mail;
        this.zendesk = zendesk;
    }

    @Override
    public Route route(ProposedAction reply, RequestOrigin origin) {
        ReplyChannels.Choice choice = channels.choose(reply, origin);
        return switch (choice.channel()) {
            case JIRA_COMMENT -> jira.route(choice.issueKey());
            case EMAIL -> mail.route(reply);
            case ZENDESK_REPLY -> {
                if (zendesk == null) {
                    yield ZENDESK_DRAFT;
                }
                yield zendesk.route(choice.issueKey());
            }
            case DRAFT -> ZENDESK_DRAFT;
        };
    }

    /** A Zendesk request's reply without the Zendesk connector: kept in the ledger for a person to send. */
    private static final Route ZENDESK_DRAFT = new Route() {

        @Override
        public String gateway() {
            return DRAFT_GATEWAY;
        }

        @Override
        public String issueKey() {
            return null;
        }

        @Override
        public boolean foundDelivered(Reply reply) {
            return false;
        }

        @Override
        public Delivered deliver(Reply reply) {
            return new Delivered(ActionExecutor.STATUS_DRAFTED, false, "not sent: the Zendesk connector is not configured; "
                    + "the reply is kept as a draft for a person to send in Zendesk");
        }
    };
}
