package io.ticketsmith.request;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.jira.ActionResult;
import io.ticketsmith.knowledge.Neighbour;
import io.ticketsmith.llm.LlmCall;
import io.ticketsmith.models.DecisionTables;
import io.ticketsmith.observability.TicketsmithMetrics;

/** The names that {@code processes/handle-request.bpmn} and the Java behind it share. */
public final class HandleRequestProcess {

    public static final String KEY = "handle-request";

    private HandleRequestProcess() {
    }

    /** Element ids in the model. */
    public static final class Elements {
        public static final String START = "StartEvent_RequestReceived";
        public static final String REDACT_REQUEST = "Task_RedactRequest";
        public static final String SCREEN_REQUEST = "Task_ScreenRequest";
        public static final String CHECK_BUDGET = "Task_CheckBudget";
        public static final String ANALYZE_REQUEST = "Task_AnalyzeRequest";
        public static final String ANALYSIS_INVALID = "Event_AnalysisInvalid";
        public static final String LLM_UNAVAILABLE = "Event_LlmUnavailable";
        public static final String ANALYZE_WITH_RULES = "Task_AnalyzeWithRules";
        /** A business rule task on dmn/priority.dmn, one instance per proposed new issue (none without one). */
        public static final String DECIDE_PRIORITY = "Task_DecidePriority";
        public static final String CHECK_GUARDRAILS = "Task_CheckGuardrails";
        public static final String CHECK_REVIEWED_ACTIONS = "Task_CheckReviewedActions";
        public static final String REVIEW_PROPOSED_ACTIONS = "Task_ReviewProposedActions";
        public static final String REVIEW_OVERDUE = "Event_ReviewOverdue";
        public static final String ESCALATE_REVIEW = "Task_EscalateReview";
        public static final String REVIEW_EXPIRED = "Event_ReviewExpired";
        public static final String EXECUTE_ACTIONS = "Task_ExecuteActions";
        public static final String JIRA_REJECTED = "Event_JiraRejected";
        public static final String JIRA_RATE_LIMITED = "Event_JiraRateLimited";
        public static final String WAIT_FOR_JIRA = "Event_JiraRateLimitPassed";
        public static final String RECORD_DONE = "Task_RecordDone";
        public static final String RECORD_REFUSED = "Task_RecordRefused";
        public static final String RECORD_REJECTED = "Task_RecordReviewRejected";
        public static final String END_DONE = "EndEvent_RequestDone";
        public static final String END_REFUSED = "EndEvent_RequestRefused";
        public static final String END_REJECTED = "EndEvent_RequestRejected";
        public static final String END_EXPIRED = "EndEvent_RequestExpired";
        /** Ends the escalation branch only; the review it escalated goes on. */
        public static final String ESCALATION_RECORDED = "EndEvent_EscalationRecorded";

        private Elements() {
        }
    }

    /** The groups the process offers reviews to; the guardrails table names one of them. */
    public static final class Groups {
        public static final String REVIEWERS = DecisionTables.Guardrails.REVIEWERS;
        public static final String LEADS = DecisionTables.Guardrails.LEADS;

        private Groups() {
        }
    }

    /** External task topics. */
    public static final class Topics {
        public static final String ANALYZE_REQUEST = "analyze-request";

        private Topics() {
        }
    }

    /** BPMN error codes the model catches. */
    public static final class Errors {
        public static final String ANALYSIS_INVALID = "ANALYSIS_INVALID";
        public static final String LLM_UNAVAILABLE = "LLM_UNAVAILABLE";
        public static final String JIRA_REJECTED = "JIRA_REJECTED";
        public static final String JIRA_RATE_LIMITED = "JIRA_RATE_LIMITED";

        private Errors() {
        }
    }

    /** Values of {@link Variables#OUTCOME}. */
    public enum Outcome {
        /** The actions were carried out in Jira. */
        DONE,
        /** The guardrails refused the actions; nobody reviewed them. */
        REFUSED,
        /** A reviewer rejected the actions. */
        REJECTED,
        /** Nobody decided the review within {@code ticketsmith.request.review-max-wait}. */
        EXPIRED,
        /** The request ended without reaching a "Record ..." task, e.g. cancelled by an operator. */
        FAILED
    }

