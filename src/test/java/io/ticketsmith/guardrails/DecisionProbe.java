package io.ticketsmith.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;

/** Evaluates a decision table and reads which rule matched from the (freshly emptied) decision history. */
final class DecisionProbe {

    record Evaluation(String ruleId, Map<String, Object> outputs) {

        String output(String name) {
            return (String) outputs.get(name);
        }
    }

    private DecisionProbe() {
    }

    static Evaluation evaluate(ProcessEngine engine, String decisionKey, Map<String, Object> variables) {
        String definitionId = engine.getRepositoryService().createDecisionDefinitionQuery()
                .decisionDefinitionKey(decisionKey)
                .latestVersion()
                .singleResult()
                .getId();
        // Sorting by evaluation time could mix up two evaluations within the same millisecond.
        engine.getHistoryService().deleteHistoricDecisionInstanceByDefinitionId(definitionId);

        Map<String, Object> outputs = engine.getDecisionService()
                .evaluateDecisionTableByKey(decisionKey)
                .variables(variables)
                .evaluate()
                .getSingleResult()
                .getEntryMap();

        HistoricDecisionInstance evaluation = engine.getHistoryService().createHistoricDecisionInstanceQuery()
                .decisionDefinitionKey(decisionKey)
                .includeOutputs()
                .singleResult();
        assertThat(evaluation.getOutputs()).as("outputs of the matched rule").isNotEmpty();
        return new Evaluation(evaluation.getOutputs().get(0).getRuleId(), outputs);
    }
}
