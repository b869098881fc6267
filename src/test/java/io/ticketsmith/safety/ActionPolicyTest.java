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
}
