package io.ticketsmith.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.ticketsmith.support.InMemoryEngine;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The analysis used when no LLM answers: keyword rules from dmn/fallback-analysis.dmn and a labelled action. */
class RuleBasedAnalyzerTest {

    private static final String LOGIN_BUG = "The login page throws an error since the deploy\nSteps: open /login";
    /** The projects of the demo profile ({@code ticketsmith.safety.allowed-projects: WEB,OPS}), plus the fallback SUP. */
    private static final List<String> ALLOWED = List.of("WEB", "OPS", "SUP");

    private static final String CHECKOUT_CRASH = "Checkout page crashes with a NullPointerException for all EU "
            + "customers since the 14:00 deploy, customers are furious. Please file an urgent bug for WEB and assign "
            + "it to Dana.";

    private static ProcessEngine engine;
    private static RuleBasedAnalyzer analyzer;

    @BeforeAll
    static void deployFallbackRules() {
        engine = InMemoryEngine.start("rule-based-analyzer-test");
        InMemoryEngine.deploy(engine, Path.of("dmn/fallback-analysis.dmn"));
        analyzer = new RuleBasedAnalyzer(engine.getDecisionService());
    }

    @AfterAll
    static void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    private static Analysis fromEmail(String text) {
        return analyzer.analyze(text, null, "SUP", ALLOWED, "LLM disabled");
    }

    @Nested
    class Analyze {

        @Test
        void keywordRulesDecideCategoryUrgencyAndSentiment() {
            var analysis = fromEmail("Checkout is down, this is terrible, please fix asap");

            assertThat(analysis.intent()).isEqualTo("triage");
            assertThat(analysis.category()).isEqualTo("incident");
            assertThat(analysis.urgency()).isEqualTo("high");
            assertThat(analysis.sentiment()).isEqualTo("negative");
        }

        @Test
        void confidenceIsOneHalfEverywhere() {
            var analysis = fromEmail(LOGIN_BUG);

            assertThat(analysis.confidence()).isEqualTo(new Analysis.Confidence(0.5, 0.5, 0.5, 0.5));
        }

        @Test
        void zendeskTicketGetsTagsPriorityAndAnAiAnalysisNoteAndNothingInJira() {
            var analysis = analyzer.analyzeZendeskTicket("Checkout is down, this is terrible, please fix asap",
                    "timeout");

            assertThat(analysis.actions()).extracting(ProposedAction::type)
                    .containsExactly("tag", "set_priority", "internal_note");
            assertThat(analysis.actions().get(0).labels())
                    .containsExactly("ai_processed", "ai_incident", "ai_high", "ai_negative");
            assertThat(analysis.actions().get(1).priority()).isEqualTo("high");
            assertThat(analysis.actions().get(2).body()).startsWith("AI Analysis: Checkout is down")
                    .contains("Urgency: high (confidence 0.50)").contains("Sentiment: negative (confidence 0.50)");
            assertThat(analysis.actions()).allSatisfy(action -> assertThat(action.ticketId()).isNull());
            assertThat(new AnalysisValidator().validate(analysis)).isEmpty();
            assertThat(new AnalysisValidator().validateForSource(analysis.actions(), "zendesk")).isEmpty();
        }

        @Test
        void requestFromJiraIssueLabelsThatIssue() {
            var analysis = analyzer.analyze(LOGIN_BUG, "WEB-12", "SUP", ALLOWED, "timeout");

            assertThat(analysis.actions()).containsExactly(
                    ProposedAction.addLabels("WEB-12", List.of("ai_fallback", "bug")));
        }

        @Test
        void jiraIssueRepeatingAKnownIssueIsLabelledAndLinkedAsItsDuplicate() {
            var analysis = analyzer.analyze(LOGIN_BUG, "WEB-12", "SUP", ALLOWED, "timeout", "WEB-3");

            assertThat(analysis.actions()).containsExactly(
                    ProposedAction.addLabels("WEB-12", List.of("ai_fallback", "bug")),
                    ProposedAction.linkIssue("WEB-12", "WEB-3", "Duplicate"));
            assertThat(analysis.explanation()).contains("very similar to WEB-3");
            assertThat(new AnalysisValidator().validate(analysis)).isEmpty();
        }

        @Test
        void requestRepeatingAKnownIssueBecomesACommentThereInsteadOfANewIssue() {
            var analysis = analyzer.analyze(LOGIN_BUG, null, "SUP", ALLOWED, "timeout", "WEB-3");

            assertThat(analysis.actions()).containsExactly(ProposedAction.comment("WEB-3", "Reported again: " + LOGIN_BUG));
            assertThat(analysis.intent()).isEqualTo("comment");
            assertThat(new AnalysisValidator().validate(analysis)).isEmpty();
        }

