package io.ticketsmith.replay;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.ticketsmith.models.DecisionTables.Route;

/**
 * What a candidate guardrails table would have done to the recorded requests of a period.
 *
 * @param baseline     what the route changes compare with: the current table when one is deployed, else the
 *                     recorded routes
 * @param figures      AUTO share and AUTO precision of each table: {@code recorded} (what happened),
 *                     {@code current} (the latest deployed version, when there is one) and {@code candidate}
 * @param byCategory   the same figures per category of the analysis
 * @param byProject    the same figures per Jira project the actions touched
 * @param rules        how often each rule of the candidate decided, top to bottom
 * @param neverMatched rules of the candidate that decided no request
 * @param alwaysMatched rules of the candidate that decided every request
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayReport(String candidate, String current, String baseline, ReplayFilter filter, int requests,
        List<RouteChange> routeChanges, Map<String, Figures> figures, Map<String, Map<String, Figures>> byCategory,
        Map<String, Map<String, Figures>> byProject, List<RuleUse> rules, List<String> neverMatched,
        List<String> alwaysMatched, long tookMillis) {

    /** Requests whose route the candidate changes, with the first of their ids. */
    public record RouteChange(Route from, Route to, int count, List<String> requestIds, boolean idsTruncated) {
    }

    /**
     * One table's AUTO figures over a set of requests. Precision counts only the requests a person reviewed: the
     * share of them approved unchanged among those this table would have run without review; null when none was.
     */
    public record Figures(int requests, int auto, Double autoShare, int autoReviewed, int autoApprovedUnchanged,
            int autoEdited, int autoRejected, Double autoPrecision) {
    }

    public record RuleUse(String ruleId, int hits) {
    }

    /** The candidate's measured AUTO precision and the number of requests it rests on. */
    public Figures candidateFigures() {
        return figures.get(DecisionReplay.CANDIDATE);
    }
}
