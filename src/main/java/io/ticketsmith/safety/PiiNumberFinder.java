package io.ticketsmith.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ticketsmith.safety.PiiRedactor.Finding;

/**
 * Finds IBANs, payment card numbers, US social security numbers and phone numbers. Tickets are full of numbers
 * that have the same shape: order and invoice numbers, dates, versions, tracking numbers, build ids. So IBANs
 * must pass the ISO 13616 check, card numbers the Luhn check, SSNs the issued ranges, and a phone number needs
 * a "+", a leading trunk "0", an area code in parentheses, the US 3-3-4 grouping or a word like "phone" or
 * "Tel." before it.
 */
final class PiiNumberFinder {

    private static final Pattern IBAN_START = Pattern.compile("(?<![\\p{L}\\d])[A-Z]{2}\\d{2}(?=[ ]?[A-Z0-9])");

    /** Long numbers with a check digit of their own that may pass Luhn: device ids, book and article numbers. */
    private static final Pattern NOT_A_CARD_BEFORE = Pattern.compile("(?i)\\b(?:imei|isbn|ean|gtin|upc|iccid|meid"
            + "|serial|seriennummer|tracking|sendungsnummer)\\b[^\\n\\d]{0,12}$");

    /** The country code and check digits of an IBAN: its digit groups are no card, even if the IBAN is mistyped. */
    private static final Pattern IBAN_PREFIX_BEFORE = Pattern.compile("(?<![\\p{L}\\d])[A-Z]{2}\\d{2} ?$");

    /** Where a run of digit groups separated by single spaces or dashes starts; a card number is found among them. */
    private static final Pattern DIGIT_GROUPS_START = Pattern.compile("(?<![\\w+.,/:-])\\d");

    private static final Pattern SSN = Pattern.compile("(?<![\\w-])(\\d{3})-(\\d{2})-(\\d{4})(?![\\w-]|\\.\\d)");
    private static final Pattern SSN_AFTER_KEYWORD = Pattern.compile("(?i)\\b(?:ssn|social security(?: number| no\\.?)?"
            + "|sozialversicherungsnummer)\\b[^\\d\\n]{0,40}?(\\d{3})[ ]?(\\d{2})[ ]?(\\d{4})(?![\\w-])");

    private static final Pattern PHONE_RUN = Pattern.compile("(?:\\+|\\(\\+?)?\\d[\\d ()/.-]*\\d");
    /** Where two numbers are written one after the other: "+49 30 1234567 / 030 7654321". */
    private static final Pattern PHONE_SPLIT = Pattern.compile(" +/ +| {2,}| +- +");
    private static final Pattern DATE = Pattern.compile("\\d{1,4}([./-])\\d{1,2}\\1\\d{1,4}");
    private static final Pattern NORTH_AMERICAN = Pattern.compile(
            "(?:1[ .-]?)?\\(?[2-9]\\d{2}\\)?[ .-]?\\d{3}[ .-]\\d{4}");
    private static final Pattern PHONE_WORD = Pattern.compile("(?i)\\b(?:phone|telephone|tel|telefon|telefonnummer"
            + "|mobile|mobil|mobilnummer|handy|handynummer|cell|fax|call|called|calling|ring|reach me|reach us"
            + "|whatsapp|sms|text me|hotline|rufnummer|anrufen|ruf|rufen|erreichbar|erreichen|durchwahl|zentrale"
            + "|rückruf|direct|direkt|mob|fon)\\b");
    private static final Pattern OTHER_NUMBER_WORD = Pattern.compile("(?i)\\b(?:orders?(?: number| no\\.?| id)?"
            + "|bestellung|bestellnummer|auftrag|auftragsnummer|invoice|rechnung|rechnungsnummer|tracking|sendung"
            + "|sendungsnummer|paket|ticket|case|kundennummer|kunden-?nr|customer (?:number|no|id)"
            + "|account (?:number|no|id)|konto|kontonummer|ref|reference|referenz|id|nr|no|build|version|serial"
            + "|seriennummer|charge|batch|job|pid|port|iban|bic|blz|imei|isbn|ean|gtin|sku|item|article|artikel"
            + "|artikelnummer|tracking|policy|\\p{L}+nummer|\\p{L}+-nr)\\b");
    private static final Pattern PHONE_COLON = Pattern.compile("(?i)\\b(?:tel|phone|fax|mobile?|handy|telefon|fon"
            + "|cell)\\.?:$");
    private static final int MIN_PHONE_DIGITS = 8;
    private static final int MAX_PHONE_DIGITS = 15;
    /** How far before a number a word like "phone" or "order" still speaks about it. */
    private static final int CONTEXT = 40;

    private PiiNumberFinder() {
    }

