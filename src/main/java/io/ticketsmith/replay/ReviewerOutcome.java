package io.ticketsmith.replay;

import java.util.List;

import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.request.Review;

/** What the reviewers made of a request's proposed actions: the ground truth a replay measures a table against. */
public enum ReviewerOutcome {
    /** Approved as proposed, in every round. */
    APPROVED_UNCHANGED,
    /** Approved after changing at least one field in some round. */
    EDITED,
    /** Rejected in the last round. */
    REJECTED,
    /** Nobody reviewed the request (it ran automatically, was refused by the guardrails, or expired). */
    NONE;

    /** Whether a person decided the request, so it tells whether running it without one would have been right. */
    public boolean reviewed() {
        return this != NONE;
    }

    /**
     * A rejection in the last round wins; an edit in any round means the proposal was not right as it stood, even
     * when a later round (after Jira refused an action) approved without changes.
     */
    public static ReviewerOutcome of(List<Review> reviews) {
        if (reviews == null || reviews.isEmpty()) {
            return NONE;
        }
        Review last = reviews.get(reviews.size() - 1);
        if (HandleRequestProcess.ReviewDecision.REJECT.equals(last.decision())) {
            return REJECTED;
        }
        if (!HandleRequestProcess.ReviewDecision.APPROVE.equals(last.decision())) {
            return NONE;
        }
        boolean edited = reviews.stream().anyMatch(review -> review.changes() != null && !review.changes().isEmpty());
        return edited ? EDITED : APPROVED_UNCHANGED;
    }
}
