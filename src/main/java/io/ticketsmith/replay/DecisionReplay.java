package io.ticketsmith.replay;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.ticketsmith.models.DecisionTables.Route;

/**
 * Replays recorded guardrails decisions through a candidate table and compares it with what happened, the reviewers'
 * decisions being the ground truth. It streams the history and keeps counts and a bounded list of request ids, so
 * memory does not grow with the period.
 */
public class DecisionReplay {

    static final String RECORDED = "recorded";
    static final String CURRENT = "current";
    static final String CANDIDATE = "candidate";
    private static final String NONE = "(none)";

    private final RecordedDecisions history;
    private final int maxIdsPerChange;

    public DecisionReplay(RecordedDecisions history, int maxIdsPerChange) {
        this.history = history;
        this.maxIdsPerChange = maxIdsPerChange;
    }

    /**
     * @param current the latest deployed table, or null to compare with the recorded routes only
     * @throws ReplayRefusedException when the candidate reads an input some recorded decision lacks, or fails on one
     */
    public ReplayReport replay(CandidateTable candidate, CandidateTable current, ReplayFilter filter) {
        long started = System.nanoTime();
        Run run = new Run(candidate, current);
        history.forEach(filter.from(), filter.to(), request -> {
            if (filter.matches(request)) {
                run.add(request);
            }
        });
        return run.report(candidate, current, filter, (System.nanoTime() - started) / 1_000_000);
    }

    private final class Run {
        final CandidateTable candidate;
        final CandidateTable current;
        int requests;
        final Map<Route, Map<Route, Change>> changes = new EnumMap<>(Route.class);
        final Map<String, Tally> overall = new LinkedHashMap<>();
        final Map<String, Map<String, Tally>> byCategory = new TreeMap<>();
        final Map<String, Map<String, Tally>> byProject = new TreeMap<>();
        final Map<String, Integer> hits = new LinkedHashMap<>();

        Run(CandidateTable candidate, CandidateTable current) {
            this.candidate = candidate;
            this.current = current;
            candidate.ruleIds().forEach(rule -> hits.put(rule, 0));
        }

        void add(RecordedRequest request) {
            requireInputs(request);
            CandidateTable.Evaluation proposed = candidate.evaluate(request.inputs());
            Route currentRoute = current == null ? null : current.evaluate(request.inputs()).route();
            Route recordedRoute = request.recordedRoute() == null ? Route.REVIEW : request.recordedRoute();
            requests++;
            proposed.matchedRules().forEach(rule -> hits.merge(rule, 1, Integer::sum));
            Route baseline = currentRoute != null ? currentRoute : recordedRoute;
            if (baseline != proposed.route()) {
                changes.computeIfAbsent(baseline, from -> new EnumMap<>(Route.class))
                        .computeIfAbsent(proposed.route(), to -> new Change()).add(request.requestId());
            }
            Map<String, Route> routes = new LinkedHashMap<>();
            routes.put(RECORDED, recordedRoute);
            if (currentRoute != null) {
                routes.put(CURRENT, currentRoute);
            }
            routes.put(CANDIDATE, proposed.route());
            count(overall, routes, request.reviewerOutcome());
            count(byCategory.computeIfAbsent(request.category() == null ? NONE : request.category(),
                    category -> new LinkedHashMap<>()), routes, request.reviewerOutcome());
            for (String project : request.projects().isEmpty() ? List.of(NONE) : new TreeSet<>(request.projects())) {
                count(byProject.computeIfAbsent(project, key -> new LinkedHashMap<>()), routes,
                        request.reviewerOutcome());
            }
        }

        private void requireInputs(RecordedRequest request) {
            for (String input : candidate.inputNames()) {
                if (!request.inputs().containsKey(input)) {
                    Set<String> recorded = new TreeSet<>(request.inputs().keySet());
                    throw new ReplayRefusedException("The candidate table reads the input '" + input + "', which the "
                            + "recorded guardrails decisions lack (first: request " + request.requestId()
                            + ", evaluated " + request.evaluatedAt() + "); recorded inputs: " + recorded);
                }
            }
        }

        private static void count(Map<String, Tally> tallies, Map<String, Route> routes, ReviewerOutcome outcome) {
            routes.forEach((table, route) -> tallies.computeIfAbsent(table, key -> new Tally()).add(route, outcome));
        }

        ReplayReport report(CandidateTable candidate, CandidateTable current, ReplayFilter filter, long tookMillis) {
            List<ReplayReport.RouteChange> routeChanges = new ArrayList<>();
            changes.forEach((from, tos) -> tos.forEach((to, change) -> routeChanges.add(new ReplayReport.RouteChange(
                    from, to, change.count, List.copyOf(change.ids), change.count > change.ids.size()))));
            routeChanges.sort((a, b) -> Integer.compare(b.count(), a.count()));
            List<ReplayReport.RuleUse> rules = new ArrayList<>();
            hits.forEach((rule, count) -> rules.add(new ReplayReport.RuleUse(rule, count)));
            List<String> never = rules.stream().filter(rule -> rule.hits() == 0).map(ReplayReport.RuleUse::ruleId)
                    .toList();
            List<String> always = requests == 0 ? List.of() : rules.stream().filter(rule -> rule.hits() == requests)
                    .map(ReplayReport.RuleUse::ruleId).toList();
            return new ReplayReport(candidate.label(), current == null ? null : current.label(),
                    current == null ? RECORDED : CURRENT, filter, requests, routeChanges, figures(overall),
                    grouped(byCategory), grouped(byProject), rules, never, always, tookMillis);
        }

        private static Map<String, Map<String, ReplayReport.Figures>> grouped(Map<String, Map<String, Tally>> groups) {
            Map<String, Map<String, ReplayReport.Figures>> figures = new LinkedHashMap<>();
            groups.forEach((group, tallies) -> figures.put(group, figures(tallies)));
            return figures;
        }

        private static Map<String, ReplayReport.Figures> figures(Map<String, Tally> tallies) {
            Map<String, ReplayReport.Figures> figures = new LinkedHashMap<>();
            tallies.forEach((table, tally) -> figures.put(table, tally.figures()));
            return figures;
        }
    }

    private final class Change {
        int count;
        final List<String> ids = new ArrayList<>();

        void add(String requestId) {
            count++;
            if (ids.size() < maxIdsPerChange) {
                ids.add(requestId);
            }
        }
    }

    /** One table's counts over one group of requests. */
    static final class Tally {
        int requests;
        int auto;
        int autoReviewed;
        int autoApprovedUnchanged;
        int autoEdited;
        int autoRejected;

        void add(Route route, ReviewerOutcome outcome) {
            requests++;
            if (route != Route.AUTO) {
                return;
            }
            auto++;
            switch (outcome) {
                case APPROVED_UNCHANGED -> autoApprovedUnchanged++;
                case EDITED -> autoEdited++;
                case REJECTED -> autoRejected++;
                case NONE -> {
                    return;
                }
            }
            autoReviewed++;
        }

        ReplayReport.Figures figures() {
            return new ReplayReport.Figures(requests, auto, requests == 0 ? null : (double) auto / requests,
                    autoReviewed, autoApprovedUnchanged, autoEdited, autoRejected,
                    autoReviewed == 0 ? null : (double) autoApprovedUnchanged / autoReviewed);
        }
    }
}
