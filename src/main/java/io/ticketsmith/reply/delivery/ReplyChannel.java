package io.ticketsmith.reply.delivery;

/** The ways a reply can go to the person who asked. */
enum ReplyChannel {
    /** A comment on the Jira issue: the request's own, or the one the reply names. */
    JIRA_COMMENT,
    /** A public comment on the Zendesk ticket the request came from. */
    ZENDESK_REPLY,
    /** An e-mail to the reply's address. */
    EMAIL,
    /** Nowhere yet: kept as a draft for a person to send, because the Zendesk connector is not configured. */
    DRAFT
}
