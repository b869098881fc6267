package io.ticketsmith.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract an analysis (from the LLM or edited by a reviewer) must meet before anything happens in Jira. */
class AnalysisValidatorTest {

    private final AnalysisValidator validator = new AnalysisValidator();

    /** A bug report the guardrails could let through: every field valid. */
    private static Analysis loginBug() {
        return new Analysis("create_issue", "Login page returns HTTP 500", "bug", "medium", "neutral",
                Analysis.Confidence.all(0.9), "The reporter describes a server error on login.",
                List.of(ProposedAction.createIssue("WEB", "Bug", "Login page returns HTTP 500", null,
                        List.of("login"), null)));
    }

    private static Analysis withIntent(String intent) {
        Analysis a = loginBug();
        return new Analysis(intent, a.summary(), a.category(), a.urgency(), a.sentiment(), a.confidence(),
                a.explanation(), a.actions());
    }

    private static Analysis withSummary(String summary) {
        Analysis a = loginBug();
        return new Analysis(a.intent(), summary, a.category(), a.urgency(), a.sentiment(), a.confidence(),
                a.explanation(), a.actions());
    }

    private static Analysis withCategory(String category) {
        Analysis a = loginBug();
        return new Analysis(a.intent(), a.summary(), category, a.urgency(), a.sentiment(), a.confidence(),
                a.explanation(), a.actions());
    }

    private static Analysis withUrgency(String urgency) {
        Analysis a = loginBug();
        return new Analysis(a.intent(), a.summary(), a.category(), urgency, a.sentiment(), a.confidence(),
                a.explanation(), a.actions());
    }

    private static Analysis withSentiment(String sentiment) {
        Analysis a = loginBug();
        return new Analysis(a.intent(), a.summary(), a.category(), a.urgency(), sentiment, a.confidence(),
                a.explanation(), a.actions());
    }

    private static Analysis withConfidence(Analysis.Confidence confidence) {
        Analysis a = loginBug();
        return new Analysis(a.intent(), a.summary(), a.category(), a.urgency(), a.sentiment(), confidence,
                a.explanation(), a.actions());
    }

    private static Analysis withExplanation(String explanation) {
        Analysis a = loginBug();
        return new Analysis(a.intent(), a.summary(), a.category(), a.urgency(), a.sentiment(), a.confidence(),
                explanation, a.actions());
    }

    private static Analysis withActions(ProposedAction... actions) {
        return loginBug().withActions(new ArrayList<>(Arrays.asList(actions)));
    }

    private static ProposedAction createIssueWithParent(String parent) {
        return new ProposedAction("create_issue", "WEB", "Sub-task", null, "Fix the login", null, null, null, null,
                parent, null, null, null, null, null, null);
    }

