package io.ticketsmith.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.ticketsmith.guardrails.GuardrailOutcome;
import io.ticketsmith.request.HandleRequestProcess.ReviewedActions;

import org.junit.jupiter.api.Test;

/** What happens to approved actions, by what the guardrails say of them and who approved them. */
class ReviewedActionsListenerTest {

    private static GuardrailOutcome decided(String route, String group) {
        return GuardrailOutcome.of(Map.of("route", route, "reason", "because", "reviewerGroup", group,
                "reviewDue", "PT1H"));
    }

    @Test
    void whatTheTableRefusesIsRefusedWhoeverApproved() {
        assertThat(ReviewedActionsListener.verdict(decided("REJECT", "reviewers"), List.of("camunda-admin")))
                .isEqualTo(ReviewedActions.REFUSE);
        assertThat(ReviewedActionsListener.verdict(decided("REJECT", "reviewers"), null))
                .isEqualTo(ReviewedActions.REFUSE);
    }

    @Test
    void anApproverOfTheDecidedGroupCarriesItOut() {
        assertThat(ReviewedActionsListener.verdict(decided("REVIEW", "reviewers"), List.of("reviewers")))
                .isEqualTo(ReviewedActions.EXECUTE);
        assertThat(ReviewedActionsListener.verdict(decided("AUTO", "reviewers"), List.of("reviewers")))
                .isEqualTo(ReviewedActions.EXECUTE);
    }

    @Test
    void whatTheTableWantsLeadsToSeeGoesToLeadsWhenAReviewerApproved() {
        assertThat(ReviewedActionsListener.verdict(decided("REVIEW", "leads"), List.of("reviewers")))
                .isEqualTo(ReviewedActions.REVIEW);
    }

    @Test
    void leadsAndAdministratorsMayApproveWhatReviewersMay() {
        assertThat(ReviewedActionsListener.verdict(decided("REVIEW", "reviewers"), List.of("leads")))
                .isEqualTo(ReviewedActions.EXECUTE);
        assertThat(ReviewedActionsListener.verdict(decided("REVIEW", "leads"), List.of("camunda-admin")))
                .isEqualTo(ReviewedActions.EXECUTE);
    }

    @Test
    void anUnknownRouteIsAReviewByTheReviewers() {
        assertThat(ReviewedActionsListener.verdict(decided("MAYBE", "leads"), List.of("api")))
                .isEqualTo(ReviewedActions.REVIEW);
    }
}
