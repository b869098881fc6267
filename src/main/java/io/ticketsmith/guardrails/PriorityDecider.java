package io.ticketsmith.guardrails;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ticketsmith.analysis.ActionType;
import io.ticketsmith.analysis.ProposedAction;

import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Service;

/** Sets the Jira priority of every proposed new issue from {@code dmn/priority.dmn} (latest version). */
@Service
public class PriorityDecider {

    private final DecisionService decisions;

    PriorityDecider(DecisionService decisions) {
        this.decisions = decisions;
    }

    public List<ProposedAction> decide(List<ProposedAction> actions, String urgency) {
        List<ProposedAction> decided = new ArrayList<>(actions.size());
        for (ProposedAction action : actions) {
            if (ActionType.CREATE_ISSUE.wireName().equals(action.type())) {
                Map<String, Object> input = new HashMap<>();
                input.put("requestedPriority", action.priority());
                input.put("urgency", urgency);
                input.put("issueType", action.issueType());
                var result = decisions.evaluateDecisionTableByKey("priority").variables(input).evaluate();
                // No matching rule leaves the priority to Jira's project default.
                String priority = result.isEmpty()
                        ? action.priority()
                        : (String) result.getSingleResult().getEntry("priority");
                decided.add(action.withPriority(priority));
            } else {
                decided.add(action);
            }
        }
        return decided;
    }
}
