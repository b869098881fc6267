package io.ticketsmith.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The first sentence of a request, the summary of the keyword-rules analysis and the title of its new issue. */
class FirstSentenceTest {

    private static final int MAX = 120;

    @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "Login is broken. Steps: open /login.                | Login is broken.",
            "Login is broken! Please help.                       | Login is broken!",
            "Why is login broken? It worked yesterday.           | Why is login broken?",
            "Is this a bug?! It looks like one.                  | Is this a bug?!",
            "Login is broken                                     | Login is broken",
            "Login is broken.                                    | Login is broken."})
    void endsAtFullStopExclamationOrQuestionMark(String text, String sentence) {
        assertThat(FirstSentence.of(text, MAX)).isEqualTo(sentence);
    }

    @ParameterizedTest(name = "\"{0}\" is one sentence")
    @ValueSource(strings = {
            "Since the 14:00 deploy checkout fails for all customers.",
            "After the update to v1.2.3 exports fail.",
            "Invoices show 3.50 EUR instead of 35.00 EUR.",
            "Some browsers, e.g. Firefox, show a blank page.",
            "Some browsers (e.g. Firefox) show a blank page.",
            "Old clients, i.e. those before 2.0, cannot log in.",
            "Dana J. Smith cannot log in.",
            "Der Export, z.B. als CSV, schlägt fehl.",
            "Seit dem 14. März schlägt der Export fehl.",
            "It fails at approx. the same time every day.",
            "It stops... and then the page reloads."})
    void abbreviationsVersionsTimesAndDecimalsDoNotEndTheSentence(String text) {
        assertThat(FirstSentence.of(text + " Second sentence.", MAX)).isEqualTo(text);
    }

    @Test
    void theFullStopAfterAVersionNumberEndsTheSentence() {
        assertThat(FirstSentence.of("Please upgrade to v1.2. Then restart.", MAX)).isEqualTo("Please upgrade to v1.2.");
    }

    @Test
    void onlyTheFirstNonBlankLineIsRead() {
        assertThat(FirstSentence.of("\n\n  Login broken  \nMore details. Even more.", MAX)).isEqualTo("Login broken");
    }

    @Test
    void longSentenceIsCutAtAWordBoundaryWithEllipsis() {
        String text = "The checkout page crashes with a NullPointerException for every customer in the EU region "
                + "since the deploy at two o'clock this afternoon.";

        String sentence = FirstSentence.of(text, MAX);

        assertThat(sentence).hasSizeLessThanOrEqualTo(MAX)
                .isEqualTo("The checkout page crashes with a NullPointerException for every customer in the EU region "
                        + "since the deploy at two…");
    }

    @Test
    void punctuationBeforeTheCutIsDropped() {
        String text = "word ".repeat(18) + "last, and then some more words to pass the limit.";

        assertThat(FirstSentence.of(text, 100)).isEqualTo("word ".repeat(18) + "last…");
    }

    @Test
    void sentenceOfExactlyTheLimitIsKept() {
        String text = "x".repeat(MAX - 1) + ".";

        assertThat(FirstSentence.of(text, MAX)).isEqualTo(text);
    }

    @Test
    void oneLongWordIsCutInsideTheWord() {
        assertThat(FirstSentence.of("y".repeat(150), 100)).isEqualTo("y".repeat(99) + "…");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\n\t"})
    void blankTextGivesPlaceholder(String text) {
        assertThat(FirstSentence.of(text, MAX)).isEqualTo("(empty request)");
    }
}
