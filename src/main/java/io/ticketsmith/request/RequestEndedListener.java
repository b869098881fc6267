package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.List;

import io.ticketsmith.analytics.TriageOutcome;
import io.ticketsmith.analytics.TriageOutcomes;
import io.ticketsmith.knowledge.Knowledge;
import io.ticketsmith.observability.TicketsmithMetrics;
import io.ticketsmith.safety.PiiVault;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs when a request ends, however it ends. A request that reaches no "Record ..." task was cancelled,
 * typically by an operator giving up on an incident in Cockpit: it ends as FAILED.
 */
@Component
class RequestEndedListener implements ExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RequestEndedListener.class);

    private final TicketsmithMetrics metrics;
    private final PiiVault vault;
    private final Knowledge knowledge;
    private final TriageOutcomes triageOutcomes;

    RequestEndedListener(TicketsmithMetrics metrics, PiiVault vault, Knowledge knowledge,
            TriageOutcomes triageOutcomes) {
        this.knowledge = knowledge;
        this.triageOutcomes = triageOutcomes;
        this.metrics = metrics;
        this.vault = vault;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String outcome = Variables.OUTCOME.get(execution);
        if (outcome == null) {
            outcome = HandleRequestProcess.Outcome.FAILED.name();
            Variables.OUTCOME.set(execution, outcome);
        }
        // The originals are needed only until the actions are carried out.
        vault.forget(execution.getProcessBusinessKey());
        // The analysis's fields as their plain variables, written with it, rather than its JSON parsed again.
        String issueKeys = Variables.JIRA_ISSUE_KEYS.get(execution);
        knowledge.indexFinishedRequest(execution.getProcessBusinessKey(), Variables.REQUEST_TEXT.get(execution),
                Variables.SUMMARY.get(execution), outcome,
                issueKeys == null || issueKeys.isBlank() ? null : issueKeys.split(",")[0].trim());
        String route = Variables.ROUTE.getOrDefault(execution, "none");
        String source = Variables.ANALYSIS_SOURCE.getOrDefault(execution, "none");
        metrics.requestFinished(Variables.SOURCE.getOrDefault(execution, "unknown"), route, outcome);
        triageOutcomes.record(triageOutcome(execution, route, outcome));
        log.info("Request {} finished: {} (route {}, analysis by {})", execution.getProcessBusinessKey(), outcome,
                route, source);
    }

    /** How the request's triage went, for the analytics; the reviews as the review task kept them. */
    private static TriageOutcome triageOutcome(DelegateExecution execution, String route, String outcome) {
        List<Review> reviews = reviews(execution);
        Review last = reviews.isEmpty() ? null : reviews.get(reviews.size() - 1);
        boolean edited = reviews.stream().anyMatch(review -> review.changes() != null && !review.changes().isEmpty());
        String review = TriageOutcome.review(HandleRequestProcess.Outcome.EXPIRED.name().equals(outcome),
                last != null, last != null && HandleRequestProcess.ReviewDecision.REJECT.equals(last.decision()),
                edited);
        String requestId = execution.getProcessBusinessKey() != null ? execution.getProcessBusinessKey()
                : execution.getProcessInstanceId();
        return new TriageOutcome(requestId, ClockUtil.getCurrentTime().toInstant(), Variables.SOURCE.get(execution),
                Variables.CATEGORY.get(execution), Variables.URGENCY.get(execution),
                Variables.SENTIMENT.get(execution), Variables.ANALYSIS_SOURCE.get(execution), route, review, outcome,
                triaged(outcome));
    }

    /**
     * The request's reviews; ones that cannot be read (set through the engine REST API, not by the review task) count
     * as none rather than keep the request from ending.
     */
    private static List<Review> reviews(DelegateExecution execution) {
        try {
            return Variables.REVIEWS.getOrDefault(execution, List.of());
        } catch (RuntimeException unreadable) {
            log.warn("Request {}: its reviews cannot be read; the analytics count it as not reviewed",
                    execution.getProcessBusinessKey());
            return List.of();
        }
    }

    /** A request is triaged when it reached a decision; one that expired unreviewed or failed is not. */
    static boolean triaged(String outcome) {
        return HandleRequestProcess.Outcome.DONE.name().equals(outcome)
                || HandleRequestProcess.Outcome.REFUSED.name().equals(outcome)
                || HandleRequestProcess.Outcome.REJECTED.name().equals(outcome);
    }
}
