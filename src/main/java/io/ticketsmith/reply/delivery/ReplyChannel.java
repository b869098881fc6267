package io.ticketsmith.reply.delivery;

/** The ways a reply can go to the person who asked. */
enum ReplyChannel {
    /** A comment on the Jira issue: the request's own, or the one the reply names. */
    JIRA_COMMENT,
    /** An e-mail to the reply's address. */
    EMAIL,
    /** Nowhere yet: kept as a draft for a person to send, because no connector reaches the request's source. */
    DRAFT
}
