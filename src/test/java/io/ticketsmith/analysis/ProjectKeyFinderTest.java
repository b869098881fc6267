package io.ticketsmith.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Jira project a request names, for the keyword-rules analysis. */
class ProjectKeyFinderTest {

    private static final List<String> WEB_AND_OPS = List.of("WEB", "OPS");
    private static final List<String> ANY_PROJECT = List.of();

    @Nested
    class WithAllowedProjects {

        @ParameterizedTest(name = "\"{0}\" names WEB")
        @ValueSource(strings = {
                "Please file an urgent bug for WEB and assign it to Dana.",
                "Create a task in project WEB",
                "This belongs in WEB",
                "Move it to WEB",
                "The WEB project needs a ticket",
                "Same problem as WEB-12 last week",
                "Project: WEB",
                "Bitte ein Ticket im Projekt WEB anlegen",
                "Bitte einen Fehler für WEB erfassen",
                "Ein Ticket im WEB-Projekt"})
        void allowedProjectNamedInTheTextIsTaken(String text) {
            assertThat(ProjectKeyFinder.find(text, WEB_AND_OPS)).contains("WEB");
        }

        @Test
        void projectNotInTheAllowedListIsIgnored() {
            assertThat(ProjectKeyFinder.find("Please file this for SHOP", WEB_AND_OPS)).isEmpty();
        }

        @Test
        void firstAllowedProjectInTheTextWins() {
            assertThat(ProjectKeyFinder.find("Not for SHOP, file it for OPS, later maybe WEB-3", WEB_AND_OPS))
                    .contains("OPS");
        }

        @Test
        void allowedListSpellingIsUsed() {
            assertThat(ProjectKeyFinder.find("Please file this for WEB", List.of("web", " ops "))).contains("WEB");
        }

        @ParameterizedTest(name = "\"{0}\" names no project")
        @ValueSource(strings = {
                "The web shop is slow",
                "Please file this for web",
                "WEBSHOP is down",
                "Errors in WEBAPP since Monday",
                "The OPS team says hi"})
        void lowerCaseWordsLongerWordsAndKeysWithoutContextAreNoProject(String text) {
            assertThat(ProjectKeyFinder.find(text, WEB_AND_OPS)).isEmpty();
        }

        @Test
        void allowedProjectIsTrustedEvenWhenItLooksLikeAnAbbreviation() {
            assertThat(ProjectKeyFinder.find("Please file this for API", List.of("API"))).contains("API");
        }
    }

    @Nested
    class WithoutAllowedProjects {

        @ParameterizedTest(name = "\"{0}\" names SHOP")
        @ValueSource(strings = {
                "Create a task in project SHOP",
                "The SHOP project needs a ticket",
                "Same problem as SHOP-12 last week",
                "Bitte ein Ticket im Projekt SHOP anlegen"})
        void explicitProjectOrIssueKeyIsTaken(String text) {
            assertThat(ProjectKeyFinder.find(text, ANY_PROJECT)).contains("SHOP");
        }

        @Test
        void prepositionAloneIsNotEnough() {
            assertThat(ProjectKeyFinder.find("Please file an urgent bug for WEB", ANY_PROJECT)).isEmpty();
        }

        @ParameterizedTest(name = "\"{0}\" names no project")
        @ValueSource(strings = {
                "Checkout crashes for all EU customers",
                "Errors in the API project since the deploy",
                "NPE project-wide after the update",
                "Broken links in PDF project reports",
                "The URL project page is empty",
                "HTTP project settings are lost",
                "ASAP project please",
                "The file is not valid UTF-8",
                "See PR-123 for the fix",
                "Affected by CVE-2024 advisory"})
        void commonAbbreviationsAreNoProject(String text) {
            assertThat(ProjectKeyFinder.find(text, ANY_PROJECT)).isEmpty();
        }

        @Test
        void nullAllowedListMeansAnyProject() {
            assertThat(ProjectKeyFinder.find("in project SHOP", null)).contains("SHOP");
        }
    }

    @ParameterizedTest(name = "text {0} names no project")
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void missingTextNamesNoProject(String text) {
        assertThat(ProjectKeyFinder.find(text, WEB_AND_OPS)).isEmpty();
    }
}
