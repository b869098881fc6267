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
import io.ticketsmith.guardrails.GuardrailOutcome;
import io.ticketsmith.guardrails.PriorityDecider;
import io.ticketsmith.llm.InvalidAnalysisException;
import io.ticketsmith.llm.LlmAvailability;
import io.ticketsmith.llm.LlmCall;
import io.ticketsmith.llm.LlmSlots;
import io.ticketsmith.llm.LlmUnavailableException;
import io.ticketsmith.llm.RequestAnalyzer;
import io.ticketsmith.models.DecisionTables.Guardrails;
import io.ticketsmith.models.DecisionTables.LlmMode;
import io.ticketsmith.models.DecisionTables;
import io.ticketsmith.request.HandleRequestProcess.AnalysisSource;
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
    private final InjectionScreen screen;
    private final Budget budget;
    private final SafetyProperties safety;
    private final LlmSlots slots;
    private final LlmAvailability availability;

    PlanService(RequestIntake intake, PiiRedactor redactor, RequestAnalyzer analyzer, RuleBasedAnalyzer rules,
            PriorityDecider priorities, DecisionService decisions, InjectionScreen screen, Budget budget,
            SafetyProperties safety, LlmSlots slots, LlmAvailability availability) {
        this.slots = slots;
        this.availability = availability;
        this.intake = intake;
        this.redactor = redactor;
        this.analyzer = analyzer;
        this.rules = rules;
        this.priorities = priorities;
        this.decisions = decisions;
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
                Map<String, Object> budgetDecision = decisions.evaluateDecisionTableByKey(DecisionTables.Budget.KEY)
                        .variables(status.decisionInputs())
                        .evaluate().getSingleResult().getEntryMap();
                LlmMode mode = LlmMode.of(DecisionTables.Budget.LLM_MODE.from(budgetDecision)).orElse(LlmMode.NORMAL);
                if (mode == LlmMode.FALLBACK) {
                    fallbackReason = DecisionTables.Budget.REASON.from(budgetDecision);
                } else if (mode == LlmMode.CHEAPER) {
                    model = status.cheaperModel();
                }
            }
            if (fallbackReason == null) {
                // A dry run takes a slot only if one is free: it must not exceed the provider's concurrency, nor
                // keep requests waiting.
                if (!slots.tryTake()) {
                    throw new IntakeExceptions.LlmBusy(slots.limit());
                }
                try {
                    // Through the same guard as the requests: the provider's Retry-After and the breaker hold here too.
                    String chosen = model;
                    var result = availability.call(() -> analyzer.analyze(redacted, chosen));
                    budget.record(null, result.call(), "plan");
                    return decide(trace, redacted, AnalysisSource.LLM, null, result.analysis(), result.call());
                } catch (InvalidAnalysisException e) {
                    if (e.call() != null) {
                        budget.record(null, e.call(), "plan");
                    }
                    fallbackReason = e.getMessage();
                } catch (LlmUnavailableException e) {
                    fallbackReason = e.getMessage();
                } finally {
                    slots.release();
                }
            }
            Analysis analysis = rules.analyze(redacted, null, safety.fallbackProject(), safety.allowedProjects(),
                    fallbackReason);
            return decide(trace, redacted, AnalysisSource.FALLBACK, fallbackReason, analysis, null);
        }
    }

    private Plan decide(DecisionTrace trace, String redacted, String source, String fallbackReason, Analysis analysis,
            LlmCall call) {
        double injectionScore = screen.screen(redacted).score();
        Analysis prioritised = analysis.withActions(priorities.decide(analysis.actions(), analysis.urgency()));
        Map<String, Object> result = decisions.evaluateDecisionTableByKey(Guardrails.KEY)
                .variables(GuardrailInputs.of(prioritised, source, injectionScore, safety.allowedProjects()))
                .evaluate()
                .getSingleResult()
                .getEntryMap();
        List<Map<String, Object>> entries = trace.entries();
        // Read on the same safe side as the process reads it.
        GuardrailOutcome outcome = GuardrailOutcome.of(result);
        DecisionRecord.Guardrails guardrails = DecisionRecord.Guardrails.of(outcome.route().value(), outcome.reason(),
                outcome.reviewerGroup(), outcome.reviewDue(), entries);
        return new Plan(redacted, source, fallbackReason, prioritised, call, guardrails, entries);
    }
}
