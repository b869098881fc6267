package io.ticketsmith.evaluation;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.request.HandleRequestProcess;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.springframework.stereotype.Component;

/**
 * The most recent finished requests that a person or the pipeline decided, read from history only, as replay cases:
 * the redacted request text, and as expected what was finally decided. The intent, category, urgency and sentiment
 * are the recorded analysis's (a reviewer accepts or rejects actions but does not relabel the request); the actions
 * are those approved and carried out ({@code actions} after the reviewer's {@code reviewChanges}), or none when a
 * reviewer rejected them.
 */
@Component
class FinishedRequests {

    private static final int PAGE = 100;
    /** Outcomes that say what should have happened: carried out, or rejected by a reviewer. */
    private static final Set<String> DECIDED = Set.of(HandleRequestProcess.Outcome.DONE.name(),
            HandleRequestProcess.Outcome.REJECTED.name());

    private final HistoryService history;

    FinishedRequests(HistoryService history) {
        this.history = history;
    }

    List<AnalysisBatch.Case> sample(int size) {
        List<AnalysisBatch.Case> cases = new ArrayList<>();
        for (int first = 0; cases.size() < size; first += PAGE) {
            List<HistoricProcessInstance> page = history.createHistoricProcessInstanceQuery()
                    .processDefinitionKey(HandleRequestProcess.KEY).completed().orderByProcessInstanceEndTime().desc()
                    .listPage(first, PAGE);
            for (HistoricProcessInstance instance : page) {
                AnalysisBatch.Case c = asCase(instance);
                if (c != null && cases.size() < size) {
                    cases.add(c);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return cases;
    }

    private AnalysisBatch.Case asCase(HistoricProcessInstance instance) {
        Map<String, Object> variables = variables(instance.getId());
        String outcome = Variables.OUTCOME.get(variables);
        String text = Variables.REQUEST_TEXT.get(variables);
        Analysis recorded;
        List<ProposedAction> actions;
        try {
            recorded = Variables.ANALYSIS.get(variables);
            actions = Variables.ACTIONS.get(variables);
        } catch (IllegalArgumentException unreadable) {
            // A request from before the analysis had its current shape cannot say what was expected of it.
            return null;
        }
        if (outcome == null || !DECIDED.contains(outcome) || text == null || text.isBlank() || recorded == null) {
            return null;
        }
        List<ProposedAction> approved = HandleRequestProcess.Outcome.DONE.name().equals(outcome) && actions != null
                ? actions : List.of();
        Analysis expected = new Analysis(recorded.intent(), recorded.summary(), recorded.category(),
                recorded.urgency(), recorded.sentiment(), null, null, approved);
        String id = instance.getBusinessKey() != null ? instance.getBusinessKey() : instance.getId();
        return new AnalysisBatch.Case(id, text, expected);
    }

    /** The request's own variables: not a task's working copies nor a step's local inputs, no Java objects. */
    private Map<String, Object> variables(String processInstanceId) {
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).disableCustomObjectDeserialization().list()) {
            if (processInstanceId.equals(variable.getActivityInstanceId()) && variable.getTaskId() == null
                    && !(variable.getTypedValue() instanceof ObjectValue) && variable.getValue() != null) {
                variables.put(variable.getName(), variable.getValue());
            }
        }
        return variables;
    }
}