        @Test
        void jiraIssueIsNeverLinkedToItself() {
            var analysis = analyzer.analyze(LOGIN_BUG, "WEB-12", "SUP", ALLOWED, "timeout", "WEB-12");

            assertThat(analysis.actions()).containsExactly(
                    ProposedAction.addLabels("WEB-12", List.of("ai_fallback", "bug")));
        }

        @Test
        void requestWithoutJiraIssueProposesNewIssueInFallbackProject() {
            var analysis = fromEmail(LOGIN_BUG);

            assertThat(analysis.actions()).containsExactly(ProposedAction.createIssue("SUP", "Bug",
                    "The login page throws an error since the deploy", LOGIN_BUG, List.of("ai_fallback"), null));
        }

        @ParameterizedTest(name = "\"{0}\" is {1}, filed as {2}")
        @CsvSource(delimiter = '|', value = {
                "Login throws an error             | bug      | Bug",
                "The shop is not reachable         | incident | Bug",
                "Feature request: dark mode please | feature  | Story",
                "How do I export my invoices?      | question | Task",
                "Please refund my last invoice     | refund   | Task",
                "Hello there                       | other    | Task"})
        void newIssueTypeFollowsTheCategory(String text, String category, String issueType) {
            var analysis = fromEmail(text);

            assertThat(analysis.category()).isEqualTo(category);
            assertThat(analysis.actions()).singleElement()
                    .satisfies(action -> assertThat(action.issueType()).isEqualTo(issueType));
        }

        @ParameterizedTest
        @ValueSource(strings = {"web-12", "WEB", "12"})
        void malformedJiraIssueKeyFallsBackToNewIssue(String jiraIssueKey) {
            var analysis = analyzer.analyze(LOGIN_BUG, jiraIssueKey, "SUP", ALLOWED, "timeout");

            assertThat(analysis.actions()).singleElement().satisfies(action -> {
                assertThat(action.type()).isEqualTo("create_issue");
                assertThat(action.project()).isEqualTo("SUP");
            });
        }

        @Test
        void explanationMentionsTheReason() {
            var analysis = analyzer.analyze(LOGIN_BUG, null, "SUP", ALLOWED, "the model timed out after 60 s");

            assertThat(analysis.explanation())
                    .startsWith("The AI analysis was not available (the model timed out after 60 s)")
                    .contains("keyword rules");
        }

        @Test
        void longReasonIsShortenedInTheExplanation() {
            var analysis = analyzer.analyze(LOGIN_BUG, null, "SUP", ALLOWED, "x".repeat(500));

            assertThat(analysis.explanation()).contains("(" + "x".repeat(199) + "…)").doesNotContain("x".repeat(200));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "  ")
        void missingReasonLeavesNoEmptyParentheses(String reason) {
            var analysis = analyzer.analyze(LOGIN_BUG, null, "SUP", ALLOWED, reason);

            assertThat(analysis.explanation()).startsWith("The AI analysis was not available, so keyword rules");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"Hello", "x\n\n\n", "Checkout is down!!! Production down for all users, urgent", CHECKOUT_CRASH})
        void resultPassesTheAnalysisContract(String text) {
            var validator = new AnalysisValidator();

            assertThat(validator.validate(analyzer.analyze(text, null, "SUP", ALLOWED, "LLM disabled"))).isEmpty();
            assertThat(validator.validate(analyzer.analyze(text, "WEB-12", "SUP", ALLOWED, "LLM disabled"))).isEmpty();
        }

