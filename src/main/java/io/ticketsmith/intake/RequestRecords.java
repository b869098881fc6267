package io.ticketsmith.intake;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ticketsmith.jira.ActionLedger;
import io.ticketsmith.jira.JdbcJiraCallLog;
import io.ticketsmith.request.HandleRequestProcess.Variables;
import io.ticketsmith.safety.PiiRedactor;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.springframework.stereotype.Service;

/**
 * Everything needed to explain one request afterwards, gathered from its row, its process history, the action
 * ledger and the decision audit: the decision record auditors ask for.
 */
@Service
class RequestRecords {

    private final RequestRegistry registry;
    private final HistoryService history;
    private final RequestHistory requestHistory;
    private final ActionLedger ledger;
    private final PiiRedactor redactor;
    private final JdbcJiraCallLog jiraCalls;

    RequestRecords(RequestRegistry registry, HistoryService history, RequestHistory requestHistory,
            ActionLedger ledger, PiiRedactor redactor, JdbcJiraCallLog jiraCalls) {
        this.registry = registry;
        this.history = history;
        this.requestHistory = requestHistory;
        this.ledger = ledger;
        this.redactor = redactor;
        this.jiraCalls = jiraCalls;
    }

    Map<String, Object> record(String id) {
        RequestRegistry.RequestRecord request = registry.findById(id)
                .orElseThrow(() -> new IntakeExceptions.UnknownRequest(id));
        Map<String, Object> variables = requestHistory.variables(request.processInstanceId());
        Map<String, Object> record = new LinkedHashMap<>();

        Map<String, Object> intake = new LinkedHashMap<>();
        intake.put("id", request.id());
        intake.put("externalId", request.externalId());
        intake.put("source", request.source());
        intake.put("reporter", request.reporter());
        intake.put("submittedBy", request.submittedBy());
        intake.put("receivedAt", request.createdAt());
        intake.put("processInstanceId", request.processInstanceId());
        record.put("request", intake);

        Map<String, Object> input = new LinkedHashMap<>();
        input.put("redactedText", variables.get(Variables.REQUEST_TEXT.name()));
        input.put("personalDataRemoved", requestHistory.json(variables.get(Variables.REDACTED_KINDS)));
        input.put("injectionScore", variables.get(Variables.INJECTION_SCORE.name()));
        input.put("injectionLevel", variables.get(Variables.INJECTION_LEVEL.name()));
        input.put("injectionSignals", requestHistory.json(variables.get(Variables.INJECTION_SIGNALS)));
        record.put("input", input);

        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("source", variables.get(Variables.ANALYSIS_SOURCE.name()));
        analysis.put("llmCall", requestHistory.json(variables.get(Variables.LLM_CALL)));
        Object raw = variables.get(Variables.LLM_OUTPUT.name());
        // The model saw only redacted text, but what it wrote is checked again before anyone reads it.
        analysis.put("llmOutput", raw == null ? null : redactor.redact(raw.toString()).text());
        analysis.put("validationErrors", requestHistory.json(variables.get(Variables.ANALYSIS_ERRORS)));
        analysis.put("fallbackReason", variables.get(Variables.FALLBACK_REASON.name()));
        analysis.put("fallbackCause", variables.get(Variables.FALLBACK_CAUSE.name()));
        analysis.put("result", requestHistory.json(variables.get(Variables.ANALYSIS)));
        record.put("analysis", analysis);

        Map<String, Object> guardrails = new LinkedHashMap<>();
        guardrails.put("route", variables.get(Variables.ROUTE.name()));
        guardrails.put("reason", variables.get(Variables.GUARDRAIL_REASON.name()));
        guardrails.put("reviewerGroup", variables.get(Variables.REVIEWER_GROUP.name()));
        guardrails.put("decisions", requestHistory.json(variables.get(Variables.DECISION_AUDIT)));
        record.put("guardrails", guardrails);

        record.put("reviews", requestHistory.json(variables.get(Variables.REVIEWS)));

        Map<String, Object> jira = new LinkedHashMap<>();
        jira.put("executed", ledger.forRequest(request.id()));
        jira.put("calls", jiraCalls.forRequest(request.id()));
        jira.put("results", requestHistory.json(variables.get(Variables.ACTION_RESULTS)));
        jira.put("lastError", variables.get(Variables.JIRA_ERROR.name()));
        record.put("jira", jira);

        record.put("timeline", timeline(request.processInstanceId()));
        record.put("status", request.status());
        record.put("outcome", variables.get(Variables.OUTCOME.name()));
        return record;
    }

    private List<Map<String, Object>> timeline(String processInstanceId) {
        if (processInstanceId == null) {
            return List.of();
        }
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
                .filter(step -> step.getActivityName() != null)
                .map(RequestRecords::step).toList();
    }

    private static Map<String, Object> step(HistoricActivityInstance activity) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("activity", activity.getActivityId());
        step.put("name", activity.getActivityName());
        step.put("startedAt", instant(activity.getStartTime()));
        step.put("endedAt", instant(activity.getEndTime()));
        step.put("durationMillis", activity.getDurationInMillis());
        if (activity.getAssignee() != null) {
            step.put("assignee", activity.getAssignee());
        }
        return step;
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }

}
