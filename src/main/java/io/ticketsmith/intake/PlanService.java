package io.ticketsmith.intake;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.RuleBasedAnalyzer;
import io.ticketsmith.guardrails.DecisionTrace;
import io.ticketsmith.guardrails.GuardrailInputs;
import io.ticketsmith.guardrails.PriorityDecider;
import io.ticketsmith.llm.InvalidAnalysisException;
import io.ticketsmith.llm.LlmCall;
import io.ticketsmith.llm.LlmUnavailableException;
import io.ticketsmith.llm.RequestAnalyzer;
import io.ticketsmith.request.RequestProperties;
import io.ticketsmith.safety.InjectionScreen;
import io.ticketsmith.safety.PiiRedactor;

import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Service;

/**
 * A dry run of the request process's decisions for one text: redaction, analysis (the LLM once, or the
 * keyword rules), priorities and guardrails - without starting a process or touching Jira. The decisions
 * are the latest deployed versions, exactly as the next real request would see them.
 */
@Service
class PlanService {

    private final RequestIntake intake;
    private final PiiRedactor redactor;
    private final RequestAnalyzer analyzer;
    private final RuleBasedAnalyzer rules;
    private final PriorityDecider priorities;
    private final DecisionService decisions;
    private final RequestProperties requestProperties;
    private final InjectionScreen screen;

    PlanService(RequestIntake intake, PiiRedactor redactor, RequestAnalyzer analyzer, RuleBasedAnalyzer rules,
            PriorityDecider priorities, DecisionService decisions, RequestProperties requestProperties,
            InjectionScreen screen) {
        this.intake = intake;
        this.redactor = redactor;
        this.analyzer = analyzer;
        this.rules = rules;
        this.priorities = priorities;
        this.decisions = decisions;
        this.requestProperties = requestProperties;
        this.screen = screen;
    }

    /** The answer of {@code POST /api/plan}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Plan(String redactedText, String analysisSource, String fallbackReason, Analysis analysis, LlmCall llmCall,
            RequestView.Guardrails guardrails, List<Map<String, Object>> decisions) {
    }

    Plan plan(String text) {
        intake.checkText(text);
        String redacted = redactor.redact(text).text();
        Analysis analysis;
        String source;
        String fallbackReason = null;
        LlmCall call = null;
        if (!analyzer.isEnabled()) {
            fallbackReason = "No LLM provider is configured (spring.ai.model.chat=" + analyzer.provider() + ")";
        } else {
            try {
                var result = analyzer.analyze(redacted);
                call = result.call();
                analysis = result.analysis();
                return decide(redacted, "llm", null, analysis, call);
            } catch (LlmUnavailableException | InvalidAnalysisException e) {
                fallbackReason = e.getMessage();
            }
        }
        source = "fallback";
        analysis = rules.analyze(redacted, null, requestProperties.fallbackProject(), fallbackReason);
        return decide(redacted, source, fallbackReason, analysis, call);
    }

    private Plan decide(String redacted, String source, String fallbackReason, Analysis analysis, LlmCall call) {
        String injectionLevel = screen.screen(redacted).level();
        try (DecisionTrace trace = DecisionTrace.start()) {
            Analysis prioritised = analysis.withActions(priorities.decide(analysis.actions(), analysis.urgency()));
            Map<String, Object> result = decisions.evaluateDecisionTableByKey("guardrails")
                    .variables(GuardrailInputs.of(prioritised, source, injectionLevel))
                    .evaluate()
                    .getSingleResult()
                    .getEntryMap();
            List<Map<String, Object>> entries = trace.entries();
            Map<String, Object> guardrailsEntry = entries.stream()
                    .filter(entry -> "guardrails".equals(entry.get("decision"))).reduce((a, b) -> b).orElse(Map.of());
            @SuppressWarnings("unchecked")
            List<String> matched = (List<String>) guardrailsEntry.getOrDefault("matchedRules", List.of());
            RequestView.Guardrails guardrails = new RequestView.Guardrails((String) result.get("route"),
                    (String) result.get("reason"), (String) result.get("reviewerGroup"), (String) result.get("reviewDue"),
                    (Integer) guardrailsEntry.get("version"), matched);
            return new Plan(redacted, source, fallbackReason, prioritised, call, guardrails, entries);
        }
    }
}
