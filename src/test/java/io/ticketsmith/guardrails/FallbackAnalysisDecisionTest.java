package io.ticketsmith.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The keyword rules used when no AI model is available (dmn/fallback-analysis.dmn: the decisions
 * fallbackCategory, fallbackUrgency and fallbackSentiment). Every output value has English and German examples.
 */
class FallbackAnalysisDecisionTest extends DecisionTableTest {

    @Test
    void oneFileHoldsTheThreeDecisions() {
        assertThat(engine.getRepositoryService().createDecisionDefinitionQuery()
                .decisionDefinitionResourceName("fallback-analysis.dmn").list())
                .extracting(definition -> definition.getKey())
                .containsExactlyInAnyOrder("fallbackCategory", "fallbackUrgency", "fallbackSentiment");
    }

    @Nested
    class Category {

        @ParameterizedTest(name = "\"{0}\" is a refund")
        @ValueSource(strings = {
                "Please refund my last invoice",
                "I want my money back",
                "We filed a chargeback",
                "Ich bitte um Rückerstattung der Gebühr",
                "Ich will mein Geld zurück",
                "Erstattung der Doppelbuchung"})
        void refundWordsMeanRefund(String text) {
            assertThat(category(text)).isEqualTo(new Outcome("Rule_RefundKeywords", "refund"));
        }

        @Test
        void refundBeatsIncident() {
            assertThat(category("After the outage I want a refund")).isEqualTo(new Outcome("Rule_RefundKeywords", "refund"));
        }

        @ParameterizedTest(name = "\"{0}\" is an incident")
        @ValueSource(strings = {
                "The shop is down since 9am",
                "Outage in the EU region",
                "Checkout returns HTTP 500",
                "The portal is not reachable",
                "Totalausfall im Lager",
                "Das Portal ist nicht erreichbar",
                "Störung im Zahlungsverkehr"})
        void outageWordsMeanIncident(String text) {
            assertThat(category(text)).isEqualTo(new Outcome("Rule_IncidentKeywords", "incident"));
        }

        @Test
        void incidentBeatsBug() {
            assertThat(category("Error 500 on checkout")).isEqualTo(new Outcome("Rule_IncidentKeywords", "incident"));
        }

        @ParameterizedTest(name = "\"{0}\" is no incident")
        @ValueSource(strings = {"The download is slow", "Invoice total is 1500 EUR"})
        void downAndFiveHundredOnlyCountAsWholeWords(String text) {
            assertThat(category(text)).isEqualTo(new Outcome("Rule_OtherCategory", "other"));
        }

        @ParameterizedTest(name = "\"{0}\" is a bug")
        @ValueSource(strings = {
                "Export crashes with an exception",
                "The filter doesn't work",
                "Save button is broken",
                "Fehler beim Speichern",
                "Der Button funktioniert nicht",
                "Die Suche ist kaputt"})
        void errorWordsMeanBug(String text) {
            assertThat(category(text)).isEqualTo(new Outcome("Rule_BugKeywords", "bug"));
        }

        @ParameterizedTest(name = "\"{0}\" is a feature request")
        @ValueSource(strings = {
                "Feature request: dark mode",
                "It would be nice to export PDFs",
                "Please add a CSV export",
                "Wunsch: Export als CSV",
                "Es wäre schön, wenn man filtern könnte",
                "Bitte ergänzen Sie ein Feld für die Kostenstelle"})
        void wishWordsMeanFeature(String text) {
            assertThat(category(text)).isEqualTo(new Outcome("Rule_FeatureKeywords", "feature"));
        }

        @ParameterizedTest(name = "\"{0}\" is a question")
        @ValueSource(strings = {
                "How do I reset my password",
                "How can we invite colleagues",
                "Can I change my plan?",
                "Wie kann ich mein Passwort ändern",
                "Kurze Frage zur Rechnung",
                "Gibt es eine App?"})
        void questionWordsMeanQuestion(String text) {
            assertThat(category(text)).isEqualTo(new Outcome("Rule_QuestionKeywords", "question"));
        }

        @Test
        void anfrageIsNoQuestion() {
            assertThat(category("Meine Anfrage vom Montag")).isEqualTo(new Outcome("Rule_OtherCategory", "other"));
        }

        @ParameterizedTest(name = "\"{0}\" is other")
        @ValueSource(strings = {"Please update my address to Main Street 5", "Bitte ändern Sie meine Adresse"})
        void requestWithoutKnownWordsIsOther(String text) {
            assertThat(category(text)).isEqualTo(new Outcome("Rule_OtherCategory", "other"));
        }

        @ParameterizedTest(name = "text {0} is other")
        @NullAndEmptySource
        void missingTextIsOther(String text) {
            assertThat(category(text)).isEqualTo(new Outcome("Rule_OtherCategory", "other"));
        }

        private Outcome category(String text) {
            return evaluate("fallbackCategory", "category", text);
        }
    }

    @Nested
    class Urgency {

        @ParameterizedTest(name = "\"{0}\" is critical")
        @ValueSource(strings = {
                "Production down for all users",
                "Outage in the EU region",
                "Security breach in the admin area",
                "We suffered data loss after the import",
                "Das System ist komplett ausgefallen",
                "Datenverlust nach dem Import",
                "Sicherheitslücke im Login"})
        void outageSecurityAndDataLossAreCritical(String text) {
            assertThat(urgency(text)).isEqualTo(new Outcome("Rule_CriticalUrgencyKeywords", "critical"));
        }

        @Test
        void criticalBeatsHigh() {
            assertThat(urgency("Production down, fix ASAP"))
                    .isEqualTo(new Outcome("Rule_CriticalUrgencyKeywords", "critical"));
        }

