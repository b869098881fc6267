package io.ticketsmith.safety;

import java.util.Locale;

/**
 * The kinds of personal data the redactor replaces, in the order in which they are looked for. The order
 * matters: a secret's value may look like an e-mail address or a number, and card numbers and IBANs consist of
 * digit groups that the looser phone number rule would otherwise claim first.
 */
enum PiiType {

    SECRET, EMAIL, IBAN, CARD, SSN, IP, PHONE, NAME;

    /**
     * The form under which two mentions count as the same value, so "4111 1111 1111 1111" and
     * "4111-1111-1111-1111" share one placeholder.
     */
    String sameValueKey(String value) {
        return switch (this) {
            case EMAIL, IP -> value.toLowerCase(Locale.ROOT);
            case IBAN -> value.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
            case CARD, SSN -> value.replaceAll("\\D", "");
            case PHONE -> value.replaceAll("[^0-9+]", "");
            case SECRET, NAME -> value;
        };
    }
}
