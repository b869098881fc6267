package io.ticketsmith.evaluation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.cost.Budget;
import io.ticketsmith.cost.CostProperties;
import io.ticketsmith.llm.InvalidAnalysisException;
import io.ticketsmith.llm.LlmAnalysis;
import io.ticketsmith.llm.LlmCall;
import io.ticketsmith.llm.LlmUnavailableException;
import io.ticketsmith.llm.RequestAnalyzer;

import org.springframework.stereotype.Service;

/**
 * Analyses many redacted tickets with the configured provider, one after the other, and compares them with what was
 * expected. Shared by the evaluation set's runner and the replay of finished requests, so both estimate, call and
 * count the same way. Records nothing in the budget's ledger: an evaluation is not a request's spend.
 */
@Service
public class AnalysisBatch {

    private final RequestAnalyzer analyzer;
    private final Budget budget;
    private final CostProperties costProperties;
    private final long completionTokensPerTicket;

    AnalysisBatch(RequestAnalyzer analyzer, Budget budget, CostProperties costProperties,
            EvaluationProperties properties) {
        this.analyzer = analyzer;
        this.budget = budget;
        this.costProperties = costProperties;
        this.completionTokensPerTicket = properties.completionTokensPerTicket();
    }

    /** One ticket to analyse: its text with personal data already replaced, and the analysis expected of it. */
    public record Case(String id, String redactedText, Analysis expected) {
    }

    /** Whether an LLM is configured to analyse with. */
    public boolean enabled() {
        return analyzer.isEnabled();
    }

    /** The prompt version to use: the one asked for, or the current one. */
    public String promptVersion(String asked) {
        if (asked == null || asked.isBlank()) {
            return RequestAnalyzer.PROMPT_VERSION;
        }
        if (!RequestAnalyzer.promptVersions().contains(asked)) {
            throw new IllegalArgumentException("There is no analysis prompt " + asked + "; there are "
                    + RequestAnalyzer.promptVersions());
        }
        return asked;
    }

    /** The model analyses are asked of: the configured provider's configured model. */
    public String model() {
        return analyzer.model() == null ? "unknown" : analyzer.model();
    }

    public CostEstimate estimate(List<Case> cases, String promptVersion) {
        long prompt = cases.stream().mapToLong(c -> analyzer.estimatedPromptTokens(c.redactedText(), promptVersion))
                .sum();
        long completion = completionTokensPerTicket * cases.size();
        String model = model();
        boolean local = "ollama".equals(analyzer.provider());
        boolean priced = local || costProperties.prices().keySet().stream().anyMatch(model::startsWith);
        return new CostEstimate(analyzer.provider(), model, cases.size(), prompt, completion,
                budget.costOf(analyzer.provider(), model, prompt, completion), priced);
    }

    /**
     * @throws CostLimitExceededException the estimate is beyond maxUsd, or the model has no price; nothing was called
     * @throws IllegalStateException      no LLM is configured
     */
    public List<Sample> analyse(List<Case> cases, String promptVersion, BigDecimal maxUsd) {
        if (!analyzer.isEnabled()) {
            throw new IllegalStateException("No LLM is configured (spring.ai.model.chat=" + analyzer.provider()
                    + "): there is nothing to evaluate");
        }
        CostEstimate estimate = estimate(cases, promptVersion);
        if (!estimate.within(maxUsd)) {
            throw new CostLimitExceededException(estimate, maxUsd);
        }
        List<Sample> samples = new ArrayList<>();
        for (Case c : cases) {
            samples.add(analyse(c, promptVersion));
        }
        return samples;
    }

    private Sample analyse(Case c, String promptVersion) {
        try {
            LlmAnalysis result = analyzer.analyze(c.redactedText(), null, List.of(), promptVersion);
            return Sample.answered(c.id(), c.expected(), result.analysis(), result.call());
        } catch (InvalidAnalysisException e) {
            return Sample.failed(c.id(), c.expected(), e.call(), "invalid-analysis");
        } catch (LlmUnavailableException e) {
            // The exception's message may quote the provider's error; only what kind of failure it was is kept.
            return Sample.failed(c.id(), c.expected(), null, e.retryable() ? "provider-unavailable" : "provider-refused");
        }
    }

    /** USD of one analysis's calls at the configured prices. */
    public BigDecimal priceOf(LlmCall call) {
        return budget.costOf(call.provider(), call.model(), call.promptTokens(), call.completionTokens());
    }

    /** What a report says was evaluated. */
    public Map<String, String> setup(String promptVersion, String source, CostEstimate estimate) {
        Map<String, String> setup = new LinkedHashMap<>();
        setup.put("provider", analyzer.provider());
        setup.put("model", model());
        setup.put("promptVersion", promptVersion);
        setup.put("source", source);
        setup.put("estimatedUsd", estimate.usd().toPlainString());
        return setup;
    }

    public AnalysisReport report(List<Sample> samples, String promptVersion, String source, CostEstimate estimate) {
        return AnalysisReports.of(setup(promptVersion, source, estimate), samples, this::priceOf);
    }
}
