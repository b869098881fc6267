package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.List;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.RuleBasedAnalyzer;
import io.ticketsmith.knowledge.Knowledge;
import io.ticketsmith.knowledge.Neighbour;
import io.ticketsmith.observability.TicketsmithMetrics;
import io.ticketsmith.safety.SafetyProperties;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** "Analyze with keyword rules": the fallback path when the LLM is off, down or its answers stay invalid. */
@Component
class FallbackAnalysisDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(FallbackAnalysisDelegate.class);

    private final RuleBasedAnalyzer analyzer;
    private final SafetyProperties safety;
    private final TicketsmithMetrics metrics;
    private final Knowledge knowledge;

    FallbackAnalysisDelegate(RuleBasedAnalyzer analyzer, SafetyProperties safety, TicketsmithMetrics metrics,
            Knowledge knowledge) {
        this.knowledge = knowledge;
        this.analyzer = analyzer;
        this.safety = safety;
        this.metrics = metrics;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String source = Variables.SOURCE.get(execution);
        String jiraIssueKey = HandleRequestProcess.Sources.JIRA.equals(source) ? Variables.EXTERNAL_ID.get(execution) : null;
        String reason = Variables.FALLBACK_REASON.get(execution);
        List<Neighbour> similar = Variables.SIMILAR.get(execution);
        if (similar == null) {
            similar = knowledge.neighboursOf(execution.getProcessBusinessKey(),
                    knowledge.probe(Variables.REQUEST_TEXT.get(execution)));
            Variables.SIMILAR.set(execution, similar);
        }
        String duplicateOf = knowledge.duplicateOf(similar).map(Neighbour::issueKey).orElse(null);
        // A Zendesk ticket gets its write-back, not a Jira issue.
        Analysis analysis = HandleRequestProcess.Sources.ZENDESK.equals(source)
                ? analyzer.analyzeZendeskTicket(Variables.REQUEST_TEXT.get(execution), reason)
                : analyzer.analyze(Variables.REQUEST_TEXT.get(execution), jiraIssueKey, safety.fallbackProject(),
                        safety.allowedProjects(), reason, duplicateOf);
        execution.setVariables(RequestVariables.analysisVariables(analysis, HandleRequestProcess.AnalysisSource.FALLBACK));
        metrics.fallback(Variables.FALLBACK_CAUSE.getOrDefault(execution, "llm_unavailable"));
        log.info("Request {}: analysed by keyword rules ({}): {} / {} / {}", execution.getProcessBusinessKey(), reason,
                analysis.category(), analysis.urgency(), analysis.sentiment());
    }
}