    /** Where a request came from ({@link Variables#SOURCE}); API clients name their own. */
    public static final class Sources {
        public static final String API = "api";
        public static final String JIRA = "jira";
        public static final String TASKLIST = "tasklist";
        public static final String ZENDESK = "zendesk";

        /** Every source a request may have; the same bounded set labels metrics and logs. */
        public static final Set<String> ALL = TicketsmithMetrics.KNOWN_SOURCES;

        /**
         * Sources only the product's own connectors set (the Jira webhook and triage batch): their external ids are
         * the ticket system's own keys, one namespace for everyone, which nobody may take first.
         */
        public static final Set<String> CONNECTORS = Set.of(JIRA, ZENDESK);

        /** Sources a client or person may give a request. */
        public static final Set<String> SUBMITTABLE = ALL.stream().filter(source -> !CONNECTORS.contains(source))
                .collect(Collectors.toUnmodifiableSet());

        private Sources() {
        }
    }

    /** Values of {@link Variables#ANALYSIS_SOURCE}. */
    public static final class AnalysisSource {
        public static final String LLM = "llm";
        public static final String FALLBACK = "fallback";

        private AnalysisSource() {
        }
    }

    /** Values of {@link Variables#REVIEWED_ACTIONS}, which the gateway after "Check reviewed actions" reads. */
    public enum ReviewedActions {
        /** The approved actions may run. */
        EXECUTE,
        /** The guardrails refuse what was approved: the request ends as refused. */
        REFUSE,
        /** The guardrails want a group the approver is not in: the review goes to that group. */
        REVIEW
    }

    /** Values of {@link Variables#REVIEW_DECISION}. */
    public static final class ReviewDecision {
        public static final String APPROVE = "approve";
        public static final String REJECT = "reject";

        private ReviewDecision() {
        }
    }

    /** Process variables. JSON variables (Spin) are read and written through {@link RequestVariables}. */
    public static final class Variables {

        /**
         * The row a business rule task's table just decided, as its end listener sees it: the engine's transient
         * {@code decisionResult}, read as {@code singleResult} reads it (null when no rule matched, an error when
         * more than one did). The tables' results are not kept as process variables: each would be one more
         * serialized object per request, and the decision history already keeps every evaluation's outputs.
         */
        public static Map<String, Object> decidedRow(org.camunda.bpm.engine.delegate.VariableScope execution) {
            Object result = execution.getVariable(DECISION_RESULT);
            if (!(result instanceof org.camunda.bpm.dmn.engine.DmnDecisionResult decided)) {
                return null;
            }
            org.camunda.bpm.dmn.engine.DmnDecisionResultEntries row = decided.getSingleResult();
            return row == null ? null : row.getEntryMap();
        }

        /** Set by the engine on the execution of a business rule task, for that transaction only. */
        static final String DECISION_RESULT = "decisionResult";
        // Start variables
        public static final ProcessVariable<String> REQUEST_TEXT = ProcessVariable.of("requestText", String.class);
        public static final ProcessVariable<String> SOURCE = ProcessVariable.of("source", String.class);
        public static final ProcessVariable<String> REPORTER = ProcessVariable.of("reporter", String.class);
        public static final ProcessVariable<String> EXTERNAL_ID = ProcessVariable.of("externalId", String.class);
        /** How replies to the requester are written (formal, friendly, empathetic, concise); optional. */
        public static final ProcessVariable<String> REPLY_TONE = ProcessVariable.of("replyTone", String.class);
        /**
         * Transient: whom the application starts a request for (an API client, the Jira webhook); a start through
         * the engine takes its authenticated user instead.
         */
        public static final ProcessVariable<String> SUBMITTED_BY = ProcessVariable.of("submittedBy", String.class);

        // Redaction
        public static final ProcessVariable<Integer> REDACTED_ITEMS = ProcessVariable.of("redactedItems", Integer.class);
        /** How many values of each kind (EMAIL, PHONE, ...) were replaced, before and in the process. */
        public static final JsonVariable<Map<String, Integer>> REDACTED_KINDS = JsonVariable.mapOf("redactedKinds", Integer.class);
        /** Why the LLM's last answer was not a valid analysis. */
        public static final JsonVariable<List<String>> ANALYSIS_ERRORS = JsonVariable.listOf("analysisErrors", String.class);

