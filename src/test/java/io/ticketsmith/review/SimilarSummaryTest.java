package io.ticketsmith.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.ticketsmith.knowledge.Neighbour;

import org.junit.jupiter.api.Test;

class SimilarSummaryTest {

    @Test
    void eachNeighbourIsOneLineWithItsIssueOutcomeAndScore() {
        String summary = ReviewTaskListener.similarSummary(List.of(
                new Neighbour("request:1", "request", "Login page returns 500 after deploy", "WEB-1412", "DONE", 0.914),
                new Neighbour("jira:OPS-7", "jira", "Nightly export fails", "OPS-7", "Fixed", 0.5,
                        "https://acme.atlassian.net/browse/OPS-7")));

        assertThat(summary).isEqualTo("WEB-1412 · Login page returns 500 after deploy (DONE, similarity 0.91)\n"
                + "OPS-7 · Nightly export fails (Fixed, similarity 0.50) https://acme.atlassian.net/browse/OPS-7");
    }

    @Test
    void noNeighboursIsAnEmptyText() {
        assertThat(ReviewTaskListener.similarSummary(List.of())).isEmpty();
    }
}
