package io.ticketsmith.reply.delivery;

import io.ticketsmith.jira.ActionExecutor;
import io.ticketsmith.jira.ReplyDelivery;
import io.ticketsmith.jira.ZendeskTickets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies to a request from Zendesk as a public comment on its ticket: the requester sees it and is notified, so it
 * carries nothing but the reply's text. A retry that finds the reply begun reads the ticket's public comments and takes
 * one with exactly this text for the reply.
 */
final class ZendeskReplyDelivery {

    private static final Logger log = LoggerFactory.getLogger(ZendeskReplyDelivery.class);

    private final ZendeskTickets zendesk;

    ZendeskReplyDelivery(ZendeskTickets zendesk) {
        this.zendesk = zendesk;
    }

    ReplyDelivery.Route route(String ticketId) {
        return new ReplyDelivery.Route() {

            @Override
            public String gateway() {
                return zendesk.name();
            }

            @Override
            public String issueKey() {
                return null;
            }

            @Override
            public boolean foundDelivered(ReplyDelivery.Reply reply) {
                return zendesk.sendsToZendesk() && zendesk.hasPublicReply(ticketId, reply.action().body());
            }

            @Override
            public ReplyDelivery.Delivered deliver(ReplyDelivery.Reply reply) {
                zendesk.addPublicReply(ticketId, reply.action().body());
                if (!zendesk.sendsToZendesk()) {
                    return new ReplyDelivery.Delivered(ActionExecutor.STATUS_RECORDED, false,
                            "recorded, not sent: would be a public reply on Zendesk ticket " + ticketId);
                }
                log.info("Request {}: reply posted as a public reply on Zendesk ticket {}", reply.requestId(), ticketId);
                return new ReplyDelivery.Delivered(ActionExecutor.STATUS_DONE, true,
                        "public reply on Zendesk ticket " + ticketId);
            }
        };
    }
}