        // Analysis
        public static final JsonVariable<Analysis> ANALYSIS = JsonVariable.of("analysis", Analysis.class);
        /** What the knowledge index found similar to the request before it was analysed. */
        public static final JsonVariable<List<Neighbour>> SIMILAR = JsonVariable.listOf("similar", Neighbour.class);
        /** The request whose analysis this request reused (near-identical text), instead of asking the LLM. */
        public static final ProcessVariable<String> ANALYSIS_REUSED_FROM = ProcessVariable.of("analysisReusedFrom", String.class);
        /** The review task's one-line-per-neighbour text of {@link #SIMILAR}, for its form. */
        public static final ProcessVariable<String> SIMILAR_SUMMARY = ProcessVariable.of("similarSummary", String.class);
        /** The actions as they stand (proposed, then as a reviewer edited them); read as forms send them back. */
        public static final JsonVariable<List<ProposedAction>> ACTIONS =
                JsonVariable.listOf("actions", ProposedAction.class).readingAs(ActionsJson::tidy);
        /** The actions as the reviewer was shown them, to tell what the review changed. */
        public static final JsonVariable<List<ProposedAction>> PROPOSED_ACTIONS =
                JsonVariable.listOf("proposedActions", ProposedAction.class).readingAs(ActionsJson::tidy);
        public static final JsonVariable<LlmCall> LLM_CALL = JsonVariable.of("llmCall", LlmCall.class);
        public static final ProcessVariable<String> ANALYSIS_SOURCE = ProcessVariable.of("analysisSource", String.class);
        /** What the reviewer should know about how the draft replies were written (one the reply prompt failed). */
        public static final JsonVariable<List<String>> REPLY_NOTES = JsonVariable.listOf("replyNotes", String.class);
        /** The review task's text of what the reply check found in the draft replies, one line each, for its form. */
        public static final ProcessVariable<String> REPLY_FINDINGS = ProcessVariable.of("replyFindings", String.class);
        public static final ProcessVariable<String> LLM_OUTPUT = ProcessVariable.of("llmOutput", String.class);
        public static final ProcessVariable<String> FALLBACK_REASON = ProcessVariable.of("fallbackReason", String.class);
        /** Why the keyword rules analysed: no_provider, llm_unavailable, analysis_invalid or budget. */
        public static final ProcessVariable<String> FALLBACK_CAUSE = ProcessVariable.of("fallbackCause", String.class);

        // Prompt-injection screening
        public static final ProcessVariable<Double> INJECTION_SCORE = ProcessVariable.of("injectionScore", Double.class);
        /** none, suspected or strong; an input of dmn/guardrails.dmn. */
        public static final ProcessVariable<String> INJECTION_LEVEL = ProcessVariable.of("injectionLevel", String.class);
        public static final JsonVariable<List<String>> INJECTION_SIGNALS = JsonVariable.listOf("injectionSignals", String.class);

        // Budget: the inputs of dmn/budget.dmn are transient variables named in DecisionTables.Budget; what it
        // decided is read from the engine's transient decisionResult (decidedRow) by the task's end listener
        /** The budget's {@code llmMode} for the gateway: a value of {@code DecisionTables.LlmMode}. */
        public static final ProcessVariable<String> LLM_MODE = ProcessVariable.of("llmMode", String.class);
        /** The model to ask instead of the configured one, when the budget decided so. */
        public static final ProcessVariable<String> LLM_MODEL = ProcessVariable.of("llmModel", String.class);
        public static final ProcessVariable<String> SUMMARY = ProcessVariable.of("summary", String.class);
        public static final ProcessVariable<String> CATEGORY = ProcessVariable.of("category", String.class);
        public static final ProcessVariable<String> URGENCY = ProcessVariable.of("urgency", String.class);
        public static final ProcessVariable<String> SENTIMENT = ProcessVariable.of("sentiment", String.class);
        public static final ProcessVariable<String> CONFIDENCE_SUMMARY = ProcessVariable.of("confidenceSummary", String.class);
        public static final ProcessVariable<String> EXPLANATION = ProcessVariable.of("explanation", String.class);
        /** What Tasklist's task list shows under each review task (the review task keeps its own copy). */
        public static final List<ProcessVariable<String>> REVIEW_TASK_CARD = List.of(SUMMARY, CATEGORY, URGENCY);

