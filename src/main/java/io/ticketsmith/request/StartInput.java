package io.ticketsmith.request;

import java.util.Map;
import java.util.TreeSet;

import io.ticketsmith.request.HandleRequestProcess.Variables;

/**
 * What a new request's start values must be for the product to store and use them, checked at every door (the
 * API, the Jira webhook and batch, the engine start): text that has something visible in it; no control characters
 * (a NUL byte fails PostgreSQL's text columns, a line break in a reporter or an id forges log lines); reporter and
 * external id within their 255-character columns, source one of the known few. Each refusal names the field.
 */
public final class StartInput {

    /** Longest reporter and external id ({@code ts_request}'s columns). */
    public static final int MAX_ID_LENGTH = 255;

    private StartInput() {
    }

    /** @return why the values are refused, or null when they may start a request */
    public static String refusal(String text, String source, String reporter, String externalId) {
        if (text == null || !hasVisibleCharacter(text)) {
            return "'" + Variables.REQUEST_TEXT.name() + "' is required and must have visible characters";
        }
        if (hasControlCharacter(text, true)) {
            return "'" + Variables.REQUEST_TEXT.name() + "' contains control characters (such as NUL); only tabs and "
                    + "line breaks are allowed";
        }
        if (source != null && !HandleRequestProcess.Sources.ALL.contains(source)) {
            return "'source' must be one of " + new TreeSet<>(HandleRequestProcess.Sources.SUBMITTABLE);
        }
        String refused = refusalOfLine(Variables.REPORTER.name(), reporter);
        return refused != null ? refused : refusalOfLine(Variables.EXTERNAL_ID.name(), externalId);
    }

    /**
     * The same for the variables of an engine start, which may also be of the wrong type.
     *
     * @param values the start variables' values (typed values already unwrapped)
     */
    public static String refusal(Map<String, Object> values) {
        for (String name : new String[] {Variables.REQUEST_TEXT.name(), Variables.SOURCE.name(),
                Variables.REPORTER.name(), Variables.EXTERNAL_ID.name(), Variables.REPLY_TONE.name()}) {
            Object value = values.get(name);
            if (value != null && !(value instanceof String)) {
                return "'" + name + "' must be a string";
            }
        }
        String tone = refusalOfTone((String) values.get(Variables.REPLY_TONE.name()));
        if (tone != null) {
            return tone;
        }
        return refusal((String) values.get(Variables.REQUEST_TEXT.name()), (String) values.get(Variables.SOURCE.name()),
                (String) values.get(Variables.REPORTER.name()), (String) values.get(Variables.EXTERNAL_ID.name()));
    }

    /** @return why a reply tone is refused, or null when it is none or a known one */
    public static String refusalOfTone(String tone) {
        if (tone == null || tone.isBlank() || io.ticketsmith.reply.ReplyTone.of(tone).isPresent()) {
            return null;
        }
        return "'" + Variables.REPLY_TONE.name() + "' must be one of " + io.ticketsmith.reply.ReplyTone.names();
    }

    private static String refusalOfLine(String name, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_ID_LENGTH) {
            return "'" + name + "' has " + value.length() + " characters; at most " + MAX_ID_LENGTH + " are allowed";
        }
        if (hasControlCharacter(value, false)) {
            return "'" + name + "' contains control characters or line breaks";
        }
        return null;
    }

    static boolean hasVisibleCharacter(String text) {
        return text.codePoints().anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && Character.getType(c) != Character.FORMAT && Character.getType(c) != Character.CONTROL
                && c != 0x034F && c != 0x115F && c != 0x1160 && c != 0x3164 && c != 0xFFA0 && c != 0x2800);
    }

    private static boolean hasControlCharacter(String text, boolean lineBreaksAllowed) {
        return text.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                && !(lineBreaksAllowed && (c == '\t' || c == '\n' || c == '\r')));
    }
}
