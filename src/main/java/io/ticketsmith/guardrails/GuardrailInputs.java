package io.ticketsmith.guardrails;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.models.DecisionTables.Guardrails;

/** The inputs of {@code dmn/guardrails.dmn}, derived from an analysis. */
public final class GuardrailInputs {

    private GuardrailInputs() {
    }

    /**
     * @param injectionScore  the prompt-injection screening's score, 0 to 1
     * @param allowedProjects {@code ticketsmith.safety.allowed-projects}
     */
    public static Map<String, Object> of(Analysis analysis, String analysisSource, double injectionScore,
            Collection<String> allowedProjects) {
        return of(analysis, analysisSource, injectionScore, allowedProjects, 0.0);
    }

    /**
     * @param duplicateScore how similar the closest known issue is, 0 to 1 ({@code Neighbour.duplicateScore})
     */
    public static Map<String, Object> of(Analysis analysis, String analysisSource, double injectionScore,
            Collection<String> allowedProjects, double duplicateScore) {
        return of(analysis, analysisSource, injectionScore, allowedProjects, duplicateScore, null);
    }

    /**
     * @param requestSource the request's source; {@code jira} and {@code zendesk} name their ticket system, any other
     *                      (or null) is {@code none}
     */
    public static Map<String, Object> of(Analysis analysis, String analysisSource, double injectionScore,
            Collection<String> allowedProjects, double duplicateScore, String requestSource) {
        List<ProposedAction> actions = analysis.actions() == null ? List.of() : analysis.actions();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put(Guardrails.ACTION_ASSIGNEES.name(), distinct(actions.stream().map(ProposedAction::assignee).toList()));
        inputs.put(Guardrails.URGENCY.name(), analysis.urgency());
        inputs.put(Guardrails.SENTIMENT.name(), analysis.sentiment());
        inputs.put(Guardrails.ANALYSIS_SOURCE.name(), analysisSource);
        inputs.put(Guardrails.INJECTION_SCORE.name(), injectionScore);
        inputs.put(Guardrails.MIN_CONFIDENCE.name(), analysis.confidence() == null ? 0.0 : analysis.confidence().min());
        inputs.put(Guardrails.TRANSITION_TARGETS.name(), distinct(actions.stream().map(ProposedAction::toStatus).toList()));
        inputs.put(Guardrails.ACTION_TYPES.name(), distinct(actions.stream().map(ProposedAction::type).toList()));
        inputs.put(Guardrails.ACTIONS_IN_ALLOWED_PROJECTS.name(), inAllowedProjects(actionProjects(actions),
                allowedProjects));
        inputs.put(Guardrails.DUPLICATE_SCORE.name(), duplicateScore);
        inputs.put(Guardrails.TICKET_SYSTEM.name(), ticketSystem(requestSource));
        return inputs;
    }

    /** The ticket system of a request's source: {@code jira}, {@code zendesk} or {@code none}. */
    public static String ticketSystem(String requestSource) {
        return requestSource != null && Guardrails.TICKET_SYSTEMS.contains(requestSource)
                ? requestSource : "none";
    }

    /** The projects the actions touch, each once: an action's project, or else its issue key's prefix. */
    static List<String> actionProjects(List<ProposedAction> actions) {
        return distinct(actions.stream().flatMap(action -> action.projectKeys().stream()).toList());
    }

    /**
     * Whether the actions may run without a person as far as their projects go: at least one project is known and
     * every one is on the list, by its exact Jira key. An empty list lets reviewers approve actions in any project
     * ({@code ActionPolicy}), but is no licence to run them automatically.
     *
     * @param projects the projects the actions touch, as {@link ProposedAction#projectKey()} gives them
     */
    public static boolean inAllowedProjects(Collection<String> projects, Collection<String> allowedProjects) {
        return !projects.isEmpty() && allowedProjects != null && !allowedProjects.isEmpty()
                && allowedProjects.containsAll(projects);
    }

    private static List<String> distinct(List<String> values) {
        return values.stream().filter(Objects::nonNull).distinct().toList();
    }
}
