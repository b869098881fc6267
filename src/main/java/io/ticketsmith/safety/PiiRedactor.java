package io.ticketsmith.safety;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Replaces personal data in a request with numbered placeholders ({@code [EMAIL_1]}, {@code [PHONE_1]}, ...)
 * before the text is stored, logged or sent to an LLM. The same value gets the same placeholder within one text,
 * so the LLM can still tell that two mentions are the same person.
 *
 * <p>Kinds: EMAIL, PHONE, CARD (Luhn), IBAN (ISO 13616), SSN (US, issued ranges), IP (v4 and v6; a dotted
 * quad right after "v", "version", "build", "upgraded to" and the like is a version, see {@link PiiAddressFinder}),
 * SECRET (only the value of {@code password=...}, so the text keeps saying what it was) and NAME (only where a
 * title, introduction, salutation, sign-off or a known first name makes it certain). They are looked for in the
 * order of {@link PiiType}, and a later kind never claims text an earlier one already took. Placeholders already
 * in the text stay as they are, so redacting twice changes nothing.
 */
@Component
public class PiiRedactor {

    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\[(?:EMAIL|PHONE|CARD|IBAN|SSN|IP|SECRET|NAME)_\\d+]");
    private static final int SHORTEST_NAME_PART = 3;
    /** A request's text and its reporter, and the joint text they were redacted in, with room to spare. */
    private static final int REMEMBERED_OUTPUTS = 4;

    /** The last texts {@link #redact} and {@link #redactWithReporter} returned on each thread, newest first. */
    private final ThreadLocal<String[]> lastOutputs = ThreadLocal.withInitial(() -> new String[REMEMBERED_OUTPUTS]);

    public Redaction redact(String text) {
        Redaction redaction = redactText(text);
        remember(redaction.text());
        return redaction;
    }

    /**
     * Whether this very text, the same object and not just an equal one, is one of the last few this redactor
     * returned on the calling thread, so it needs no second look: the history of the variable the redaction step
     * has just set is written without redacting it again. A copy of such a text, or any other, is not.
     */
    public boolean returnedJustNow(String text) {
        if (text == null) {
            return false;
        }
        for (String output : lastOutputs.get()) {
            if (output == text) {
                return true;
            }
        }
        return false;
    }

    private void remember(String output) {
        String[] outputs = lastOutputs.get();
        System.arraycopy(outputs, 0, outputs, 1, outputs.length - 1);
        outputs[0] = output;
    }

    private Redaction redactText(String text) {
        if (text == null || text.isEmpty()) {
            return new Redaction(text == null ? "" : text, Map.of(), Map.of());
        }
        Map<PiiType, Map<String, String>> placeholders = new EnumMap<>(PiiType.class);
        Map<String, String> originals = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (Finding finding : findings(text)) {
            Map<String, String> ofType = placeholders.computeIfAbsent(finding.type(), type -> new HashMap<>());
            String placeholder = ofType.computeIfAbsent(finding.type().sameValueKey(finding.value()),
                    value -> "[" + finding.type() + "_" + (ofType.size() + 1) + "]");
            originals.putIfAbsent(placeholder, finding.value());
            out.append(text, copied, finding.start()).append(placeholder);
            copied = finding.end();
        }
        out.append(text, copied, text.length());
        Map<String, Integer> counts = new LinkedHashMap<>();
        placeholders.forEach((type, values) -> counts.put(type.name(), values.size()));
        return new Redaction(out.toString(), Map.copyOf(counts), Map.copyOf(originals));
    }

    /** Between a request's text and its reporter while they are redacted together; never part of a finding. */
    private static final String REPORTER_SEPARATOR = "\n\n\u0000\n\n";
    private static final Pattern SINGLE_PLACEHOLDER = Pattern.compile("\\[[A-Z]+_\\d+]");

    /**
     * A request's text and its reporter, redacted together, so one person has one placeholder in both (an address
     * in the reporter and in the text is the same {@code [EMAIL_1]}). A reporter names a person by definition, so
     * when the finders do not recognise it whole (a bare name such as "ann"), it becomes a {@code [NAME_n]} of its
     * own; the originals of both are in the result, for the vault.
     */
    public WithReporter redactWithReporter(String text, String reporter) {
        String cleanReporter = reporter == null ? "" : reporter.replace("\u0000", "").strip();
        if (cleanReporter.isEmpty()) {
            return new WithReporter(redact(text), null);
        }
        Redaction joint = redact((text == null ? "" : text) + REPORTER_SEPARATOR + cleanReporter);
        int split = joint.text().lastIndexOf(REPORTER_SEPARATOR);
        String redactedText = joint.text().substring(0, split);
        String redactedReporter = joint.text().substring(split + REPORTER_SEPARATOR.length()).strip();
        Map<String, Integer> counts = new LinkedHashMap<>(joint.counts());
        Map<String, String> originals = new LinkedHashMap<>(joint.originals());
        if (!SINGLE_PLACEHOLDER.matcher(redactedReporter).matches()) {
            String placeholder = originals.entrySet().stream()
                    .filter(entry -> entry.getValue().equals(cleanReporter)).map(Map.Entry::getKey).findFirst()
                    .orElse(null);
            if (placeholder == null) {
                int number = counts.getOrDefault(PiiType.NAME.name(), 0) + 1;
                placeholder = "[" + PiiType.NAME + "_" + number + "]";
                counts.put(PiiType.NAME.name(), number);
                originals.put(placeholder, cleanReporter);
            }
            redactedReporter = placeholder;
        }
        remember(redactedText);
        remember(redactedReporter);
        return new WithReporter(new Redaction(redactedText, Map.copyOf(counts), Map.copyOf(originals)),
                redactedReporter);
    }

