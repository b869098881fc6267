package io.ticketsmith.intake;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** A request as {@code GET /api/requests/{id}} shows it. */
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
        JsonNode analysis,
        Guardrails guardrails,
        Review review,
        JsonNode actions,
        JsonNode actionResults,
        String statusUrl) {

    /** What the guardrails decided, with the rules that matched. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Guardrails(String route, String reason, String reviewerGroup, String reviewDue,
            Integer decisionVersion, List<String> matchedRules) {
    }

    /** The last review decision. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Review(String decision, String comment, String by, Instant at, JsonNode changes) {
    }
}
