package io.ticketsmith.audit;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.ticketsmith.jira.ActionLedger;
import io.ticketsmith.jira.JdbcJiraCallLog;
import io.ticketsmith.safety.PiiRedactor;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.springframework.stereotype.Service;

/**
 * Assembles a request's {@link DecisionRecord}, the one place that turns a request's row, its variables (historic,
 * or current while the process records its outcome), the action ledger, the Jira call log and its history into
 * the record.
 */
@Service
public class DecisionRecords {

    private final RequestRegistry registry;
    private final HistoryService history;
    private final RequestHistory requestHistory;
    private final ActionLedger ledger;
    private final PiiRedactor redactor;
    private final JdbcJiraCallLog jiraCalls;

    DecisionRecords(RequestRegistry registry, HistoryService history, RequestHistory requestHistory,
            ActionLedger ledger, PiiRedactor redactor, JdbcJiraCallLog jiraCalls) {
        this.registry = registry;
        this.history = history;
        this.requestHistory = requestHistory;
        this.ledger = ledger;
        this.redactor = redactor;
        this.jiraCalls = jiraCalls;
    }

    /** The whole record of a request, as auditors read it. */
    DecisionRecord record(String id) {
        RequestRegistry.RequestRecord row = registry.findById(id)
                .orElseThrow(() -> new AuditExceptions.UnknownRequest(id));
        Map<String, Object> variables = requestHistory.variables(row.processInstanceId());
        DecisionRecord.Jira jira = new DecisionRecord.Jira(ledger.forRequest(row.id()), jiraCalls.forRequest(row.id()),
                Variables.ACTION_RESULTS.get(variables), Variables.JIRA_ERROR.get(variables));
        return assemble(row, row.id(), variables, jira, timeline(row.processInstanceId()));
    }

    /** What the request's row and variables say, without the Jira log and the timeline (the status view). */
    DecisionRecord fromHistory(RequestRegistry.RequestRecord row) {
        Map<String, Object> variables = requestHistory.variables(row.processInstanceId());
        DecisionRecord.Jira jira = new DecisionRecord.Jira(List.of(), List.of(),
                Variables.ACTION_RESULTS.get(variables), Variables.JIRA_ERROR.get(variables));
        return assemble(row, row.id(), variables, jira, List.of());
    }

    private DecisionRecord assemble(RequestRegistry.RequestRecord row, String requestId, Map<String, Object> variables,
            DecisionRecord.Jira jira, List<DecisionRecord.Step> timeline) {
        DecisionRecord.Request request = row == null
                ? new DecisionRecord.Request(requestId, Variables.EXTERNAL_ID.get(variables),
                        Variables.SOURCE.get(variables), Variables.REPORTER.get(variables), null, null, null)
                : new DecisionRecord.Request(row.id(), row.externalId(), row.source(), row.reporter(),
                        row.submittedBy(), row.createdAt(), row.processInstanceId());
        DecisionRecord.Input input = new DecisionRecord.Input(Variables.REQUEST_TEXT.get(variables),
                Variables.REDACTED_KINDS.get(variables), Variables.INJECTION_SCORE.get(variables),
                Variables.INJECTION_LEVEL.get(variables), Variables.INJECTION_SIGNALS.get(variables),
                Variables.SIMILAR.get(variables));
        String raw = Variables.LLM_OUTPUT.get(variables);
        DecisionRecord.AnalysisRecord analysis = new DecisionRecord.AnalysisRecord(
                Variables.ANALYSIS_SOURCE.get(variables), Variables.LLM_CALL.get(variables),
                // The model saw only redacted text, but what it wrote is checked again before anyone reads it.
                raw == null ? null : redactor.redact(raw).text(),
                Variables.ANALYSIS_ERRORS.get(variables), Variables.FALLBACK_REASON.get(variables),
                Variables.FALLBACK_CAUSE.get(variables), Variables.ANALYSIS.get(variables),
                Variables.ANALYSIS_REUSED_FROM.get(variables));
        DecisionRecord.Guardrails guardrails = DecisionRecord.Guardrails.of(Variables.ROUTE.get(variables),
                Variables.GUARDRAIL_REASON.get(variables), Variables.REVIEWER_GROUP.get(variables),
                Variables.REVIEW_DUE.get(variables), Variables.DECISION_AUDIT.get(variables));
        return new DecisionRecord(request, input, analysis, guardrails, Variables.REVIEWS.get(variables),
                Variables.ACTIONS.get(variables), jira, timeline, row == null ? null : row.status(),
                Variables.OUTCOME.get(variables));
    }

    private List<DecisionRecord.Step> timeline(String processInstanceId) {
        if (processInstanceId == null) {
            return List.of();
        }
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
                .filter(step -> step.getActivityName() != null)
                .map(DecisionRecords::step).toList();
    }

    private static DecisionRecord.Step step(HistoricActivityInstance activity) {
        return new DecisionRecord.Step(activity.getActivityId(), activity.getActivityName(),
                instant(activity.getStartTime()), instant(activity.getEndTime()), activity.getDurationInMillis(),
                activity.getAssignee());
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }
}
