package io.ticketsmith.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.ticketsmith.models.DecisionTables;
import io.ticketsmith.observability.TicketsmithMetrics;

/**
 * How one request's triage went, as {@code ts_triage_outcome} keeps it. Every value is one of a closed set: what
 * the process variables say is read as hostile (anyone who may reach the engine REST API can set them), so an
 * unknown value becomes {@code other} or {@code none} here rather than a new key in a report.
 *
 * @param source    a {@link TicketsmithMetrics#sourceLabel source label}
 * @param category  a value of {@link TicketsmithMetrics#CATEGORIES}, or null when nobody analysed the request;
 *                  likewise {@code urgency} and {@code sentiment}
 * @param analysis  {@code llm}, {@code fallback} or {@code none}
 * @param route     the guardrails' route ({@code AUTO}, {@code REVIEW}, {@code REJECT}) or {@code none}
 * @param review    a value of {@link #REVIEWS}
 * @param outcome   the process outcome ({@code DONE}, {@code REFUSED}, {@code REJECTED}, {@code EXPIRED},
 *                  {@code FAILED})
 * @param triaged   whether the request reached a decision (done, refused, rejected)
 */
public record TriageOutcome(String requestId, Instant endedAt, String source, String category, String urgency,
        String sentiment, String analysis, String route, String review, String outcome, boolean triaged) {

    public static final String NONE = "none";
    /** The same words as {@code ticketsmith.review.decisions}, plus {@code none} for a request nobody reviewed. */
    public static final String APPROVED = "approved";
    public static final String EDITED = "edited";
    public static final String REJECTED = "rejected";
    public static final String EXPIRED = "expired";
    public static final List<String> REVIEWS = List.of(APPROVED, EDITED, REJECTED, EXPIRED, NONE);
    public static final List<String> ROUTES = List.of(DecisionTables.Route.AUTO.value(),
            DecisionTables.Route.REVIEW.value(), DecisionTables.Route.REJECT.value(), NONE);
    public static final List<String> OUTCOMES = List.of("DONE", "REFUSED", "REJECTED", "EXPIRED", "FAILED");

    public TriageOutcome {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(endedAt, "endedAt");
        source = TicketsmithMetrics.sourceLabel(source);
        analysis = TicketsmithMetrics.analysisLabel(analysis);
        boolean analysed = !TicketsmithMetrics.ANALYSIS_NONE.equals(analysis);
        category = analysed ? TicketsmithMetrics.label(category, TicketsmithMetrics.CATEGORIES) : null;
        urgency = analysed ? TicketsmithMetrics.label(urgency, TicketsmithMetrics.URGENCIES) : null;
        sentiment = analysed ? TicketsmithMetrics.label(sentiment, TicketsmithMetrics.SENTIMENTS) : null;
        route = oneOf(route, ROUTES, NONE);
        review = oneOf(review, REVIEWS, NONE);
        outcome = oneOf(outcome, OUTCOMES, "FAILED");
    }

    /**
     * What the reviews of a request came to: {@code expired} if nobody decided in time; otherwise nothing, a
     * rejection (the last round's decision), or an approval that changed an action in any round ({@code edited})
     * or none ({@code approved}).
     */
    public static String review(boolean expired, boolean reviewed, boolean rejected, boolean edited) {
        if (expired) {
            return EXPIRED;
        }
        if (!reviewed) {
            return NONE;
        }
        return rejected ? REJECTED : edited ? EDITED : APPROVED;
    }

    private static String oneOf(String value, List<String> known, String otherwise) {
        return value != null && known.contains(value) ? value : otherwise;
    }

    /** The values of {@code source}: the known sources and {@code other}. */
    static Set<String> sources() {
        return Set.copyOf(Stream.concat(TicketsmithMetrics.KNOWN_SOURCES.stream(), Stream.of(TicketsmithMetrics.OTHER))
                .toList());
    }
}
