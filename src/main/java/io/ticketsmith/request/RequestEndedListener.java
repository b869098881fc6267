package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.knowledge.Knowledge;
import io.ticketsmith.observability.TicketsmithMetrics;
import io.ticketsmith.safety.PiiVault;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
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

    RequestEndedListener(TicketsmithMetrics metrics, PiiVault vault, Knowledge knowledge) {
        this.knowledge = knowledge;
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
        Analysis analysis = Variables.ANALYSIS.get(execution);
        String issueKeys = Variables.JIRA_ISSUE_KEYS.get(execution);
        knowledge.indexFinishedRequest(execution.getProcessBusinessKey(), Variables.REQUEST_TEXT.get(execution),
                analysis == null ? null : analysis.summary(), outcome,
                issueKeys == null || issueKeys.isBlank() ? null : issueKeys.split(",")[0].trim());
        String route = Variables.ROUTE.getOrDefault(execution, "none");
        String source = Variables.ANALYSIS_SOURCE.getOrDefault(execution, "none");
        metrics.requestFinished(Variables.SOURCE.getOrDefault(execution, "unknown"), route, outcome);
        log.info("Request {} finished: {} (route {}, analysis by {})", execution.getProcessBusinessKey(), outcome,
                route, source);
    }
}
