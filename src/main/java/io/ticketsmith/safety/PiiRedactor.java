package io.ticketsmith.safety;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Replaces personal data in a request with numbered placeholders ({@code [EMAIL_1]}, {@code [PHONE_1]}, ...)
 * before the text is stored or sent to an LLM. The same value gets the same placeholder within one text, so
 * the LLM can still tell that two mentions are the same person.
 */
@Component
public class PiiRedactor {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b");
    private static final Pattern CARD = Pattern.compile("\\b(?:[0-9][ -]?){12,18}[0-9]\\b");
    // Not next to a colon, so "2026-11-22 10:30" stays a date and a time; an area code may open with "(".
    private static final Pattern PHONE = Pattern.compile("(?<![\\w:(-])(?:\\+|\\()?[0-9][0-9 ()/.-]{6,}[0-9](?![\\w:-])");

    public Redaction redact(String text) {
        if (text == null || text.isEmpty()) {
            return new Redaction(text == null ? "" : text, Map.of());
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        String result = replace(text, EMAIL, "EMAIL", counts, value -> true);
        result = replace(result, IBAN, "IBAN", counts, value -> true);
        result = replace(result, CARD, "CARD", counts, PiiRedactor::passesLuhn);
        result = replace(result, PHONE, "PHONE", counts, PiiRedactor::looksLikePhoneNumber);
        return new Redaction(result, Map.copyOf(counts));
    }

    private static String replace(String text, Pattern pattern, String kind, Map<String, Integer> counts,
            java.util.function.Predicate<String> accept) {
        Map<String, String> placeholders = new LinkedHashMap<>();
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = matcher.group();
            if (!accept.test(value)) {
                continue;
            }
            String placeholder = placeholders.computeIfAbsent(value,
                    v -> "[" + kind + "_" + (placeholders.size() + 1) + "]");
            matcher.appendReplacement(out, Matcher.quoteReplacement(placeholder));
        }
        matcher.appendTail(out);
        if (!placeholders.isEmpty()) {
            counts.merge(kind, placeholders.size(), Integer::sum);
        }
        return out.toString();
    }

    private static boolean passesLuhn(String candidate) {
        String digits = candidate.replaceAll("[^0-9]", "");
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** Dates, versions and issue numbers also look like digit runs; a phone number has at least 8 digits. */
    private static boolean looksLikePhoneNumber(String candidate) {
        String digits = candidate.replaceAll("[^0-9]", "");
        boolean dateLike = candidate.matches("\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}");
        return digits.length() >= 8 && digits.length() <= 15 && !dateLike;
    }

    /**
     * The redacted text and how many distinct values of each kind were replaced.
     *
     * @param text   the text with placeholders
     * @param counts kind (EMAIL, PHONE, CARD, IBAN) to number of distinct values replaced
     */
    public record Redaction(String text, Map<String, Integer> counts) {

        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
