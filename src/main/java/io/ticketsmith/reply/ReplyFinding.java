package io.ticketsmith.reply;

/**
 * Something the reply check found in a draft reply, for the reviewer.
 *
 * @param reply    the action's position among the request's actions, from 1
 * @param code     what kind of finding ({@code TEMPLATE_GAP}, {@code FORBIDDEN_PHRASE}, …; see {@link ReplyValidator})
 * @param message  what is wrong, in words for the reviewer; never the personal data itself
 * @param blocking whether the reply cannot be sent until it is mended; otherwise the reviewer decides
 */
public record ReplyFinding(int reply, String code, String message, boolean blocking) {

    /** "Reply 2: … (must be fixed before it is sent)" */
    public String describe() {
        return (reply > 0 ? "Reply " + reply : "Replies") + ": " + message + (blocking ? " (must be fixed before it is sent)" : "");
    }
}