        // Priority: one entry of inputs of dmn/priority.dmn per proposed new issue (PriorityDecider#inputs), the
        // collection of the multi-instance "Decide Jira priority" (transient, and so is each entry); the entry of one
        // instance, which the task's input mapping reads. What an instance decided is read from decidedRow.
        public static final String PRIORITY_INPUTS = "priorityInputs";
        @SuppressWarnings("unchecked")
        public static final ProcessVariable<Map<String, Object>> PRIORITY_INPUT =
                ProcessVariable.of("priorityInput", (Class<Map<String, Object>>) (Class<?>) Map.class);

        // Guardrails: the inputs of dmn/guardrails.dmn are transient variables named in DecisionTables.Guardrails;
        // its result is read from the engine's transient decisionResult (decidedRow); what the process makes of it,
        // and the audit of matched rules of every table
        /** Every decision table's id, version and matched rules; written by the engine's DMN listener. */
        public static final JsonVariable<List<Map<String, Object>>> DECISION_AUDIT =
                JsonVariable.listOfObjects("decisionAudit");
        /** A value of {@code DecisionTables.Route}. */
        public static final ProcessVariable<String> ROUTE = ProcessVariable.of("route", String.class);
        public static final ProcessVariable<String> GUARDRAIL_REASON = ProcessVariable.of("guardrailReason", String.class);
        public static final ProcessVariable<String> REVIEWER_GROUP = ProcessVariable.of("reviewerGroup", String.class);
        public static final ProcessVariable<String> REVIEW_DUE = ProcessVariable.of("reviewDue", String.class);
        public static final ProcessVariable<Date> REVIEW_DUE_AT = ProcessVariable.of("reviewDueAt", Date.class);
        public static final ProcessVariable<String> REVIEW_MAX_WAIT = ProcessVariable.of("reviewMaxWait", String.class);
        /** When a request nobody decides expires: the maximum wait from its first review, however often it returns. */
        public static final ProcessVariable<Date> REVIEW_EXPIRES_AT = ProcessVariable.of("reviewExpiresAt", Date.class);

        // Review
        public static final ProcessVariable<String> REVIEW_DECISION = ProcessVariable.of("reviewDecision", String.class);
        public static final ProcessVariable<String> REVIEW_COMMENT = ProcessVariable.of("reviewComment", String.class);
        public static final ProcessVariable<String> REVIEWED_BY = ProcessVariable.of("reviewedBy", String.class);
        public static final ProcessVariable<Date> REVIEWED_AT = ProcessVariable.of("reviewedAt", Date.class);
        /** What the reviewer changed, field by field ({@code review.ActionChanges}). */
        public static final JsonVariable<List<Map<String, Object>>> REVIEW_CHANGES =
                JsonVariable.listOfObjects("reviewChanges");
        public static final JsonVariable<List<Review>> REVIEWS = JsonVariable.listOf("reviews", Review.class);
        /** What the guardrails say of the actions as approved: a value of {@link ReviewedActions}. */
        public static final ProcessVariable<String> REVIEWED_ACTIONS = ProcessVariable.of("reviewedActions", String.class);
        public static final ProcessVariable<Boolean> REVIEW_ESCALATED = ProcessVariable.of("reviewEscalated", Boolean.class);

        // Execution
        public static final JsonVariable<List<ActionResult>> ACTION_RESULTS =
                JsonVariable.listOf("actionResults", ActionResult.class);
        public static final ProcessVariable<String> JIRA_ERROR = ProcessVariable.of("jiraError", String.class);
        public static final ProcessVariable<String> JIRA_RETRY_AFTER = ProcessVariable.of("jiraRetryAfter", String.class);
        public static final ProcessVariable<Integer> JIRA_RATE_LIMIT_WAITS = ProcessVariable.of("jiraRateLimitWaits", Integer.class);
        /**
         * The Jira issues a request came from or changed, space-separated, so auditors can find a request by issue
         * key with a plain variable filter of the history API.
         */
        public static final ProcessVariable<String> JIRA_ISSUE_KEYS = ProcessVariable.of("jiraIssueKeys", String.class);

        // Outcome
        /** A value of {@link Outcome}. */
        public static final ProcessVariable<String> OUTCOME = ProcessVariable.of("outcome", String.class);
        /** Input parameter of the "Record ..." tasks saying which outcome they record. */
        public static final ProcessVariable<String> OUTCOME_TO_RECORD = ProcessVariable.of("outcomeToRecord", String.class);

        private Variables() {
        }
    }
}