        @ParameterizedTest(name = "\"{0}\" is high")
        @ValueSource(strings = {
                "Urgent: invoices are wrong",
                "Please fix ASAP",
                "This is a blocker for our release",
                "Please look at this immediately",
                "Dringend: Rechnungen falsch",
                "Bitte sofort prüfen"})
        void requestsForSpeedAreHigh(String text) {
            assertThat(urgency(text)).isEqualTo(new Outcome("Rule_HighUrgencyKeywords", "high"));
        }

        @ParameterizedTest(name = "\"{0}\" is low")
        @ValueSource(strings = {
                "Minor typo on the pricing page",
                "No rush, fix it when you have time",
                "Nicht eilig: Tippfehler im Impressum"})
        void itCanWaitIsLow(String text) {
            assertThat(urgency(text)).isEqualTo(new Outcome("Rule_LowUrgencyKeywords", "low"));
        }

        @ParameterizedTest(name = "\"{0}\" is medium")
        @ValueSource(strings = {"The report shows wrong totals", "Der Bericht zeigt falsche Summen"})
        void requestWithoutHintIsMedium(String text) {
            assertThat(urgency(text)).isEqualTo(new Outcome("Rule_OtherwiseMediumUrgency", "medium"));
        }

        @ParameterizedTest(name = "text {0} is medium")
        @NullAndEmptySource
        void missingTextIsMedium(String text) {
            assertThat(urgency(text)).isEqualTo(new Outcome("Rule_OtherwiseMediumUrgency", "medium"));
        }

        private Outcome urgency(String text) {
            return evaluate("fallbackUrgency", "urgency", text);
        }
    }

    @Nested
    class Sentiment {

        @ParameterizedTest(name = "\"{0}\" is negative")
        @ValueSource(strings = {
                "This is unacceptable",
                "I am really frustrated",
                "It broke again",
                "Still not fixed",
                "Fix this!!!",
                "Das ist unzumutbar",
                "Schon wieder kaputt",
                "Sehr ärgerlich",
                "Völlig inakzeptabel"})
        void angerAndRepeatedProblemsAreNegative(String text) {
            assertThat(sentiment(text)).isEqualTo(new Outcome("Rule_NegativeSentimentKeywords", "negative"));
        }

        @ParameterizedTest(name = "\"{0}\" is negative")
        @ValueSource(strings = {
                "Customers are furious",
                "We are angry about the outage",
                "Really disappointed with the support",
                "This is so annoying",
                "Annoyed by the constant logouts",
                "The delay is ridiculous",
                "Worst release so far",
                "A terrible experience"})
        void furyDisappointmentAndAnnoyanceAreNegative(String text) {
            assertThat(sentiment(text)).isEqualTo(new Outcome("Rule_NegativeSentimentKeywords", "negative"));
        }

        @ParameterizedTest(name = "\"{0}\" is negative")
        @ValueSource(strings = {
                "Die Kunden sind wütend",
                "Der Kunde ist sehr verärgert",
                "Wir sind enttäuscht vom Support",
                "Das Ergebnis ist enttäuschend",
                "Das Team ist frustriert",
                "Die Performance ist katastrophal",
                "Eine Katastrophe für unsere Kunden"})
        void germanAngerAndDisappointmentAreNegative(String text) {
            assertThat(sentiment(text)).isEqualTo(new Outcome("Rule_NegativeSentimentKeywords", "negative"));
        }

        @Test
        void furyBeatsThanks() {
            assertThat(sentiment("Thanks for nothing, our customers are furious"))
                    .isEqualTo(new Outcome("Rule_NegativeSentimentKeywords", "negative"));
        }

        @Test
        void negativeBeatsPositive() {
            assertThat(sentiment("Thanks, but this is unacceptable"))
                    .isEqualTo(new Outcome("Rule_NegativeSentimentKeywords", "negative"));
        }

        @ParameterizedTest(name = "\"{0}\" is positive")
        @ValueSource(strings = {
                "Thanks a lot for the quick help",
                "Great tool, we love it",
                "We appreciate your support",
                "Danke für die schnelle Hilfe",
                "Super Arbeit",
                "Das ist toll"})
        void thanksAndPraiseArePositive(String text) {
            assertThat(sentiment(text)).isEqualTo(new Outcome("Rule_PositiveSentimentKeywords", "positive"));
        }

        @ParameterizedTest(name = "\"{0}\" is neutral")
        @ValueSource(strings = {
                "Please change my billing address",
                "Bitte ändern Sie die Rechnungsadresse",
                "We are against that change",
                "Supervisor approval is needed",
                "In the worst case the export takes an hour",
                "Worst-case runtime is one hour"})
        void requestWithoutMoodWordsIsNeutral(String text) {
            assertThat(sentiment(text)).isEqualTo(new Outcome("Rule_OtherwiseNeutralSentiment", "neutral"));
        }

        @ParameterizedTest(name = "text {0} is neutral")
        @NullAndEmptySource
        void missingTextIsNeutral(String text) {
            assertThat(sentiment(text)).isEqualTo(new Outcome("Rule_OtherwiseNeutralSentiment", "neutral"));
        }

        private Outcome sentiment(String text) {
            return evaluate("fallbackSentiment", "sentiment", text);
        }
    }

    /** Evaluates one of the three decisions on a text; each has exactly one output. */
    private static Outcome evaluate(String decisionKey, String outputName, String text) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("text", text);
        Evaluation evaluation = evaluateDecision(decisionKey, variables);
        assertThat(evaluation.outputs()).containsOnlyKeys(outputName);
        return new Outcome(evaluation.ruleId(), evaluation.output(outputName));
    }

    record Outcome(String ruleId, String value) {
    }
}