    private static ProposedAction ofType(String type) {
        return new ProposedAction(type, "WEB", null, "WEB-1", null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    @Test
    void validAnalysisHasNoErrors() {
        assertThat(validator.validate(loginBug())).isEmpty();
    }

    @Test
    void everyKindOfValidActionPasses() {
        var analysis = withActions(
                ProposedAction.createIssue("WEB", "Bug", "Login fails", "Details", List.of("login"), "anna"),
                createIssueWithParent("WEB-12"),
                ProposedAction.comment("WEB-12", "Looking into it."),
                ProposedAction.assign("WEB-12", "anna"),
                ProposedAction.transition("WEB-12", "In Progress"),
                ProposedAction.addLabels("WEB-12", List.of("login", "regression")),
                ProposedAction.draftReply("anna@example.com", "Your login problem", "We are on it."));

        assertThat(validator.validate(analysis)).isEmpty();
    }

    @Test
    void missingAnalysisAsksForAJsonObject() {
        assertThat(validator.validate(null)).singleElement().asString()
                .contains("JSON object").contains("intent").contains("actions");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        var analysis = new Analysis(null, null, null, null, null, null, null, null);

        assertThat(validator.validate(analysis)).hasSize(8);
    }

    @Nested
    class AllowedValues {

        @ParameterizedTest
        @ValueSource(strings = {"create_issue", "comment", "assign", "transition", "triage", "draft_reply", "question",
                "unknown"})
        void knownIntentIsAccepted(String intent) {
            assertThat(validator.validate(withIntent(intent))).isEmpty();
        }

        @Test
        void unknownIntentNamesTheAllowedValues() {
            assertThat(validator.validate(withIntent("escalate"))).containsExactly(
                    "intent must be one of [assign, comment, create_issue, draft_reply, question, transition, "
                            + "triage, unknown], not \"escalate\"");
        }

        @Test
        void missingIntentSaysNothingWasGiven() {
            assertThat(validator.validate(withIntent(null))).singleElement().asString()
                    .startsWith("intent must be one of").endsWith("not nothing");
        }

        @ParameterizedTest
        @ValueSource(strings = {"bug", "feature", "question", "incident", "refund", "other"})
        void knownCategoryIsAccepted(String category) {
            assertThat(validator.validate(withCategory(category))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"Bug", "defect", ""})
        void unknownCategoryIsRejected(String category) {
            assertThat(validator.validate(withCategory(category))).containsExactly(
                    "category must be one of [bug, feature, incident, other, question, refund], not \"" + category
                            + "\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"low", "medium", "high", "critical"})
        void knownUrgencyIsAccepted(String urgency) {
            assertThat(validator.validate(withUrgency(urgency))).isEmpty();
        }

        @Test
        void unknownUrgencyIsRejected() {
            assertThat(validator.validate(withUrgency("blocker"))).containsExactly(
                    "urgency must be one of [critical, high, low, medium], not \"blocker\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"positive", "neutral", "negative"})
        void knownSentimentIsAccepted(String sentiment) {
            assertThat(validator.validate(withSentiment(sentiment))).isEmpty();
        }

        @Test
        void unknownSentimentIsRejected() {
            assertThat(validator.validate(withSentiment("angry"))).containsExactly(
                    "sentiment must be one of [negative, neutral, positive], not \"angry\"");
        }
    }

    @Nested
    class Summary {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = "   ")
        void blankSummaryIsRequired(String summary) {
            assertThat(validator.validate(withSummary(summary))).containsExactly("summary is required");
        }

        @Test
        void summaryOfHundredCharactersIsAccepted() {
            assertThat(validator.validate(withSummary("x".repeat(100)))).isEmpty();
        }

        @Test
        void summaryOverHundredCharactersIsRejectedWithItsLength() {
            assertThat(validator.validate(withSummary("x".repeat(101)))).containsExactly(
                    "summary must be at most 100 characters, it has 101");
        }
    }

    @Nested
    class Confidence {

        @Test
        void missingConfidenceIsRequired() {
            assertThat(validator.validate(withConfidence(null))).singleElement().asString()
                    .startsWith("confidence is required");
        }

        @Test
        void boundsZeroAndOneAreAccepted() {
            assertThat(validator.validate(withConfidence(new Analysis.Confidence(0.0, 1.0, 0.0, 1.0)))).isEmpty();
        }

        @Test
        void eachValueOutsideZeroToOneIsNamedByItsPath() {
            var confidence = new Analysis.Confidence(-0.1, 1.1, Double.NaN, null);

            assertThat(validator.validate(withConfidence(confidence))).containsExactly(
                    "confidence.intent must be a number between 0.0 and 1.0, not -0.1",
                    "confidence.category must be a number between 0.0 and 1.0, not 1.1",
                    "confidence.urgency must be a number between 0.0 and 1.0, not NaN",
                    "confidence.sentiment must be a number between 0.0 and 1.0, not null");
        }
    }

    @Nested
    class ExplanationAndActions {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = " ")
        void blankExplanationIsRequired(String explanation) {
            assertThat(validator.validate(withExplanation(explanation))).containsExactly("explanation is required");
        }

        @Test
        void missingActionsAreRequired() {
            var analysis = loginBug().withActions(null);

            assertThat(validator.validate(analysis)).singleElement().asString().startsWith("actions is required");
        }

        @Test
        void emptyActionListIsFine() {
            assertThat(validator.validate(loginBug().withActions(List.of()))).isEmpty();
        }

        @Test
        void actionErrorsAreReportedWithTheAnalysisErrors() {
            var analysis = new Analysis("create_issue", "Login", "bug", "high", "nope", Analysis.Confidence.all(0.9),
                    "Because.", List.of(ProposedAction.comment("WEB-1", "")));

            assertThat(validator.validate(analysis)).containsExactly(
                    "sentiment must be one of [negative, neutral, positive], not \"nope\"",
                    "actions[0].body is required for comment");
        }
    }

    @Nested
    class Actions {

        @Test
        void nullActionMustBeAnObject() {
            assertThat(validator.validateActions(Arrays.asList(ProposedAction.comment("WEB-1", "ok"), null)))
                    .containsExactly("actions[1] must be an object");
        }

        @Test
        void unknownTypeNamesTheKnownTypes() {
            assertThat(validator.validateActions(List.of(ofType("delete_issue")))).containsExactly(
                    "actions[0].type must be one of [add_labels, assign, comment, create_issue, create_page, draft_reply, "
                            + "internal_note, link_issue, set_priority, tag, transition], not \"delete_issue\"");
        }

        @Test
        void zendeskActionsNeedTagsAKnownPriorityAndANoteBody() {
            assertThat(validator.validateActions(List.of(ProposedAction.tag(null, List.of("ai_bug")),
                    ProposedAction.setPriority("123", "high"), ProposedAction.internalNote(null, "AI Analysis: x"))))
                    .isEmpty();
            assertThat(validator.validateActions(List.of(ProposedAction.tag(null, List.of("two words")),
                    ProposedAction.setPriority(null, "critical"), ProposedAction.internalNote("ZD-1", " "))))
                    .containsExactly("actions[0].labels must not contain blank tags or tags with spaces",
                            "actions[1].priority must be one of [high, low, normal, urgent], not \"critical\"",
                            "actions[2].ticketId must be a Zendesk ticket id (digits) or empty for the request's ticket, "
                                    + "not \"ZD-1\"",
                            "actions[2].body is required for internal_note");
        }

        @Test
        void jiraActionsAreRefusedForAZendeskTicketAndZendeskActionsForOtherSources() {
            List<ProposedAction> actions = List.of(ProposedAction.comment("WEB-1", "x"),
                    ProposedAction.tag(null, List.of("ai_bug")), ProposedAction.createIssue("WEB", "Bug", "s", "d",
                            List.of(), null));

            assertThat(validator.validateForSource(actions, "zendesk")).containsExactly("actions[0].type comment is "
                    + "for Jira issues; this request is a Zendesk ticket: use tag, set_priority, internal_note, "
                    + "draft_reply or create_issue");
            assertThat(validator.validateForSource(actions, "jira")).containsExactly("actions[1].type tag is for "
                    + "Zendesk tickets; this request did not come from Zendesk");
        }

        @Test
        void linkNeedsTwoDifferentIssuesAndAKnownLinkType() {
            assertThat(validator.validateActions(List.of(
                    ProposedAction.linkIssue("WEB-1500", "WEB-1412", ProposedAction.LINK_DUPLICATE),
                    ProposedAction.linkIssue("WEB-1500", "WEB-1500", "Relates"),
                    ProposedAction.linkIssue("WEB-1500", "the login bug", "Clones")))).containsExactly(
                    "actions[1].linkedIssueKey must name another issue than issueKey",
                    "actions[2].linkedIssueKey must be an issue key like WEB-12, not \"the login bug\"",
                    "actions[2].linkType must be one of [Duplicate, Relates], not \"Clones\"");
        }

        @Test
        void missingTypeIsRejected() {
            assertThat(validator.validateActions(List.of(ofType(null)))).singleElement().asString()
                    .startsWith("actions[0].type must be one of").endsWith("not nothing");
        }

        @Test
        void createIssueNeedsProjectIssueTypeAndSummary() {
            var action = ProposedAction.createIssue(null, " ", "", null, null, null);

            assertThat(validator.validateActions(List.of(action))).containsExactly(
                    "actions[0].project must be a Jira project key like WEB, not nothing",
                    "actions[0].issueType is required for create_issue",
                    "actions[0].summary is required for create_issue");
        }

        @ParameterizedTest
        @ValueSource(strings = {"web", "WEB-1", "1WEB", "W EB", ""})
        void createIssueRejectsMalformedProjectKey(String project) {
            var action = ProposedAction.createIssue(project, "Bug", "Login fails", null, null, null);

            assertThat(validator.validateActions(List.of(action))).containsExactly(
                    "actions[0].project must be a Jira project key like WEB, not \"" + project + "\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"W", "WEB", "WEB2", "MY_PROJ"})
        void createIssueAcceptsWellFormedProjectKey(String project) {
            var action = ProposedAction.createIssue(project, "Bug", "Login fails", null, null, null);

            assertThat(validator.validateActions(List.of(action))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"WEB", "web-12", "WEB-0", "WEB-012", "WEB-", "12", ""})
        void createIssueRejectsMalformedParent(String parent) {
            assertThat(validator.validateActions(List.of(createIssueWithParent(parent)))).containsExactly(
                    "actions[0].parent must be an issue key like WEB-12, not \"" + parent + "\"");
        }

        @Test
        void createIssueWithoutParentIsFine() {
            assertThat(validator.validateActions(List.of(createIssueWithParent(null)))).isEmpty();
        }

        @Test
        void commentNeedsIssueKeyAndBody() {
            assertThat(validator.validateActions(List.of(ProposedAction.comment(null, null)))).containsExactly(
                    "actions[0].issueKey must be an issue key like WEB-12, not nothing",
                    "actions[0].body is required for comment");
        }

        @Test
        void assignNeedsIssueKeyAndAssignee() {
            assertThat(validator.validateActions(List.of(ProposedAction.assign("WEB-12", " ")))).containsExactly(
                    "actions[0].assignee is required for assign");
        }

        @Test
        void transitionNeedsIssueKeyAndTargetStatus() {
            assertThat(validator.validateActions(List.of(ProposedAction.transition("WEB 12", null)))).containsExactly(
                    "actions[0].issueKey must be an issue key like WEB-12, not \"WEB 12\"",
                    "actions[0].toStatus is required for transition");
        }

        @ParameterizedTest
        @ValueSource(strings = {"web-12", "WEB-0", "WEB12", "-12", "WEB-12 "})
        void malformedIssueKeyIsRejected(String issueKey) {
            assertThat(validator.validateActions(List.of(ProposedAction.assign(issueKey, "anna")))).containsExactly(
                    "actions[0].issueKey must be an issue key like WEB-12, not \"" + issueKey + "\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"WEB-1", "W2-99", "MY_PROJ-12345"})
        void wellFormedIssueKeyIsAccepted(String issueKey) {
            assertThat(validator.validateActions(List.of(ProposedAction.assign(issueKey, "anna")))).isEmpty();
        }

        @Test
        void addLabelsNeedsAtLeastOneLabel() {
            assertThat(validator.validateActions(List.of(
                    ProposedAction.addLabels("WEB-12", null),
                    ProposedAction.addLabels("WEB-12", List.of())))).containsExactly(
                    "actions[0].labels must list at least one label for add_labels",
                    "actions[1].labels must list at least one label for add_labels");
        }

        @ParameterizedTest
        @ValueSource(strings = {"needs triage", "", " "})
        void addLabelsRejectsBlankLabelsAndLabelsWithSpaces(String label) {
            var action = ProposedAction.addLabels("WEB-12", List.of("login", label));

            assertThat(validator.validateActions(List.of(action))).containsExactly(
                    "actions[0].labels must not contain blank labels or labels with spaces");
        }

        @Test
        void addLabelsNeedsIssueKey() {
            assertThat(validator.validateActions(List.of(ProposedAction.addLabels(null, List.of("login")))))
                    .containsExactly("actions[0].issueKey must be an issue key like WEB-12, not nothing");
        }

        @Test
        void draftReplyNeedsSubjectAndBodyButNoIssue() {
            assertThat(validator.validateActions(List.of(ProposedAction.draftReply(null, "", null)))).containsExactly(
                    "actions[0].subject is required for draft_reply",
                    "actions[0].body is required for draft_reply");
        }

        @Test
        void messagesNameThePositionOfTheFaultyAction() {
            var actions = List.of(
                    ProposedAction.comment("WEB-1", "Fine"),
                    ProposedAction.comment("nope", "Fine"),
                    ProposedAction.assign("WEB-3", null));

            assertThat(validator.validateActions(actions)).containsExactly(
                    "actions[1].issueKey must be an issue key like WEB-12, not \"nope\"",
                    "actions[2].assignee is required for assign");
        }

        @Test
        void noActionsHaveNoErrors() {
            assertThat(validator.validateActions(List.of())).isEmpty();
        }
    }

    @Test
    void actionOnAnExistingIssueNamingAProjectIsRefused() {
        ProposedAction disguised = new ProposedAction("comment", "WEB", null, "HR-7", null, null, null, null, null,
                null, null, "Salary list attached", null, null, null, null);

        assertThat(validator.validateActions(List.of(disguised)))
                .containsExactly("actions[0].project must not be set for comment: the issue key names the project");
    }

    @Nested
    class CreatePage {

        private List<String> errors(ProposedAction page) {
            return validator.validateActions(List.of(page));
        }

        @Test
        void postMortemWithSpaceTitleTemplateAndTextIsValid() {
            assertThat(errors(ProposedAction.createPage("ENG", "65538", "Checkout outage", "post-mortem",
                    "## Summary\nPayments failed.", "WEB-7"))).isEmpty();
            assertThat(errors(ProposedAction.createPage("~dana", null, "Login notes", "ticket-summary", "x", null)))
                    .isEmpty();
        }

        @Test
        void spaceTitleTemplateAndTextAreRequired() {
            assertThat(errors(ProposedAction.createPage(null, null, " ", null, null, null))).containsExactly(
                    "actions[0].space must be a Confluence space key like ENG, not nothing",
                    "actions[0].summary is required for create_page",
                    "actions[0].template must be one of [post-mortem, ticket-summary], not nothing",
                    "actions[0].body is required for create_page");
        }

        @Test
        void unknownTemplateNamesTheKnownOnes() {
            assertThat(errors(ProposedAction.createPage("ENG", null, "Runbook", "runbook", "x", null)))
                    .containsExactly("actions[0].template must be one of [post-mortem, ticket-summary], not \"runbook\"");
        }

        @Test
        void issueKeyMustBeWellFormedWhenGiven() {
            assertThat(errors(ProposedAction.createPage("ENG", null, "Outage", "post-mortem", "x", "web 7")))
                    .containsExactly("actions[0].issueKey must be an issue key like WEB-12, not \"web 7\"");
        }

        @Test
        void parentMustBeAPageIdAndSpaceAKey() {
            assertThat(errors(ProposedAction.createPage("ENG SPACE", "Home", "Outage", "post-mortem", "x", null)))
                    .containsExactly("actions[0].space must be a Confluence space key like ENG, not \"ENG SPACE\"",
                            "actions[0].parent must be a Confluence page id (digits) or empty, not \"Home\"");
        }

        @Test
        void titleLongerThanConfluenceAllowsIsRefused() {
            assertThat(errors(ProposedAction.createPage("ENG", null, "x".repeat(256), "post-mortem", "x", null)))
                    .containsExactly("actions[0].summary (the page title) must be at most 255 characters, it has 256");
        }
    }
}
