package io.ticketsmith.analysis;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first sentence of a request, as the short line a reviewer reads first and a new issue is titled with. A
 * sentence ends at . ! or ? followed by a space or the end of the line. A full stop does not end it after a
 * known abbreviation ("e.g.", "z.B."), an initial ("Dana J. Smith"), a German ordinal date ("am 14. März") or
 * when the next word starts in lower case; "v1.2", "3.50" and "14:00" have no space after the dot and never end
 * one. Only the first non-blank line is read, because e-mails and Jira issues put the subject there.
 */
final class FirstSentence {

    static final String EMPTY = "(empty request)";

    private static final Pattern END = Pattern.compile("[.!?]+(?=\\s|$)");
    private static final Pattern INITIAL = Pattern.compile("\\p{Lu}\\.");
    private static final Pattern ORDINAL = Pattern.compile("\\d{1,2}\\.");
    private static final Set<String> ABBREVIATIONS = Set.of("e.g.", "i.e.", "etc.", "vs.", "approx.", "incl.",
            "esp.", "cf.", "no.", "nr.", "mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "z.b.", "d.h.", "u.a.", "bzw.",
            "ca.", "inkl.", "ggf.", "evtl.", "bspw.", "vgl.", "sog.", "usw.");
    private static final Set<String> MONTHS = Set.of("januar", "jänner", "februar", "märz", "april", "mai", "juni",
            "juli", "august", "september", "oktober", "november", "dezember", "jan", "feb", "mär", "apr", "jun",
            "jul", "aug", "sep", "sept", "okt", "nov", "dez");

    private FirstSentence() {
    }

    /**
     * @param text      the request text
     * @param maxLength the longest result; a longer sentence is cut at a word boundary and ends with "…"
     */
    static String of(String text, int maxLength) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        String line = text.strip().lines().findFirst().orElse("").strip();
        return abbreviate(sentence(line), maxLength);
    }

    private static String sentence(String line) {
        Matcher end = END.matcher(line);
        while (end.find()) {
            if (endsSentence(line, end)) {
                return line.substring(0, end.end());
            }
        }
        return line;
    }

    private static boolean endsSentence(String line, Matcher end) {
        if (end.group().contains("!") || end.group().contains("?")) {
            return true;
        }
        String next = nextWord(line, end.end());
        if (next.isEmpty()) {
            return true;
        }
        if (Character.isLowerCase(next.codePointAt(0))) {
            return false;
        }
        String token = tokenBefore(line, end.start()) + end.group();
        String lower = token.toLowerCase(Locale.ROOT);
        return !ABBREVIATIONS.contains(lower)
                && !INITIAL.matcher(token).matches()
                && !(ORDINAL.matcher(token).matches() && MONTHS.contains(next.toLowerCase(Locale.ROOT)));
    }

    private static String tokenBefore(String line, int position) {
        int start = position;
        while (start > 0 && !Character.isWhitespace(line.charAt(start - 1))) {
            start--;
        }
        return line.substring(start, position).replaceFirst("^[(\"'„“‘«]+", "");
    }

    private static String nextWord(String line, int position) {
        String rest = line.substring(position).stripLeading();
        int end = 0;
        while (end < rest.length() && Character.isLetterOrDigit(rest.charAt(end))) {
            end++;
        }
        return end == 0 && !rest.isEmpty() ? rest.substring(0, 1) : rest.substring(0, end);
    }

    private static String abbreviate(String sentence, int maxLength) {
        if (sentence.length() <= maxLength) {
            return sentence;
        }
        String cut = sentence.substring(0, maxLength - 1);
        int space = cut.lastIndexOf(' ');
        // A cut at a word boundary reads better, unless it would throw away most of the line (one long URL or word).
        if (space > maxLength / 2) {
            cut = cut.substring(0, space);
        }
        return cut.replaceFirst("[\\s,;:–-]+$", "") + "…";
    }
}