        @Test
        void resultWithVeryLongFirstLinePassesTheAnalysisContract() {
            var analysis = fromEmail("a".repeat(300));

            assertThat(new AnalysisValidator().validate(analysis)).isEmpty();
        }
    }

    @Nested
    class NamedProjectAssigneeAndMood {

        private static Analysis demoFallback(String text) {
            // As in the demo profile: allowed projects WEB and OPS, fallback project OPS.
            return analyzer.analyze(text, null, "OPS", List.of("WEB", "OPS"), "LLM disabled");
        }

        @Test
        void urgentCheckoutCrashForWebAssignedToDanaIsProposedAsNamed() {
            var analysis = demoFallback(CHECKOUT_CRASH);

            assertThat(analysis.category()).isEqualTo("bug");
            assertThat(analysis.urgency()).isEqualTo("high");
            assertThat(analysis.sentiment()).isEqualTo("negative");
            assertThat(analysis.confidence()).isEqualTo(Analysis.Confidence.all(0.5));
            assertThat(analysis.summary()).isEqualTo(
                    "Checkout page crashes with a NullPointerException for all EU customers since the 14:00 deploy…");
            assertThat(analysis.actions()).containsExactly(ProposedAction.createIssue("WEB", "Bug",
                    "Checkout page crashes with a NullPointerException for all EU customers since the 14:00 deploy, "
                            + "customers are furious.",
                    CHECKOUT_CRASH, List.of("ai_fallback"), "Dana"));
        }

        @Test
        void textWithoutProjectOrPersonKeepsFallbackProjectAndNoAssignee() {
            var analysis = demoFallback("Checkout page crashes for all EU customers. Please have a look.");

            assertThat(analysis.actions()).singleElement().satisfies(action -> {
                assertThat(action.project()).isEqualTo("OPS");
                assertThat(action.assignee()).isNull();
                assertThat(action.summary()).isEqualTo("Checkout page crashes for all EU customers.");
            });
        }

        @Test
        void projectOutsideTheAllowedListKeepsFallbackProject() {
            var analysis = demoFallback("Please file a bug for SHOP, the cart is broken.");

            assertThat(analysis.actions()).singleElement()
                    .satisfies(action -> assertThat(action.project()).isEqualTo("OPS"));
        }

        @Test
        void withoutAllowedListOnlyAnExplicitProjectIsTaken() {
            var forWeb = analyzer.analyze(CHECKOUT_CRASH, null, "OPS", List.of(), "LLM disabled");
            var projectShop = analyzer.analyze("Crash in project SHOP for all EU customers", null, "OPS", List.of(),
                    "LLM disabled");

            assertThat(forWeb.actions()).singleElement()
                    .satisfies(action -> assertThat(action.project()).isEqualTo("OPS"));
            assertThat(projectShop.actions()).singleElement()
                    .satisfies(action -> assertThat(action.project()).isEqualTo("SHOP"));
        }

        @Test
        void redactedPersonIsNotProposedAsAssignee() {
            var analysis = demoFallback("Checkout crashes, please assign it to [NAME_1] in WEB.");

            assertThat(analysis.actions()).singleElement().satisfies(action -> {
                assertThat(action.assignee()).isNull();
                assertThat(action.project()).isEqualTo("WEB");
            });
        }

        @Test
        void germanRequestIsAnalysedTheSameWay() {
            var analysis = demoFallback("Der Checkout stürzt seit 14:00 für alle Kunden ab, die Kunden sind wütend. "
                    + "Bitte dringend im Projekt WEB erfassen und zuweisen an Dana.");

            assertThat(analysis.urgency()).isEqualTo("high");
            assertThat(analysis.sentiment()).isEqualTo("negative");
            assertThat(analysis.actions()).singleElement().satisfies(action -> {
                assertThat(action.project()).isEqualTo("WEB");
                assertThat(action.assignee()).isEqualTo("Dana");
                assertThat(action.summary())
                        .isEqualTo("Der Checkout stürzt seit 14:00 für alle Kunden ab, die Kunden sind wütend.");
            });
        }

        @Test
        void requestFromJiraIssueStillOnlyLabelsThatIssue() {
            var analysis = analyzer.analyze(CHECKOUT_CRASH, "WEB-12", "OPS", List.of("WEB", "OPS"), "timeout");

            assertThat(analysis.actions()).containsExactly(
                    ProposedAction.addLabels("WEB-12", List.of("ai_fallback", "bug")));
        }
    }

    @Nested
    class Summarise {

        @Test
        void takesTheFirstSentence() {
            assertThat(RuleBasedAnalyzer.summarise("Login broken since v1.2. Steps: open /login."))
                    .isEqualTo("Login broken since v1.2.");
        }

        @Test
        void takesTheFirstNonBlankLine() {
            assertThat(RuleBasedAnalyzer.summarise("\n\n  Login broken  \nMore details")).isEqualTo("Login broken");
        }

        @Test
        void keepsHundredCharacters() {
            assertThat(RuleBasedAnalyzer.summarise("x".repeat(100))).isEqualTo("x".repeat(100));
        }

        @Test
        void cutsLongerLinesToHundredCharactersWithEllipsis() {
            String summary = RuleBasedAnalyzer.summarise("y".repeat(150));

            assertThat(summary).hasSize(AnalysisValidator.MAX_SUMMARY_LENGTH).isEqualTo("y".repeat(99) + "…");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "\n\t"})
        void blankTextGivesPlaceholder(String text) {
            assertThat(RuleBasedAnalyzer.summarise(text)).isEqualTo("(empty request)");
        }
    }

    @Nested
    class IssueTypeFor {

        @ParameterizedTest(name = "{0} → {1}")
        @CsvSource({"bug, Bug", "incident, Bug", "feature, Story", "question, Task", "refund, Task", "other, Task"})
        void categoryMapsToIssueType(String category, String issueType) {
            assertThat(RuleBasedAnalyzer.issueTypeFor(category)).isEqualTo(issueType);
        }

        @Test
        void missingCategoryIsATask() {
            assertThat(RuleBasedAnalyzer.issueTypeFor(null)).isEqualTo("Task");
        }
    }
}
