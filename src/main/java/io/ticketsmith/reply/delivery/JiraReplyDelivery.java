package io.ticketsmith.reply.delivery;

import io.ticketsmith.jira.ActionExecutor;
import io.ticketsmith.jira.JiraGateway;
import io.ticketsmith.jira.ReplyDelivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies as comments on a Jira issue, as {@code ticketsmith.reply.jira-visibility} says.
 *
 * <p>Internal (the default): a comment only the team sees, with the request's trace line and the action's marker
 * like every comment the product writes, so a retry finds it by the marker. Public: a comment the customer of a Jira
 * Service Management request sees and is notified of, with nothing but the reply's text; a retry that finds the
 * reply begun reads the request's public comments and takes one with exactly this text for the reply.
 */
final class JiraReplyDelivery {

    private static final Logger log = LoggerFactory.getLogger(JiraReplyDelivery.class);

    private final JiraGateway jira;
    private final ReplyDeliveryProperties.JiraVisibility visibility;

    JiraReplyDelivery(JiraGateway jira, ReplyDeliveryProperties.JiraVisibility visibility) {
        this.jira = jira;
        this.visibility = visibility;
    }

    ReplyDelivery.Route route(String issueKey) {
        return visibility == ReplyDeliveryProperties.JiraVisibility.PUBLIC ? new PublicComment(issueKey)
                : new InternalComment(issueKey);
    }

    /** The text of an internal reply: the reply, then the trace line and marker every product comment ends with. */
    static String internalText(ReplyDelivery.Reply reply) {
        return reply.action().body() + "\n\n—\nTicketsmith request " + reply.requestId() + " · " + reply.marker();
    }

    private ReplyDelivery.Delivered delivered(String requestId, String issueKey, String what) {
        if (!jira.sendsToJira()) {
            return new ReplyDelivery.Delivered(ActionExecutor.STATUS_RECORDED, false, "recorded, not sent: would be "
                    + what + " on " + issueKey);
        }
        log.info("Request {}: reply posted as {} on {}", requestId, what, issueKey);
        return new ReplyDelivery.Delivered(ActionExecutor.STATUS_DONE, true, what + " on " + issueKey);
    }

    private abstract class Comment implements ReplyDelivery.Route {

        final String issueKey;

        Comment(String issueKey) {
            this.issueKey = issueKey;
        }

        @Override
        public String gateway() {
            return jira.name();
        }

        @Override
        public String issueKey() {
            return issueKey;
        }
    }

    private final class InternalComment extends Comment {

        InternalComment(String issueKey) {
            super(issueKey);
        }

        @Override
        public boolean foundDelivered(ReplyDelivery.Reply reply) {
            return jira.sendsToJira() && jira.hasComment(issueKey, reply.marker());
        }

        @Override
        public ReplyDelivery.Delivered deliver(ReplyDelivery.Reply reply) {
            jira.addInternalComment(issueKey, internalText(reply));
            return delivered(reply.requestId(), issueKey, "internal comment");
        }
    }

    private final class PublicComment extends Comment {

        PublicComment(String issueKey) {
            super(issueKey);
        }

        @Override
        public boolean foundDelivered(ReplyDelivery.Reply reply) {
            return jira.sendsToJira() && jira.hasPublicComment(issueKey, reply.action().body());
        }

        @Override
        public ReplyDelivery.Delivered deliver(ReplyDelivery.Reply reply) {
            jira.addPublicComment(issueKey, reply.action().body());
            return delivered(reply.requestId(), issueKey, "public comment");
        }
    }
}