    /** @param reporter the reporter's placeholder, or null when the request names none */
    public record WithReporter(Redaction redaction, String reporter) {
    }

    /** Everything {@link #redact} replaces, in the order of the text, without overlaps. */
    List<Finding> findings(String text) {
        Claims claims = new Claims(text.length());
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            claims.claim(placeholder.start(), placeholder.end());
        }
        List<Finding> accepted = new ArrayList<>();
        for (PiiType type : PiiType.values()) {
            for (Finding finding : candidates(type, text)) {
                if (claims.isFree(finding.start(), finding.end())) {
                    claims.claim(finding.start(), finding.end());
                    accepted.add(finding);
                }
            }
        }
        for (Finding mention : otherMentionsOfNames(text, accepted)) {
            if (claims.isFree(mention.start(), mention.end())) {
                claims.claim(mention.start(), mention.end());
                accepted.add(mention);
            }
        }
        accepted.sort(Comparator.comparingInt(Finding::start));
        return accepted;
    }

    private static List<Finding> candidates(PiiType type, String text) {
        return switch (type) {
            case SECRET -> PiiSecretFinder.find(text);
            case EMAIL -> PiiAddressFinder.emails(text);
            case IBAN -> PiiNumberFinder.ibans(text);
            case CARD -> PiiNumberFinder.cards(text);
            case SSN -> PiiNumberFinder.socialSecurityNumbers(text);
            case IP -> PiiAddressFinder.ipAddresses(text);
            case PHONE -> PiiNumberFinder.phoneNumbers(text);
            case NAME -> PiiNameFinder.find(text);
        };
    }

    /**
     * A name found once with certainty is a name everywhere in the text: "Regards, Anna Weber" also covers "Anna
     * Weber called" and "Weber" further up. First names that are also words ("Max") are not spread.
     */
    private static List<Finding> otherMentionsOfNames(String text, List<Finding> accepted) {
        Set<String> names = new LinkedHashSet<>();
        for (Finding finding : accepted) {
            if (finding.type() != PiiType.NAME) {
                continue;
            }
            names.add(finding.value());
            String[] parts = finding.value().split("[ \\t]+");
            if (parts.length > 1) {
                for (String part : parts) {
                    if (part.length() >= SHORTEST_NAME_PART && Character.isUpperCase(part.charAt(0))
                            && PiiNameDictionary.canBeSurname(part)
                            && (PiiNameDictionary.isUnambiguousFirstName(part)
                                    || !PiiNameDictionary.isFirstName(part))) {
                        names.add(part);
                    }
                }
            }
        }
        List<Finding> mentions = new ArrayList<>();
        for (String name : names) {
            Matcher matcher = Pattern.compile("(?<![\\p{L}\\d_])" + Pattern.quote(name) + "(?![\\p{L}\\d_])")
                    .matcher(text);
            while (matcher.find()) {
                mentions.add(new Finding(PiiType.NAME, matcher.start(), matcher.end(), name));
            }
        }
        return mentions;
    }

    /**
     * One piece of personal data: its kind, where it is in the text (end exclusive) and the text it replaces.
     */
    record Finding(PiiType type, int start, int end, String value) {
    }

    /** Which characters of the text already belong to a finding. */
    private static final class Claims {

        private final BitSet taken;

        Claims(int length) {
            taken = new BitSet(length);
        }

        boolean isFree(int start, int end) {
            int next = taken.nextSetBit(start);
            return start < end && (next < 0 || next >= end);
        }

        void claim(int start, int end) {
            taken.set(start, end);
        }
    }

    /**
     * The redacted text and how many distinct values of each kind were replaced.
     *
     * @param text      the text with placeholders
     * @param counts    kind (EMAIL, PHONE, CARD, IBAN, SSN, IP, SECRET, NAME) to number of distinct values replaced
     * @param originals placeholder to the value it replaced; kept only in the PII vault, and only when configured
     */
    public record Redaction(String text, Map<String, Integer> counts, Map<String, String> originals) {

        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Never the original values: a redaction may end up in a log line. */
        @Override
        public String toString() {
            return "Redaction[text=" + text + ", counts=" + counts + "]";
        }
    }
}
