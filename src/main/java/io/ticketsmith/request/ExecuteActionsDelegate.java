package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.ticketsmith.jira.ActionExecutor;
import io.ticketsmith.jira.ActionFailedException;
import io.ticketsmith.jira.ActionRejectedException;
import io.ticketsmith.jira.ActionResult;
import io.ticketsmith.jira.JiraRateLimitedException;
import io.ticketsmith.jira.RequestOrigin;
import io.ticketsmith.models.DecisionTables.Route;
import io.ticketsmith.observability.TicketsmithMetrics;
import io.ticketsmith.reply.ReplyChecks;
import io.ticketsmith.reply.ReplyFinding;
import io.ticketsmith.safety.ActionPolicy;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Execute approved actions". Jira refusing an action, or a reply that cannot go as approved (no valid address, no
 * SMTP server), is a business outcome the model routes back to review (JIRA_REJECTED, with the message for the form); a rate limit is waited out on the model's timer
 * (JIRA_RATE_LIMITED, with the wait). Everything else is technical: the job is retried per its retry cycle
 * and ends as an incident for operators. Actions already carried out are never repeated (see
 * {@link ActionExecutor}).
 */
@Component
class ExecuteActionsDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(ExecuteActionsDelegate.class);
    private static final Duration MIN_WAIT = Duration.ofSeconds(1);

    private final ActionExecutor executor;
    private final RequestProperties properties;
    private final TicketsmithMetrics metrics;
    private final ActionPolicy policy;
    private final ReplyChecks replyChecks;

    ExecuteActionsDelegate(ActionExecutor executor, RequestProperties properties,
            TicketsmithMetrics metrics, ActionPolicy policy, ReplyChecks replyChecks) {
        this.replyChecks = replyChecks;
        this.executor = executor;
        this.properties = properties;
        this.metrics = metrics;
        this.policy = policy;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String requestId = execution.getProcessBusinessKey();
        // Approved by the guardrails alone, or by a person.
        String source = Route.AUTO.value().equals(Variables.ROUTE.get(execution)) ? "auto" : "human";
        List<io.ticketsmith.analysis.ProposedAction> actions = Variables.ACTIONS.getOrDefault(execution, List.of());
        List<String> violations = policy.violations(actions);
        // A reply the check blocks never leaves, whoever approved it (a table routing replies to AUTO, an API client).
        List<String> blockedReplies = replyChecks.check(requestId, Variables.SOURCE.get(execution),
                Variables.REPORTER.get(execution), actions).stream().filter(ReplyFinding::blocking)
                .map(ReplyFinding::describe).toList();
        if (!violations.isEmpty() || !blockedReplies.isEmpty()) {
            String message = !violations.isEmpty() ? "Not allowed by the safety policy: " + String.join("; ", violations)
                    : "The reply cannot be sent as it is: " + String.join("; ", blockedReplies);
            Variables.JIRA_ERROR.set(execution, message);
            log.warn("Request {}: {}; back to review", requestId, message);
            throw new BpmnError(HandleRequestProcess.Errors.JIRA_REJECTED, message);
        }
        try {
            // A reply goes back the way the request came.
            RequestOrigin origin = new RequestOrigin(Variables.SOURCE.get(execution), Variables.EXTERNAL_ID.get(execution));
            List<ActionResult> results = executor.execute(requestId, actions, origin);
            countDone(results, source);
            Variables.ACTION_RESULTS.set(execution, results);
            Variables.JIRA_ISSUE_KEYS.set(execution, issueKeys(Variables.JIRA_ISSUE_KEYS.get(execution), results));
            // Cleared when an earlier attempt set them; a request that never met an error or a wait has neither.
            if (execution.hasVariable(Variables.JIRA_ERROR.name())) {
                Variables.JIRA_ERROR.set(execution, null);
            }
            if (execution.hasVariable(Variables.JIRA_RATE_LIMIT_WAITS.name())) {
                Variables.JIRA_RATE_LIMIT_WAITS.set(execution, 0);
            }
            log.info("Request {}: {} action(s) carried out", requestId, results.size());
        } catch (ActionFailedException e) {
            countDone(e.completed(), source);
            metrics.action(actions.get(e.actionIndex()).type(), source, "failure");
            Variables.ACTION_RESULTS.set(execution, e.completed());
            Variables.JIRA_ISSUE_KEYS.set(execution, issueKeys(Variables.JIRA_ISSUE_KEYS.get(execution), e.completed()));
            if (e.getCause() instanceof ActionRejectedException) {
                Variables.JIRA_ERROR.set(execution, e.getMessage());
                log.warn("Request {}: an action was refused, back to review: {}", requestId, e.getMessage());
                throw new BpmnError(HandleRequestProcess.Errors.JIRA_REJECTED, e.getMessage());
            }
            if (e.getCause() instanceof JiraRateLimitedException rateLimited) {
                waitForRateLimit(execution, requestId, rateLimited);
            }
            throw e.getCause();
        }
    }

    /** The keys already known (e.g. the issue a Jira request came from) followed by those the results touched. */
    static String issueKeys(String known, List<ActionResult> results) {
        Set<String> keys = new LinkedHashSet<>();
        if (known != null && !known.isBlank()) {
            keys.addAll(List.of(known.trim().split("\\s+")));
        }
        results.stream().map(ActionResult::issueKey).filter(key -> key != null && !key.isBlank()).forEach(keys::add);
        return keys.isEmpty() ? null : String.join(" ", keys);
    }

    /** Actions an earlier attempt carried out were counted then. */
    private void countDone(List<ActionResult> results, String source) {
        results.stream().filter(result -> !ActionExecutor.STATUS_ALREADY_DONE.equals(result.status()))
                .forEach(result -> metrics.action(result.type(), source, "success"));
    }

    private void waitForRateLimit(DelegateExecution execution, String requestId, JiraRateLimitedException e) {
        int waits = Variables.JIRA_RATE_LIMIT_WAITS.getOrDefault(execution, 0) + 1;
        if (waits > properties.maxRateLimitWaits()) {
            throw new IllegalStateException("Jira kept answering 429 after " + properties.maxRateLimitWaits()
                    + " waits; check the Jira account's rate limit", e);
        }
        Duration wait = e.retryAfter() == null || e.retryAfter().compareTo(MIN_WAIT) < 0 ? MIN_WAIT : e.retryAfter();
        Variables.JIRA_RATE_LIMIT_WAITS.set(execution, waits);
        Variables.JIRA_RETRY_AFTER.set(execution, wait.toString());
        log.info("Request {}: Jira rate limit reached; waiting {} (wait {} of at most {})", requestId, wait, waits,
                properties.maxRateLimitWaits());
        throw new BpmnError(HandleRequestProcess.Errors.JIRA_RATE_LIMITED, e.getMessage());
    }
}
