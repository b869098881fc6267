package io.ticketsmith.replay;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.request.RequestJson;
import io.ticketsmith.request.Review;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * Finished requests in the engine's history as the request process leaves them: the deployed guardrails table
 * evaluated by a business rule task with the id of "Check guardrails", and the request's source, category, actions
 * and reviews as variables.
 */
final class RecordedHistory {

    static final String PROCESS = "replay-recorded-requests";

    private final RepositoryService repository;
    private final RuntimeService runtime;

    RecordedHistory(RepositoryService repository, RuntimeService runtime) {
        this.repository = repository;
        this.runtime = runtime;
    }

    void deploy() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1)
                .startEvent()
                .businessRuleTask(HandleRequestProcess.Elements.CHECK_GUARDRAILS).name("Check guardrails")
                .camundaDecisionRef("guardrails").camundaMapDecisionResult("singleResult")
                .camundaResultVariable("guardrailDecision")
                .endEvent()
                .done();
        repository.createDeployment().addModelInstance(PROCESS + ".bpmn", model).enableDuplicateFiltering(true)
                .deploy();
    }

    /**
     * The API tests' history: three sure requests approved unchanged, three unsure ones approved after an edit, and
     * one rejected, each through the deployed guardrails table.
     */
    void recordReviewedRequests() {
        deploy();
        for (int i = 0; i < 3; i++) {
            request("REQ-SURE-" + i, 0.95, "approve", false);
            request("REQ-UNSURE-" + i, 0.7, "approve", true);
        }
        request("REQ-REJECTED", 0.72, "reject", false);
    }

    /** One finished request whose guardrail inputs have the given confidence, reviewed as given (null: not at all). */
    void request(String requestId, double confidence, String reviewDecision, boolean edited) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("actionAssignees", List.of());
        variables.put("urgency", "medium");
        variables.put("sentiment", "neutral");
        variables.put("analysisSource", "llm");
        variables.put("minConfidence", confidence);
        variables.put("transitionTargets", List.of());
        variables.put("actionTypes", List.of("create_issue"));
        variables.put("actionsInAllowedProjects", false);
        variables.put("injectionScore", 0.0);
        variables.put("duplicateScore", 0.0);
        variables.put("source", "api");
        variables.put("category", "bug");
        variables.put("proposedActions", "[{\"type\":\"create_issue\",\"project\":\"WEB\",\"summary\":\"Login fails\"}]");
        if (reviewDecision != null) {
            List<Map<String, Object>> changes = edited ? List.of(Map.of("field", "project", "from", "WEB", "to", "OPS"))
                    : List.of();
            variables.put("reviews", RequestJson.text(List.of(new Review("reviewer", "2026-11-02T10:00:00Z",
                    reviewDecision, "reject".equals(reviewDecision) ? "wrong project" : null, changes, null))));
        }
        runtime.startProcessInstanceByKey(PROCESS, requestId, variables);
    }
}
