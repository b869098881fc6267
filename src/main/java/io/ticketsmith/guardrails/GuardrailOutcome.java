package io.ticketsmith.guardrails;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import io.ticketsmith.models.DecisionTables.Guardrails;
import io.ticketsmith.models.DecisionTables.Route;

/**
 * What the guardrails decided, on the safe side: an unknown route becomes a review, a review without a group goes
 * to the reviewers, a review without a due time is due in {@link Guardrails#DEFAULT_REVIEW_DUE}. So a mistake in an
 * edited table can delay a request but never run it automatically. The process and the dry-run plan both read the
 * table's result through this.
 *
 * @param decidedRoute the route as the table gave it, when it was not one of {@link Route}
 */
public record GuardrailOutcome(Route route, String reason, String reviewerGroup, String reviewDue,
        String decidedRoute) {

    public static GuardrailOutcome of(Map<String, Object> result) {
        Map<String, Object> decision = result == null ? Map.of() : result;
        String decided = Guardrails.ROUTE.from(decision);
        Route route = Route.of(decided).orElse(Route.REVIEW);
        String group = Guardrails.REVIEWER_GROUP.from(decision);
        String due = Guardrails.REVIEW_DUE.from(decision);
        return new GuardrailOutcome(route, Guardrails.REASON.from(decision),
                group == null || group.isBlank() ? Guardrails.REVIEWERS : group,
                due == null || due.isBlank() ? Guardrails.DEFAULT_REVIEW_DUE : due,
                Route.of(decided).isPresent() ? null : decided);
    }

    /** Whether the table's route was not one the process knows, so it was taken as a review. */
    public boolean routeReplaced() {
        return decidedRoute != null || route == null;
    }

    /** When a review that starts at {@code now} is due. */
    public Date reviewDueAt(Date now) {
        return Date.from(now.toInstant().plus(Duration.parse(reviewDue)));
    }
}
