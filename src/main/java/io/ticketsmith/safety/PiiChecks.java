package io.ticketsmith.safety;

import java.math.BigInteger;
import java.util.Map;

/**
 * Check digits and number ranges that tell a real card number, IBAN, SSN or IP address from a number that
 * merely has the same shape, such as an order number, a reference or a version.
 */
final class PiiChecks {

    /** IBAN length per country, from the SWIFT IBAN registry (ISO 13616). */
    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20),
            Map.entry("AZ", 28), Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22),
            Map.entry("BH", 22), Map.entry("BI", 27), Map.entry("BR", 29), Map.entry("BY", 28),
            Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
            Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
            Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18),
            Map.entry("FK", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
            Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27),
            Map.entry("GT", 28), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22),
            Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26), Map.entry("IT", 27),
            Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28),
            Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20),
            Map.entry("LV", 21), Map.entry("LY", 25), Map.entry("MC", 27), Map.entry("MD", 24),
            Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20), Map.entry("MR", 27),
            Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28), Map.entry("NL", 18),
            Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24), Map.entry("PL", 28),
            Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24),
            Map.entry("RS", 22), Map.entry("RU", 33), Map.entry("SA", 24), Map.entry("SC", 31),
            Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24),
            Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25), Map.entry("SV", 28),
            Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29),
            Map.entry("VA", 22), Map.entry("VG", 24), Map.entry("XK", 20), Map.entry("YE", 30));

    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private PiiChecks() {
    }

    /** The IBAN length for a country code, or 0 where the country issues no IBANs. */
    static int ibanLength(String countryCode) {
        return IBAN_LENGTHS.getOrDefault(countryCode, 0);
    }

    /** Luhn (mod 10) check digit over the digits of a card number; separators are ignored. */
    static boolean passesLuhn(CharSequence candidate) {
        int sum = 0;
        int count = 0;
        boolean doubled = false;
        for (int i = candidate.length() - 1; i >= 0; i--) {
            char c = candidate.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int digit = c - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
            count++;
        }
        return count > 0 && sum % 10 == 0;
    }

    /**
     * ISO 13616 check: the country's length, then the country code and check digits moved to the end, letters
     * as 10..35, and the whole number modulo 97 must be 1.
     *
     * @param iban the IBAN without spaces, upper case
     */
    static boolean isValidIban(String iban) {
        if (iban.length() < 5 || ibanLength(iban.substring(0, 2)) != iban.length()) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (char c : rearranged.toCharArray()) {
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                digits.append(c - 'A' + 10);
            } else {
                return false;
            }
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }

    /**
     * Whether the three parts of a US social security number can have been issued: no area 000, 666 or
     * 900-999, no group 00 and no serial 0000.
     */
    static boolean isValidSsn(String area, String group, String serial) {
        return !area.equals("000") && !area.equals("666") && area.charAt(0) != '9'
                && !group.equals("00") && !serial.equals("0000");
    }

    /**
     * Whether an IPv6 candidate (hex groups and colons, possibly with one trailing colon from the sentence) is
     * a full or compressed address. It has to contain a digit, so "Cafe::add" in a stack trace is no address.
     */
    static boolean isIpv6(String candidate) {
        int doubleColon = candidate.indexOf("::");
        if (doubleColon != candidate.lastIndexOf("::") || candidate.contains(":::")
                || candidate.chars().noneMatch(Character::isDigit)) {
            return false;
        }
        String body = candidate;
        if (doubleColon >= 0) {
            body = candidate.substring(0, doubleColon) + ":x:" + candidate.substring(doubleColon + 2);
            body = body.replaceAll("^:|:$", "");
        }
        String[] groups = body.split(":", -1);
        int hexGroups = 0;
        for (String group : groups) {
            if (group.equals("x")) {
                continue;
            }
            if (group.isEmpty() || group.length() > 4 || !group.matches("[0-9A-Fa-f]+")) {
                return false;
            }
            hexGroups++;
        }
        return doubleColon >= 0 ? hexGroups <= 7 : hexGroups == 8;
    }
}
