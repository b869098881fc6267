package io.ticketsmith.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.ticketsmith.analysis.ProposedAction;

import org.junit.jupiter.api.Test;

class ActionPolicyTest {

    private final SafetyProperties webAndOpsOnly = new SafetyProperties(List.of("WEB", "OPS"),
            List.of("create_issue", "comment", "assign", "transition", "add_labels"), List.of(), List.of(), "OPS");
    private final ActionPolicy policy = new ActionPolicy(webAndOpsOnly, new JiraTextSanitizer(webAndOpsOnly),
            new PiiVault(null, new PiiProperties(false, null)));

    @Test
    void actionsInAllowedProjectsMayRun() {
        assertThat(policy.violations(List.of(ProposedAction.comment("WEB-1", "hi"),
                ProposedAction.createIssue("OPS", "Task", "Rotate keys", null, List.of(), null)))).isEmpty();
    }

    @Test
    void actionOnAnotherProjectIsRefusedNamingIt() {
        assertThat(policy.violations(List.of(ProposedAction.comment("WEB-1", "hi"), ProposedAction.assign("FIN-7", "ceo"))))
                .containsExactly("action 2: project FIN is not allowed (allowed: WEB, OPS)");
    }

    @Test
    void commentClaimingAnAllowedProjectOnAnotherProjectsIssueIsRefused() {
        ProposedAction disguised = new ProposedAction("comment", "WEB", null, "HR-7", null, null, null, null, null,
                null, null, "Salary list attached", null, null, null, null);

        assertThat(disguised.projectKey()).isEqualTo("HR");
        assertThat(policy.violations(List.of(disguised)))
                .containsExactly("action 1: project HR is not allowed (allowed: WEB, OPS)");
    }

    @Test
    void actionTypeOutsideTheAllowedSetIsRefused() {
        assertThat(policy.violations(List.of(ProposedAction.draftReply("[EMAIL_1]", "Re", "Hello"))))
                .containsExactly("action 1: type draft_reply is not allowed");
    }

    @Test
    void textForJiraIsSanitisedAndCarriesTheRequestId() {
        ProposedAction forJira = policy.forJira(
                ProposedAction.comment("WEB-1", "Reset at https://evil.example.net now"), "REQ-9");

        assertThat(forJira.body()).isEqualTo("Reset at hxxps[://]evil[.]example[.]net now\n\n—\nTicketsmith request REQ-9");
    }

    @Test
    void newIssueDescriptionCarriesTheRequestIdEvenWhenEmpty() {
        ProposedAction forJira = policy.forJira(
                ProposedAction.createIssue("WEB", "Bug", "Broken", null, List.of(), null), "REQ-9");

        assertThat(forJira.description()).isEqualTo("\n\n—\nTicketsmith request REQ-9");
    }

    // --- Confluence pages ------------------------------------------------------------------------------------------

    private static final ProposedAction POST_MORTEM = ProposedAction.createPage("ENG", null, "Checkout outage",
            "post-mortem", "## Summary\nPayments failed.", "WEB-7");

    private static ActionPolicy pagesIn(List<String> spaces, boolean confluenceConfigured) {
        SafetyProperties properties = new SafetyProperties(List.of("WEB", "OPS"), List.of(), List.of(), List.of(), "OPS",
                spaces);
        return new ActionPolicy(properties, new JiraTextSanitizer(properties),
                new PiiVault(null, new PiiProperties(false, null)), confluenceConfigured);
    }

    @Test
    void pageInAnAllowedSpaceMayRun() {
        assertThat(pagesIn(List.of("ENG", "OPS"), true).violations(List.of(POST_MORTEM))).isEmpty();
    }

    @Test
    void pageInAnotherSpaceIsRefusedNamingIt() {
        ProposedAction hrPage = ProposedAction.createPage("hr", null, "Salaries", "ticket-summary", "## Problem\nx", null);

        assertThat(pagesIn(List.of("ENG", "OPS"), true).violations(List.of(POST_MORTEM, hrPage)))
                .containsExactly("action 2: Confluence space hr is not allowed (allowed: ENG, OPS)");
    }

    @Test
    void pageSpaceIsComparedWithoutCase() {
        ProposedAction lowerCase = ProposedAction.createPage("eng", null, "Checkout outage", "post-mortem", "x", null);

        assertThat(pagesIn(List.of("ENG"), true).violations(List.of(lowerCase))).isEmpty();
    }

    @Test
    void emptySpaceListAllowsAnySpace() {
        ProposedAction anySpace = ProposedAction.createPage("FIN", null, "Quarter", "ticket-summary", "x", null);

        assertThat(pagesIn(List.of(), true).violations(List.of(anySpace))).isEmpty();
    }

    @Test
    void pageAboutAnIssueOfAnotherProjectIsRefusedLikeAnyActionOnIt() {
        ProposedAction aboutHr = ProposedAction.createPage("ENG", null, "Payroll incident", "post-mortem", "x", "HR-7");

        assertThat(pagesIn(List.of("ENG"), true).violations(List.of(aboutHr)))
                .containsExactly("action 1: project HR is not allowed (allowed: WEB, OPS)");
    }

    @Test
    void pageWithoutAConfiguredConfluenceIsRefusedSoItGoesBackToReview() {
        assertThat(pagesIn(List.of(), false).violations(List.of(POST_MORTEM))).singleElement().asString()
                .startsWith("action 1: Confluence is not configured");
    }

    @Test
    void pageTextIsSanitisedAndKeepsSpaceAndTemplate() {
        ProposedAction forConfluence = pagesIn(List.of("ENG"), true).forJira(ProposedAction.createPage("ENG", "65538",
                "Outage", "post-mortem", "## Summary\n- see https://evil.example.net", "WEB-7"), "REQ-9");

        assertThat(forConfluence.body()).isEqualTo("## Summary\n- see hxxps[://]evil[.]example[.]net");
        assertThat(forConfluence.space()).isEqualTo("ENG");
        assertThat(forConfluence.template()).isEqualTo("post-mortem");
        assertThat(forConfluence.parent()).isEqualTo("65538");
    }
}
