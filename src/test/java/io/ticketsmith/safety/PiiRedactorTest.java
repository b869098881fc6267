package io.ticketsmith.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Personal data in request text becomes numbered placeholders; ordinary numbers in tickets stay readable. */
class PiiRedactorTest {

    private final PiiRedactor redactor = new PiiRedactor();

    private PiiRedactor.Redaction redact(String text) {
        return redactor.redact(text);
    }

    @Nested
    class Emails {

        @Test
        void emailAddressBecomesPlaceholder() {
            var redaction = redact("Please contact anna.meier@example.com about it.");

            assertThat(redaction.text()).isEqualTo("Please contact [EMAIL_1] about it.");
            assertThat(redaction.counts()).isEqualTo(Map.of("EMAIL", 1));
        }

        @Test
        void emailWithPlusAndSubdomainIsRedactedWhole() {
            var redaction = redact("From: j.doe+support@mail.acme-corp.co.uk");

            assertThat(redaction.text()).isEqualTo("From: [EMAIL_1]");
        }
    }

    @Nested
    class PhoneNumbers {

        @ParameterizedTest(name = "\"{0}\" is a phone number")
        @ValueSource(strings = {"+49 170 1234567", "0170/1234567", "+491701234567", "030-1234567"})
        void phoneNumberBecomesPlaceholder(String phone) {
            var redaction = redact("Call me at " + phone + " please.");

            assertThat(redaction.text()).isEqualTo("Call me at [PHONE_1] please.");
            assertThat(redaction.counts()).isEqualTo(Map.of("PHONE", 1));
        }

        @Test
        void phoneNumberWithAreaCodeInParenthesesIsRedactedIncludingTheParentheses() {
            var redaction = redact("Call me at (030) 123 4567 please.");

            assertThat(redaction.text()).isEqualTo("Call me at [PHONE_1] please.");
            assertThat(redaction.counts()).isEqualTo(Map.of("PHONE", 1));
        }
    }

    @Nested
    class CreditCards {

        @ParameterizedTest(name = "\"{0}\" is a card number")
        @ValueSource(strings = {
                "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "5500 0000 0000 0004"})
        void cardNumberPassingLuhnBecomesPlaceholder(String card) {
            var redaction = redact("My card " + card + " was charged twice.");

            assertThat(redaction.text()).isEqualTo("My card [CARD_1] was charged twice.");
            assertThat(redaction.counts()).isEqualTo(Map.of("CARD", 1));
        }

        @ParameterizedTest(name = "\"{0}\" fails Luhn")
        @ValueSource(strings = {"4111111111111112", "4111 1111 1111 1112", "1234-5678-9012-3456"})
        void sixteenDigitNumberFailingLuhnStays(String number) {
            String text = "Reference " + number + " in the export.";

            var redaction = redact(text);

            assertThat(redaction.text()).isEqualTo(text);
            assertThat(redaction.counts()).isEmpty();
        }
    }

    @Nested
    class Ibans {

        @ParameterizedTest(name = "\"{0}\" is an IBAN")
        @ValueSource(strings = {"DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "GB29 NWBK 6016 1331 9268 19"})
        void ibanBecomesPlaceholder(String iban) {
            var redaction = redact("Refund to " + iban + " please.");

            assertThat(redaction.text()).isEqualTo("Refund to [IBAN_1] please.");
            assertThat(redaction.counts()).isEqualTo(Map.of("IBAN", 1));
        }
    }

    @Nested
    class Placeholders {

        @Test
        void sameValueGetsSamePlaceholder() {
            var redaction = redact("Write to bob@example.com. Again: bob@example.com.");

            assertThat(redaction.text()).isEqualTo("Write to [EMAIL_1]. Again: [EMAIL_1].");
            assertThat(redaction.counts()).isEqualTo(Map.of("EMAIL", 1));
        }

        @Test
        void differentValuesGetNumberedPlaceholdersInOrderOfAppearance() {
            var redaction = redact("bob@example.com, eve@example.org and bob@example.com");

            assertThat(redaction.text()).isEqualTo("[EMAIL_1], [EMAIL_2] and [EMAIL_1]");
            assertThat(redaction.counts()).isEqualTo(Map.of("EMAIL", 2));
        }

        @Test
        void countsDistinctValuesPerKind() {
            var redaction = redact("Anna (anna@example.com, +49 170 1234567) paid with 4111 1111 1111 1111 "
                    + "from DE89 3704 0044 0532 0130 00; Ben (ben@example.com, 0170/7654321) too.");

            assertThat(redaction.text()).isEqualTo("Anna ([EMAIL_1], [PHONE_1]) paid with [CARD_1] "
                    + "from [IBAN_1]; Ben ([EMAIL_2], [PHONE_2]) too.");
            assertThat(redaction.counts()).isEqualTo(Map.of("EMAIL", 2, "PHONE", 2, "CARD", 1, "IBAN", 1));
            assertThat(redaction.total()).isEqualTo(6);
        }
    }

    @Nested
    class ThingsThatAreNotPersonalData {

        @ParameterizedTest(name = "\"{0}\" stays")
        @ValueSource(strings = {
                "The export broke on 2026-11-22.",
                "Seit dem 22.11.2026 geht der Login nicht.",
                "After upgrading to 1.2.3 the page is blank.",
                "See WEB-1234 for the details.",
                "The login page gives a 500 since yesterday.",
                "Order 4711 arrived with 3 items missing.",
                "It failed at 10:30 and again at 14:05.",
                "Spring Boot 3.5.16 on Java 17"})
        void ordinaryNumbersStay(String text) {
            var redaction = redact(text);

            assertThat(redaction.text()).isEqualTo(text);
            assertThat(redaction.counts()).isEmpty();
        }

        @ParameterizedTest(name = "\"{0}\" stays")
        @ValueSource(strings = {
                "The export broke on 2026-11-22 10:30.",
                "Seit 22.11.2026 10:30 geht der Login nicht."})
        void dateFollowedByTimeStays(String text) {
            var redaction = redact(text);

            assertThat(redaction.text()).isEqualTo(text);
            assertThat(redaction.counts()).isEmpty();
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingTextGivesEmptyRedaction(String text) {
        var redaction = redact(text);

        assertThat(redaction.text()).isEmpty();
        assertThat(redaction.counts()).isEmpty();
        assertThat(redaction.total()).isZero();
    }

    @Test
    void textWithoutPersonalDataIsUnchanged() {
        String text = "The dashboard is slow when many filters are active.";

        assertThat(redact(text).text()).isEqualTo(text);
    }
}
