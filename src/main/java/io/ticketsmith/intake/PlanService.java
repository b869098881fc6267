package io.ticketsmith.intake;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.RuleBasedAnalyzer;
import io.ticketsmith.audit.DecisionRecord;
import io.ticketsmith.cost.Budget;
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
import io.ticketsmith.safety.SafetyProperties;

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
    private final Budget budget;
    private final SafetyProperties safety;

    PlanService(RequestIntake intake, PiiRedactor redactor, RequestAnalyzer analyzer, RuleBasedAnalyzer rules,
            PriorityDecider priorities, DecisionService decisions, RequestProperties requestProperties,
            InjectionScreen screen, Budget budget, SafetyProperties safety) {
        this.intake = intake;
        this.redactor = redactor;
        this.analyzer = analyzer;
        this.rules = rules;
        this.priorities = priorities;
        this.decisions = decisions;
        this.requestProperties = requestProperties;
        this.screen = screen;
        this.budget = budget;
        this.safety = safety;
    }

    /** The answer of {@code POST /api/plan}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Plan(String redactedText, String analysisSource, String fallbackReason, Analysis analysis, LlmCall llmCall,
            DecisionRecord.Guardrails guardrails, List<Map<String, Object>> decisions) {
    }

    Plan plan(String text) {
        intake.checkText(text);
        String redacted = redactor.redact(text).text();
        try (DecisionTrace trace = DecisionTrace.start()) {
            String fallbackReason = null;
            String model = null;
            if (!analyzer.isEnabled()) {
                fallbackReason = "No LLM provider is configured (spring.ai.model.chat=" + analyzer.provider() + ")";
            } else {
                // The same budget decision as a real request: a plan costs tokens too.
                Budget.Status status = budget.status();
                Map<String, Object> budgetDecision = decisions.evaluateDecisionTableByKey("budget")
                        .variables(Map.of("budgetUsedRatio", status.usedRatio(),
                                "hourlyTokenCapReached", status.hourlyTokenCapReached(),
                                "cheaperModelConfigured", status.cheaperModelConfigured()))
                        .evaluate().getSingleResult().getEntryMap();
                if ("fallback".equals(budgetDecision.get("llmMode"))) {
                    fallbackReason = (String) budgetDecision.get("reason");
                } else if ("cheaper".equals(budgetDecision.get("llmMode"))) {
                    model = status.cheaperModel();
                }
            }
            if (fallbackReason == null) {
                try {
                    var result = analyzer.analyze(redacted, model);
                    budget.record(null, result.call(), "plan");
                    return decide(trace, redacted, "llm", null, result.analysis(), result.call());
                } catch (InvalidAnalysisException e) {
                    if (e.call() != null) {
                        budget.record(null, e.call(), "plan");
                    }
                    fallbackReason = e.getMessage();
                } catch (LlmUnavailableException e) {
                    fallbackReason = e.getMessage();
                }
            }
            Analysis analysis = rules.analyze(redacted, null, requestProperties.fallbackProject(),
                    safety.allowedProjects(), fallbackReason);
            return decide(trace, redacted, "fallback", fallbackReason, analysis, null);
        }
    }

    private Plan decide(DecisionTrace trace, String redacted, String source, String fallbackReason, Analysis analysis,
            LlmCall call) {
        double injectionScore = screen.screen(redacted).score();
        Analysis prioritised = analysis.withActions(priorities.decide(analysis.actions(), analysis.urgency()));
        Map<String, Object> result = decisions.evaluateDecisionTableByKey("guardrails")
                .variables(GuardrailInputs.of(prioritised, source, injectionScore))
                .evaluate()
                .getSingleResult()
                .getEntryMap();
        List<Map<String, Object>> entries = trace.entries();
        DecisionRecord.Guardrails guardrails = DecisionRecord.Guardrails.of((String) result.get("route"),
                (String) result.get("reason"), (String) result.get("reviewerGroup"), (String) result.get("reviewDue"),
                entries);
        return new Plan(redacted, source, fallbackReason, prioritised, call, guardrails, entries);
    }
}
