package io.ticketsmith.guardrails;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ticketsmith.analysis.ActionType;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.models.DecisionTables.Priority;

import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Service;

/**
 * The Jira priority of every proposed new issue, from {@code dmn/priority.dmn} (latest version). The request process
 * evaluates the table itself, once per new issue (the multi-instance business rule task "Decide Jira priority"),
 * with the {@link #inputs inputs} given here and the results put back with {@link #withDecided}; a dry-run plan
 * goes through the same two steps in {@link #decide}.
 */
@Service
public class PriorityDecider {

    /** Where in the list of actions the new issue of one {@link #inputs input} is; not an input of the table. */
    public static final String ACTION_INDEX = "actionIndex";

    private final DecisionService decisions;

    PriorityDecider(DecisionService decisions) {
        this.decisions = decisions;
    }

    /**
     * One entry per proposed new issue, in the order of the actions: the priority table's inputs by their names, and
     * the issue's position as {@value #ACTION_INDEX}. Empty when no new issue is proposed.
     */
    public List<Map<String, Object>> inputs(List<ProposedAction> actions, String urgency) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (int index = 0; index < actions.size(); index++) {
            ProposedAction action = actions.get(index);
            if (ActionType.CREATE_ISSUE.wireName().equals(action.type())) {
                Map<String, Object> input = new LinkedHashMap<>();
                input.put(ACTION_INDEX, index);
                input.put(Priority.REQUESTED_PRIORITY.name(), action.priority());
                input.put(Priority.URGENCY.name(), urgency);
                input.put(Priority.ISSUE_TYPE.name(), action.issueType());
                inputs.add(input);
            }
        }
        return inputs;
    }

    /**
     * The actions with the priority the table decided for one input's new issue. No decision (no rule matched)
     * leaves the issue's priority as proposed, and so, when none was, to Jira's project default.
     */
    public List<ProposedAction> withDecided(List<ProposedAction> actions, Map<String, ?> input, String priority) {
        if (priority == null) {
            return actions;
        }
        int index = ((Number) input.get(ACTION_INDEX)).intValue();
        List<ProposedAction> decided = new ArrayList<>(actions);
        decided.set(index, actions.get(index).withPriority(priority));
        return decided;
    }

    /** Decides every new issue's priority at once, outside a process (a dry-run plan). */
    public List<ProposedAction> decide(List<ProposedAction> actions, String urgency) {
        List<ProposedAction> decided = actions;
        for (Map<String, Object> input : inputs(actions, urgency)) {
            var result = decisions.evaluateDecisionTableByKey(Priority.KEY).variables(input).evaluate();
            String priority = result.isEmpty() ? null : Priority.PRIORITY.from(result.getSingleResult().getEntryMap());
            decided = withDecided(decided, input, priority);
        }
        return decided;
    }
}