    static List<Finding> ibans(String text) {
        List<Finding> found = new ArrayList<>();
        Matcher start = IBAN_START.matcher(text);
        while (start.find()) {
            int length = PiiChecks.ibanLength(text.substring(start.start(), start.start() + 2));
            if (length == 0) {
                continue;
            }
            StringBuilder compact = new StringBuilder();
            int i = start.start();
            while (i < text.length() && compact.length() < length) {
                char c = text.charAt(i);
                if (isUpperAlphanumeric(c)) {
                    compact.append(c);
                    i++;
                } else if (c == ' ' && compact.length() > 0 && i + 1 < text.length()
                        && isUpperAlphanumeric(text.charAt(i + 1))) {
                    i++;
                } else {
                    break;
                }
            }
            boolean ends = i == text.length() || !Character.isLetterOrDigit(text.charAt(i));
            if (compact.length() == length && ends && PiiChecks.isValidIban(compact.toString())) {
                found.add(new Finding(PiiType.IBAN, start.start(), i, text.substring(start.start(), i)));
            }
        }
        return found;
    }

    private static boolean isUpperAlphanumeric(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }

    /**
     * A card number is 13 to 19 digits with the prefix of a card scheme, written without separators, in groups of
     * four, or as Amex and Diners write it (4-6-5, 4-6-4), and passing Luhn. Groups around it ("4111 1111 1111 1111
     * 12/28") do not hide it; a device or book number ("IMEI ...") and the digits of an IBAN are none.
     */
    static List<Finding> cards(String text) {
        List<Finding> found = new ArrayList<>();
        Matcher run = DIGIT_GROUPS_START.matcher(text);
        int from = 0;
        while (from < text.length() && run.find(from)) {
            List<int[]> groups = digitGroups(text, run.start());
            int runStart = run.start();
            int runEnd = groups.get(groups.size() - 1)[1];
            from = runEnd;
            if ((runEnd < text.length() && Character.isLetter(text.charAt(runEnd)))
                    || NOT_A_CARD_BEFORE.matcher(text.substring(Math.max(0, runStart - 30), runStart)).find()
                    || IBAN_PREFIX_BEFORE.matcher(text.substring(Math.max(0, runStart - 5), runStart)).find()) {
                continue;
            }
            int first = 0;
            while (first < groups.size()) {
                int last = cardEndingAt(text, groups, first);
                if (last >= 0) {
                    int s = groups.get(first)[0];
                    int e = groups.get(last)[1];
                    found.add(new Finding(PiiType.CARD, s, e, text.substring(s, e)));
                    first = last + 1;
                } else {
                    first++;
                }
            }
        }
        return found;
    }

