package io.ticketsmith.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

        @Test
        void urlEncodedEmailInAnAccessLogIsRedacted() {
            var redaction = redact("GET /api/users?email=anna.meier%40example.com&page=2 HTTP/1.1");

            assertThat(redaction.text()).isEqualTo("GET /api/users?email=[EMAIL_1]&page=2 HTTP/1.1");
        }

        @Test
        void imageFileNameWithScaleSuffixIsNoEmail() {
            String text = "logo@2x.png and icon@3x.svg are blurry.";

            assertThat(redact(text).text()).isEqualTo(text);
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

        @ParameterizedTest(name = "\"{0}\" is a phone number")
        @ValueSource(strings = {"+1 (415) 555-0123", "415.555.0123", "1-800-555-0199", "+44 20 7946 0321",
                "+33 1 99 00 12 34", "0049 30 23125456", "+49 (0)30 23125-456", "+49-30-23125456"})
        void internationalFormatsBecomePlaceholders(String phone) {
            var redaction = redact("Reach me at " + phone + ", thanks.");

            assertThat(redaction.text()).isEqualTo("Reach me at [PHONE_1], thanks.");
        }

        @Test
        void bareNumberCountsAsPhoneNumberOnlyAfterAPhoneWord() {
            assertThat(redact("Tel. 23125456 bitte").text()).isEqualTo("Tel. [PHONE_1] bitte");
            assertThat(redact("tel:+493023125456").text()).isEqualTo("tel:[PHONE_1]");
        }

        @Test
        void twoNumbersSeparatedBySlashGetTwoPlaceholders() {
            var redaction = redact("Call +49 30 23125456 / 030 23125457 today");

            assertThat(redaction.text()).isEqualTo("Call [PHONE_1] / [PHONE_2] today");
        }

        @ParameterizedTest(name = "\"{0}\" stays")
        @ValueSource(strings = {"Order 100045678 is late.", "Artikelnummer 0123456789 fehlt.",
                "Kundennummer 0012345678, bitte prüfen.", "Tracking 00340434161234567890 shows delivered.",
                "Unix time 1763800000 in the log.", "Vorgangsnummer 0301234567 ist offen.",
                "My phone's IMEI is 356938035643809."})
        void orderArticleAndDeviceNumbersStay(String text) {
            assertThat(redact(text).text()).isEqualTo(text);
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

        @ParameterizedTest(name = "\"{0}\" is an Amex or Diners number")
        @ValueSource(strings = {"3782 822463 10005", "378282246310005", "3056 930902 5904"})
        void amexAndDinersGroupingBecomePlaceholder(String card) {
            assertThat(redact("Card " + card + " declined.").text()).isEqualTo("Card [CARD_1] declined.");
        }

        @Test
        void cardNumberIsFoundNextToItsExpiryDate() {
            assertThat(redact("Card 4111 1111 1111 1111 12/28 declined.").text())
                    .isEqualTo("Card [CARD_1] 12/28 declined.");
        }

        @ParameterizedTest(name = "\"{0}\" passes Luhn but is no card")
        @ValueSource(strings = {"Batch 20261122103009 failed.", "IMEI 356938035643809", "ISBN 978-3-16-148410-0"})
        void luhnValidNumbersThatNoCardSchemeIssuesStay(String text) {
            assertThat(redact(text).text()).isEqualTo(text);
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

        @ParameterizedTest(name = "\"{0}\" is an IBAN")
        @ValueSource(strings = {"AT61 1904 3002 3457 3201", "CH93 0076 2011 6238 5295 7", "NL91 ABNA 0417 1643 00",
                "FR14 2004 1010 0505 0001 3M02 606", "BE68 5390 0754 7034", "NO93 8601 1117 947"})
        void ibansOfOtherCountriesWithTheirOwnLengthsBecomePlaceholders(String iban) {
            assertThat(redact("IBAN: " + iban + ".").text()).isEqualTo("IBAN: [IBAN_1].");
        }

        @ParameterizedTest(name = "\"{0}\" fails mod-97")
        @ValueSource(strings = {
                "DE88 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 02", "GB29 NWBK 6016 1331 9268 18"})
        void ibanWithWrongCheckDigitsStays(String iban) {
            String text = "Refund to " + iban + " please.";

            assertThat(redact(text).text()).isEqualTo(text);
        }

        @ParameterizedTest(name = "\"{0}\" has the wrong length")
        @ValueSource(strings = {
                "DE89 3704 0044 0532 0130 0", "DE89 3704 0044 0532 0130 001", "XX89 3704 0044 0532 0130 00"})
        void ibanWithTheWrongLengthForItsCountryStays(String iban) {
            String text = "Refund to " + iban + " please.";

            assertThat(redact(text).text()).isEqualTo(text);
        }

        @Test
        void digitsOfAMistypedIbanAreNoCardNumber() {
            String text = "Refund to DE89 3704 0044 0532 0130 01 please.";

            assertThat(redact(text).counts()).isEmpty();
        }

        @Test
        void vatIdAndBicStay() {
            String text = "USt-IdNr. DE123456789, BIC COBADEFFXXX";

            assertThat(redact(text).text()).isEqualTo(text);
        }
    }

    @Nested
    class SocialSecurityNumbers {

        @Test
        void issuedSsnBecomesPlaceholder() {
            var redaction = redact("My SSN is 123-45-6789.");

            assertThat(redaction.text()).isEqualTo("My SSN is [SSN_1].");
            assertThat(redaction.counts()).isEqualTo(Map.of("SSN", 1));
        }

        @ParameterizedTest(name = "\"{0}\" is never issued")
        @ValueSource(strings = {
                "000-12-3456", "666-12-3456", "900-12-3456", "987-65-4320", "123-00-4567", "123-45-0000"})
        void ssnFromAnUnissuedRangeStays(String ssn) {
            String text = "The test value " + ssn + " was rejected.";

            assertThat(redact(text).text()).isEqualTo(text);
        }

        @Test
        void ssnWithoutDashesIsRecognisedAfterTheWordSsn() {
            assertThat(redact("SSN: 123 45 6789").text()).isEqualTo("SSN: [SSN_1]");
            assertThat(redact("social security number 123456789").text())
                    .isEqualTo("social security number [SSN_1]");
        }

        @Test
        void nineDigitNumberWithoutSsnWordStays() {
            String text = "Order 123456789 shipped.";

            assertThat(redact(text).text()).isEqualTo(text);
        }
    }

    @Nested
    class IpAddresses {

        @ParameterizedTest(name = "\"{0}\" is an IP address")
        @ValueSource(strings = {"192.0.2.44", "10.0.0.255", "2001:db8::1", "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
                "fe80::1ff:fe23:4567:890a", "2001:db8:0:0:1:0:0:1"})
        void addressBecomesPlaceholder(String address) {
            var redaction = redact("Requests from " + address + " fail.");

            assertThat(redaction.text()).isEqualTo("Requests from [IP_1] fail.");
            assertThat(redaction.counts()).isEqualTo(Map.of("IP", 1));
        }

        @Test
        void portAndBracketsStayAroundTheAddress() {
            assertThat(redact("Proxy 203.0.113.7:8080 and [2001:db8::5]:443").text())
                    .isEqualTo("Proxy [IP_1]:8080 and [[IP_2]]:443");
        }

        @ParameterizedTest(name = "\"{0}\" is a version")
        @ValueSource(strings = {"version 1.2.3.4", "Version: 10.4.1.2", "v1.2.3.4", "upgraded to 4.2.0.1",
                "Chrome/120.0.0.0 Safari/537.36", "see section 4.2.1.3"})
        void dottedVersionsStay(String text) {
            assertThat(redact(text).text()).isEqualTo(text);
        }

        @ParameterizedTest(name = "\"{0}\" stays")
        @ValueSource(strings = {"999.1.1.1", "1.2.3.256", "OID 1.3.6.1.4.1.343", "127.0.0.1:5432", "0.0.0.0:8080",
                "::1", "MAC 00:1A:2B:3C:4D:5E", "at 10:30:45", "Foo::bar in Cafe::add"})
        void numbersThatAreNoAddressOrPointToNoOneStay(String text) {
            assertThat(redact(text).text()).isEqualTo(text);
        }
    }

    @Nested
    class Secrets {

        @ParameterizedTest(name = "{0} → {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
                "password=hunter22|password=[SECRET_1]",
                "passwd: geheim99|passwd: [SECRET_1]",
                "pwd=Abc123!|pwd=[SECRET_1]",
                "api_key=abc123def456|api_key=[SECRET_1]",
                "apikey: K3y-1234|apikey: [SECRET_1]",
                "token=xyz98765|token=[SECRET_1]",
                "secret=s3cr3t!|secret=[SECRET_1]",
                "client_secret=cs_123456|client_secret=[SECRET_1]",
                "DB_PASSWORD=Sommer2024!|DB_PASSWORD=[SECRET_1]",
                "spring.datasource.password=changeme1|spring.datasource.password=[SECRET_1]",
                "\"password\": \"s3cret pass!\"|\"password\": \"[SECRET_1]\""})
        void valueBecomesPlaceholderAndKeyStays(String setting, String expected) {
            var redaction = redact(setting);

            assertThat(redaction.text()).isEqualTo(expected);
            assertThat(redaction.counts()).isEqualTo(Map.of("SECRET", 1));
        }

        @Test
        void bearerTokenAndJwtBecomePlaceholders() {
            var redaction = redact("Authorization: Bearer abcdef123456, later Bearer "
                    + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlMTIz");

            assertThat(redaction.text()).isEqualTo("Authorization: Bearer [SECRET_1], later Bearer [SECRET_2]");
        }

        @Test
        void jwtIsASecretWithoutAnyKeyInFront() {
            assertThat(redact("cookie eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlMTIz expired").text())
                    .isEqualTo("cookie [SECRET_1] expired");
        }

        @ParameterizedTest(name = "\"{0}\" has a known key shape")
        @ValueSource(strings = {"sk-proj-abcdefghijklmnopqrstuvwx", "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                "xoxb-1234567890-abcdefghijkl", "xoxp-1234567890-abcdefghijkl", "AKIAIOSFODNN7EXAMPLE",
                "sk_live_abcdefghijklmnop1234"})
        void wellKnownKeyShapesBecomePlaceholders(String key) {
            assertThat(redact("I pasted " + key + " by mistake").text()).isEqualTo("I pasted [SECRET_1] by mistake");
        }

        @Test
        void passwordInAUrlBecomesPlaceholderAndUserAndHostStay() {
            assertThat(redact("postgres://app:S3cret!@db.example.com:5432/orders").text())
                    .isEqualTo("postgres://app:[SECRET_1]@db.example.com:5432/orders");
        }

        @Test
        void privateKeyBodyBecomesPlaceholder() {
            var redaction = redact("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nAIBAAK\n-----END RSA PRIVATE KEY-----");

            assertThat(redaction.text())
                    .isEqualTo("-----BEGIN RSA PRIVATE KEY-----\n[SECRET_1]\n-----END RSA PRIVATE KEY-----");
        }

        @Test
        void passwordGivenInASentenceBecomesPlaceholder() {
            assertThat(redact("Das Passwort lautet: Sommer2024! – bitte ändern").text())
                    .isEqualTo("Das Passwort lautet: [SECRET_1] – bitte ändern");
            assertThat(redact("the password for the staging DB is Falcon#77").text())
                    .isEqualTo("the password for the staging DB is [SECRET_1]");
        }

        @Test
        void tokenInAQueryStringEndsAtTheNextParameter() {
            assertThat(redact("GET /export?user=anna&token=abc123&page=2").text())
                    .isEqualTo("GET /export?user=anna&token=[SECRET_1]&page=2");
        }

        @ParameterizedTest(name = "\"{0}\" stays")
        @ValueSource(strings = {"password=********", "api_key=${API_KEY}", "Authorization: Bearer <token>",
                "The token expired yesterday.", "Password reset mails are not sent.", "my password is wrong",
                "max_tokens=4096", "token_type=Bearer", "grant_type=password", "secret=false",
                "WWW-Authenticate: Bearer realm=\"api\"", "PWD=/home/app", "password=[SECRET_1]"})
        void placeholdersReferencesAndOrdinaryWordsStay(String text) {
            assertThat(redact(text).text()).isEqualTo(text);
        }
    }

    @Nested
    class Names {

        @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
        @CsvSource(delimiter = '|', value = {
                "Please call Mr. Smith back.|Please call Mr. [NAME_1] back.",
                "Ms. O'Brien wrote again.|Ms. [NAME_1] wrote again.",
                "Sehr geehrte Frau Dr. Müller,|Sehr geehrte Frau Dr. [NAME_1],",
                "Bitte Herrn Weber informieren.|Bitte Herrn [NAME_1] informieren.",
                "Frau Anna Schmidt-Lange hat angerufen.|Frau [NAME_1] hat angerufen."})
        void nameAfterATitleBecomesPlaceholder(String text, String expected) {
            assertThat(redact(text).text()).isEqualTo(expected);
        }

        @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
        @CsvSource(delimiter = '|', value = {
                "Hello, my name is Quinn Harlow and I need help.|Hello, my name is [NAME_1] and I need help.",
                "Guten Tag, mein Name ist Korbinian Huber.|Guten Tag, mein Name ist [NAME_1].",
                "Hi, I'm Anna from accounting.|Hi, I'm [NAME_1] from accounting.",
                "Hallo, ich bin Jürgen Becker aus dem Vertrieb.|Hallo, ich bin [NAME_1] aus dem Vertrieb."})
        void nameInAnIntroductionBecomesPlaceholder(String text, String expected) {
            assertThat(redact(text).text()).isEqualTo(expected);
        }

        @ParameterizedTest(name = "sign-off {index}")
        @ValueSource(strings = {"Regards,\nAnna Weber", "Kind regards, Anna", "Viele Grüße\nJürgen Becker",
                "Mit freundlichen Grüßen\n\nThaddeus Krüger", "Cheers,\nJolanda"})
        void nameUnderASignOffBecomesPlaceholder(String signOff) {
            String text = "The export is broken.\n\n" + signOff;
            String name = signOff.replaceFirst("(?s).*[,\n] *", "");

            var redaction = redact(text);

            assertThat(redaction.text()).isEqualTo(text.replace(name, "[NAME_1]"));
            assertThat(redaction.counts()).isEqualTo(Map.of("NAME", 1));
        }

        @Test
        void knownFirstNameFollowedBySurnameBecomesPlaceholderAnywhere() {
            assertThat(redact("I spoke with Thomas Becker from finance.").text())
                    .isEqualTo("I spoke with [NAME_1] from finance.");
        }

        @Test
        void displayNameInFrontOfAnAddressBecomesPlaceholder() {
            assertThat(redact("From: Quinn Harlow <quinn@example.com>").text()).isEqualTo("From: [NAME_1] <[EMAIL_1]>");
        }

        @Test
        void laterMentionsOfAFoundNameGetTheSamePlaceholder() {
            var redaction = redact("Anna Weber called. Regards,\nAnna Weber");

            assertThat(redaction.text()).isEqualTo("[NAME_1] called. Regards,\n[NAME_1]");
            assertThat(redaction.counts()).isEqualTo(Map.of("NAME", 1));
        }

        @ParameterizedTest(name = "\"{0}\" stays")
        @ValueSource(strings = {"Hello Team,\nthe export is broken.", "Regards,\nThe Support Team",
                "Viele Grüße\nIhr Service-Team", "Max heap size is 4 GB.", "Will this be fixed in the April release?",
                "Dear Valued Customer,", "Die Frau am Telefon war freundlich.", "Hallo Zusammen, der Export hängt.",
                "Mark as done, please.", "Spring Boot 3.5 on Amazon Linux"})
        void capitalisedWordsWithoutEvidenceOfAPersonStay(String text) {
            assertThat(redact(text).text()).isEqualTo(text);
        }

        @Test
        void germanNounAfterAFirstNameIsNoSurname() {
            assertThat(redact("Kannst du Anna Zugriff geben?").text()).isEqualTo("Kannst du [NAME_1] Zugriff geben?");
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
        void sameCardInDifferentFormatsGetsSamePlaceholder() {
            var redaction = redact("Card 4111 1111 1111 1111, also written 4111-1111-1111-1111.");

            assertThat(redaction.text()).isEqualTo("Card [CARD_1], also written [CARD_1].");
            assertThat(redaction.counts()).isEqualTo(Map.of("CARD", 1));
        }

        @Test
        void numberingIsPerKind() {
            var redaction = redact("anna@example.com, +49 30 23125456, ben@example.com, 192.0.2.1");

            assertThat(redaction.text()).isEqualTo("[EMAIL_1], [PHONE_1], [EMAIL_2], [IP_1]");
        }

        @Test
        void redactingTwiceChangesNothing() {
            String once = redact("password=hunter22 for Frau Müller, anna@example.com, +49 30 23125456").text();

            assertThat(redact(once).text()).isEqualTo(once);
            assertThat(redact(once).counts()).isEmpty();
        }

        @Test
        void secretValueThatLooksLikeAnEmailIsASecret() {
            assertThat(redact("password=anna@example.com").text()).isEqualTo("password=[SECRET_1]");
        }

        @Test
        void cardsAndIbansAreNotSplitIntoPhoneNumbers() {
            var redaction = redact("Pay from DE89370400440532013000 or 4111111111111111 today");

            assertThat(redaction.counts()).isEqualTo(Map.of("IBAN", 1, "CARD", 1));
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
                "Order ORD-2026-000123 and invoice INV-2026-004512 are missing.",
                "Request 550e8400-e29b-41d4-a716-446655440000 failed with 502.",
                "Commit 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b broke the build 20261122.3.",
                "Tracking 1Z999AA10123456784, price €1.299,00 or $49.99.",
                "at com.example.CheckoutService.pay(CheckoutService.java:142)",
                "Connection to db:5432 refused, retrying on port 6379.",
                "Version 2.14.3 and v1.2.3.4 since 11/22/2026 14:05:33.",
                "Reference 4111 1111 1111 1112 and 1234-5678-9012-3456."})
        void hardNegativesFromTicketsStay(String text) {
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

    @Test
    void reporterAddressHasTheSamePlaceholderAsInTheText() {
        PiiRedactor.WithReporter redacted = redactor.redactWithReporter(
                "Please answer to ann@example.org, or call +49 170 1234567", "Ann <ann@example.org>");

        assertThat(redacted.redaction().text()).isEqualTo("Please answer to [EMAIL_1], or call [PHONE_1]");
        assertThat(redacted.reporter()).doesNotContain("ann", "Ann").matches("\\[NAME_\\d+]");
        assertThat(redacted.redaction().originals()).containsEntry(redacted.reporter(), "Ann <ann@example.org>");

        PiiRedactor.WithReporter address = redactor.redactWithReporter("Mail ann@example.org", "ann@example.org");
        assertThat(address.reporter()).isEqualTo("[EMAIL_1]");
        assertThat(address.redaction().counts()).containsEntry("EMAIL", 1);
    }

    @Test
    void bareReporterNameBecomesANamePlaceholderAfterThoseInTheText() {
        PiiRedactor.WithReporter redacted = redactor.redactWithReporter("Contact me at rita@example.com", "customer-42");

        assertThat(redacted.reporter()).isEqualTo("[NAME_1]");
        assertThat(redacted.redaction().text()).isEqualTo("Contact me at [EMAIL_1]");
        assertThat(redacted.redaction().counts()).containsEntry("NAME", 1).containsEntry("EMAIL", 1);
        assertThat(redacted.redaction().originals()).containsEntry("[NAME_1]", "customer-42");
    }

    @Test
    void textWithTheSeparatorsCharacterCannotShiftTheReporterIntoTheText() {
        PiiRedactor.WithReporter redacted = redactor.redactWithReporter("a\n\n\u0000\n\nb", "x\u0000y");

        assertThat(redacted.reporter()).isEqualTo("[NAME_1]");
        assertThat(redacted.redaction().originals()).containsEntry("[NAME_1]", "xy");
        assertThat(redacted.redaction().text()).isEqualTo("a\n\n\u0000\n\nb");
    }

    @Test
    void noReporterIsNoReporter() {
        assertThat(redactor.redactWithReporter("Text", "  ").reporter()).isNull();
        assertThat(redactor.redactWithReporter("Text", null).redaction().text()).isEqualTo("Text");
    }
}
