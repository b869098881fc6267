package io.ticketsmith.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.jira.ActionResult;
import io.ticketsmith.knowledge.Neighbour;

/** A request as {@code GET /api/requests/{id}} shows it: a projection of its {@link DecisionRecord}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestView(
        String id,
        String externalId,
        String source,
        String reporter,
        String processInstanceId,
        RequestStatus status,
        Instant createdAt,
        Instant updatedAt,
        String analysisSource,
        Analysis analysis,
        DecisionRecord.Guardrails guardrails,
        Review review,
        List<ProposedAction> actions,
        List<ActionResult> actionResults,
        List<Neighbour> similar,
        String statusUrl) {

    /** The last review decision. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Review(String decision, String comment, String by, Instant at, List<Map<String, Object>> changes) {

        static Review of(io.ticketsmith.request.Review review) {
            return review == null ? null : new Review(review.decision(), review.comment(), review.by(),
                    review.at() == null ? null : Instant.parse(review.at()), review.changes());
        }
    }
}