    /**
     * The digit groups from {@code start} on, separated by a single space or dash. Scanned by hand: a regex loop
     * over thousands of groups in a pasted dump would overflow the stack.
     */
    private static List<int[]> digitGroups(String text, int start) {
        List<int[]> groups = new ArrayList<>();
        int i = start;
        while (true) {
            int groupStart = i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            groups.add(new int[] {groupStart, i});
            boolean separatorThenDigit = i + 1 < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '-')
                    && Character.isDigit(text.charAt(i + 1));
            if (!separatorThenDigit) {
                return groups;
            }
            i++;
        }
    }

    /** The index of the last group of a card number starting at group {@code first}, or -1. */
    private static int cardEndingAt(String text, List<int[]> groups, int first) {
        for (int last = Math.min(groups.size() - 1, first + 4); last >= first; last--) {
            int[] lengths = new int[last - first + 1];
            int total = 0;
            for (int g = first; g <= last; g++) {
                lengths[g - first] = groups.get(g)[1] - groups.get(g)[0];
                total += lengths[g - first];
            }
            String value = text.substring(groups.get(first)[0], groups.get(last)[1]);
            if (total >= 13 && total <= 19 && isIssuerPrefix(value) && isCardGrouping(lengths)
                    && hasOneSeparator(value) && PiiChecks.passesLuhn(value)) {
                return last;
            }
        }
        return -1;
    }

    /**
     * Whether the number starts like a card of a scheme that issues them: Visa 4, Mastercard 51-55 and 2221-2720,
     * Amex 34/37, Diners 30/36/38/39, JCB 35, Discover, UnionPay and Maestro 50 and 56-69. Timestamps
     * (20261122...) and most other long numbers do not.
     */
    private static boolean isIssuerPrefix(String value) {
        String digits = value.replaceAll("\\D", "");
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        return digits.charAt(0) == '4' || (two >= 50 && two <= 69) || (four >= 2221 && four <= 2720)
                || two == 30 || (two >= 34 && two <= 39);
    }

    private static boolean isCardGrouping(int[] lengths) {
        if (lengths.length == 1) {
            return true;
        }
        if (lengths.length == 3 && lengths[0] == 4 && lengths[1] == 6 && (lengths[2] == 5 || lengths[2] == 4)) {
            return true;
        }
        for (int i = 0; i < lengths.length - 1; i++) {
            if (lengths[i] != 4) {
                return false;
            }
        }
        return lengths[lengths.length - 1] >= 1 && lengths[lengths.length - 1] <= 4;
    }

    private static boolean hasOneSeparator(String value) {
        return !(value.contains(" ") && value.contains("-"));
    }

    static List<Finding> socialSecurityNumbers(String text) {
        List<Finding> found = new ArrayList<>();
        for (Pattern pattern : List.of(SSN, SSN_AFTER_KEYWORD)) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                if (PiiChecks.isValidSsn(matcher.group(1), matcher.group(2), matcher.group(3))) {
                    found.add(new Finding(PiiType.SSN, matcher.start(1), matcher.end(3),
                            text.substring(matcher.start(1), matcher.end(3))));
                }
            }
        }
        return found;
    }

    static List<Finding> phoneNumbers(String text) {
        List<Finding> found = new ArrayList<>();
        Matcher run = PHONE_RUN.matcher(text);
        while (run.find()) {
            int pieceStart = run.start();
            Matcher split = PHONE_SPLIT.matcher(text).region(run.start(), run.end());
            while (split.find()) {
                // "030 / 23125456" is one number with its area code; "030 1234567 / 030 7654321" are two.
                if (digitCount(text, pieceStart, split.start()) >= MIN_PHONE_DIGITS
                        && digitCount(text, split.end(), run.end()) >= MIN_PHONE_DIGITS) {
                    addPhoneNumber(text, pieceStart, split.start(), found);
                    pieceStart = split.end();
                }
            }
            addPhoneNumber(text, pieceStart, run.end(), found);
        }
        return found;
    }

    private static void addPhoneNumber(String text, int start, int end, List<Finding> found) {
        String value = text.substring(start, end);
        // "+49 30 1234567 (Zentrale)" and "(0)": an unbalanced parenthesis at either end is not part of it.
        while (value.endsWith(")") && count(value, '(') < count(value, ')')) {
            value = value.substring(0, value.length() - 1).stripTrailing();
            end = start + value.length();
        }
        if (value.startsWith("(") && count(value, '(') > count(value, ')')) {
            value = value.substring(1).stripLeading();
            start = end - value.length();
        }
        if (!value.isEmpty() && !Character.isDigit(value.charAt(value.length() - 1))) {
            return;
        }
        if (isPhoneNumber(text, start, end, value)) {
            found.add(new Finding(PiiType.PHONE, start, end, value));
        }
    }

    private static int digitCount(String text, int start, int end) {
        int digits = 0;
        for (int i = start; i < end; i++) {
            if (Character.isDigit(text.charAt(i))) {
                digits++;
            }
        }
        return digits;
    }

    private static boolean isPhoneNumber(String text, int start, int end, String value) {
        long digits = value.chars().filter(Character::isDigit).count();
        if (digits < MIN_PHONE_DIGITS || digits > MAX_PHONE_DIGITS || count(value, '(') != count(value, ')')
                || value.matches(".*(?:[./-]{2}|[./-] [./-]|\\.[ -]|[ -]\\.).*")) {
            return false;
        }
        char before = start == 0 ? ' ' : text.charAt(start - 1);
        // "tel:+49..." and "Tel.:030..." are numbers; "10:30" and "Foo.java:1234567" are not.
        boolean afterPhoneColon = before == ':'
                && PHONE_COLON.matcher(text.substring(Math.max(0, start - CONTEXT), start)).find();
        if (Character.isLetterOrDigit(before) || ("_+#/.:-@".indexOf(before) >= 0 && !afterPhoneColon)) {
            return false;
        }
        if (end < text.length()) {
            char after = text.charAt(end);
            char next = end + 1 < text.length() ? text.charAt(end + 1) : ' ';
            if (Character.isLetterOrDigit(after) || after == '_' || after == ':'
                    || ("-./,".indexOf(after) >= 0 && Character.isDigit(next))) {
                return false;
            }
        }
        if (DATE.matcher(value).matches() || value.matches("\\d{1,2}\\.\\d{1,2}\\.\\d{2,4} \\d{1,2}")) {
            return false;
        }
        if (value.startsWith("+") || value.startsWith("(") || NORTH_AMERICAN.matcher(value).matches()) {
            return true;
        }
        // A leading trunk 0 or a bare digit run: the nearer of "phone" and "order"-like words decides.
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        String context = text.substring(Math.max(lineStart, start - CONTEXT), start);
        int phoneWord = lastMatch(PHONE_WORD, context);
        int otherWord = lastMatch(OTHER_NUMBER_WORD, context);
        if (phoneWord >= 0 || otherWord >= 0) {
            // "Telefonnummer" is both; the phone word wins a tie.
            return phoneWord >= otherWord;
        }
        return value.replaceAll("\\D", "").matches("00?[1-9].*");
    }

    private static int lastMatch(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int last = -1;
        while (matcher.find()) {
            last = matcher.start();
        }
        return last;
    }

    private static long count(String value, char c) {
        return value.chars().filter(ch -> ch == c).count();
    }
}
