package io.ticketsmith.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The person a request asks to be given the issue, for the keyword-rules analysis. */
class AssigneeFinderTest {

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', value = {
            "Please file an urgent bug for WEB and assign it to Dana.       | Dana",
            "Assign to Dana                                                 | Dana",
            "please assign this to Dana Smith, she knows the code           | Dana Smith",
            "Reassign the ticket to Dana Smith.                             | Dana Smith",
            "Can you give it to Dana? She is on call                        | Dana",
            "Hand it over to Jörg-Peter                                     | Jörg-Peter",
            "Assign it to Sean O'Brien                                      | Sean O'Brien",
            "Assignee: Dana                                                 | Dana",
            "Bitte zuweisen an Dana, danke                                  | Dana",
            "Bitte an Dana Schmidt zuweisen                                 | Dana Schmidt",
            "Weise es Dana zu.                                              | Dana",
            "Bitte weisen Sie das Ticket Dana zu                            | Dana"})
    void personAfterAssignWordsIsTheAssignee(String text, String assignee) {
        assertThat(AssigneeFinder.find(text)).contains(assignee);
    }

    @ParameterizedTest(name = "\"{0}\" → Dana")
    @ValueSource(strings = {"Assign it to Dana\nThanks", "Assign it to Dana Please hurry", "Assign it to Dana and Lee"})
    void nameStopsAtTheLineEndAndAtWordsThatAreNoSurname(String text) {
        assertThat(AssigneeFinder.find(text)).contains("Dana");
    }

    @ParameterizedTest(name = "\"{0}\" has no assignee")
    @ValueSource(strings = {
            "Please assign it to [NAME_1].",
            "Give it to [NAME_2] please",
            "assign to [EMAIL_1]",
            "Bitte zuweisen an [NAME_1]",
            "Weise es [NAME_1] zu"})
    void redactionPlaceholderIsNeverTheAssignee(String text) {
        assertThat(AssigneeFinder.find(text)).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" has no assignee")
    @ValueSource(strings = {
            "Assign it to me",
            "Assign it to Me",
            "Assign it to someone in QA",
            "Assign it to QA",
            "Assign it to the web team",
            "Dana reported this yesterday",
            "The assignment to Dana was wrong",
            "Checkout crashes for all EU customers"})
    void noOneInParticularIsNoAssignee(String text) {
        assertThat(AssigneeFinder.find(text)).isEmpty();
    }

    @ParameterizedTest(name = "text {0} has no assignee")
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void missingTextHasNoAssignee(String text) {
        assertThat(AssigneeFinder.find(text)).isEmpty();
    }
}
