package io.ticketsmith.reply;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A phrase a process owner does not want in replies (a row of {@code dmn/reply-rules.dmn}): matched as words,
 * whatever the case, never as a pattern, so a table row cannot slow the check down.
 *
 * @param phrase the words, e.g. "refund" or "by tomorrow"
 * @param reason why, shown to the reviewer
 * @param block  whether a reply with it cannot be sent (true) or only warns the reviewer (false)
 */
public record ForbiddenPhrase(String phrase, String reason, boolean block) {

    /** Whether the text holds the phrase as whole words; runs of spaces in the phrase match any whitespace. */
    boolean foundIn(String text) {
        String trimmed = phrase == null ? "" : phrase.strip();
        if (trimmed.isEmpty() || text == null) {
            return false;
        }
        String words = String.join("\\s+", java.util.Arrays.stream(trimmed.toLowerCase(Locale.ROOT).split("\\s+"))
                .map(Pattern::quote).toList());
        return Pattern.compile("(?<![\\p{L}\\d])" + words + "(?![\\p{L}\\d])", Pattern.UNICODE_CASE)
                .matcher(text.toLowerCase(Locale.ROOT)).find();
    }
}
