package io.ticketsmith.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How triage went for the requests that ended in {@code [from, to)}: the figures of the Grafana dashboard "Triage",
 * for those without Grafana. Every map has every key of its closed set, zero included, so a client never has to
 * tell "none" from "not reported". A share is null where there is nothing to divide by.
 *
 * @param requests      requests that ended in the range
 * @param analysed      of those, the ones the LLM or the keyword rules analysed; the category, urgency and
 *                      sentiment counts add up to this
 * @param negativeShare negative sentiment among the analysed requests
 * @param highUrgency   analysed requests of urgency high or critical
 * @param llmShare      analysed by the LLM among those analysed by the LLM or the keyword rules (fallback)
 * @param routes        the guardrails' routes: {@code AUTO}, {@code REVIEW}, {@code REJECT} (refused), {@code none}
 * @param autoShare     routed AUTO among those routed AUTO or REVIEW
 * @param reviews       what the reviews came to, per request: approved unchanged, edited, rejected, expired (nobody
 *                      decided in time) or none (not reviewed)
 * @param agreement     approved unchanged among the requests a reviewer decided (approved, edited, rejected)
 * @param triaged       requests that reached a decision: done, refused by the guardrails or rejected by a reviewer
 * @param successRate   triaged among all requests; an expired or failed request is a triage failure
 * @param days          one entry per UTC day of the range, days without requests included
 */
@JsonPropertyOrder({"from", "to", "requests", "analysed", "categories", "urgencies", "sentiments", "sources",
        "negativeShare", "highUrgency", "analyses", "llmShare", "routes", "autoShare", "reviews", "agreement",
        "triaged", "successRate", "days"})
public record TriageSummary(Instant from, Instant to, long requests, long analysed, Map<String, Long> categories,
        Map<String, Long> urgencies, Map<String, Long> sentiments, Map<String, Long> sources, Double negativeShare,
        long highUrgency, Map<String, Long> analyses, Double llmShare, Map<String, Long> routes, Double autoShare,
        Map<String, Long> reviews, Double agreement, long triaged, Double successRate, List<Day> days) {

    /** One UTC day of the summary. */
    @JsonPropertyOrder({"day", "requests", "negative", "highUrgency", "llm", "fallback", "auto", "review", "triaged"})
    public record Day(LocalDate day, long requests, long negative, long highUrgency, long llm, long fallback,
            long auto, long review, long triaged) {

        static Day empty(LocalDate day) {
            return new Day(day, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    /** {@code part / whole}, or null when the whole is nothing. */
    static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
