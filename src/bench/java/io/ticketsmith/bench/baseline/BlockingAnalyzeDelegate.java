package io.ticketsmith.bench.baseline;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.time.Duration;

import io.ticketsmith.cost.Budget;
import io.ticketsmith.llm.InvalidAnalysisException;
import io.ticketsmith.llm.LlmAnalysis;
import io.ticketsmith.llm.LlmUnavailableException;
import io.ticketsmith.llm.RequestAnalyzer;
import io.ticketsmith.observability.TicketsmithMetrics;
import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.request.RequestVariables;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Benchmark baseline only: the analysis as a plain blocking service task on the job executor, the design the
 * external task replaces. It calls the same analyzer and writes the same variables as the analysis worker, but the
 * job thread and its database connection wait for the LLM. Failures take the fallback path at once (no retry
 * cycle), which the benchmark does not exercise.
 */
@Component("benchAnalyzeDelegate")
@ConditionalOnProperty("ticketsmith.bench.report-file")
class BlockingAnalyzeDelegate implements JavaDelegate {

    private final RequestAnalyzer analyzer;
    private final Budget budget;
    private final TicketsmithMetrics metrics;

    BlockingAnalyzeDelegate(RequestAnalyzer analyzer, Budget budget,
            TicketsmithMetrics metrics) {
        this.analyzer = analyzer;
        this.budget = budget;
        this.metrics = metrics;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String requestId = execution.getProcessBusinessKey();
        String model = Variables.LLM_MODEL.get(execution);
        long started = System.nanoTime();
        try {
            LlmAnalysis result = analyzer.analyze(Variables.REQUEST_TEXT.get(execution), model);
            metrics.llmCall(analyzer.provider(), result.call().model(), "success",
                    Duration.ofNanos(System.nanoTime() - started));
            budget.record(requestId, result.call(), "success");
            execution.setVariables(RequestVariables.analysisVariables(result.analysis(),
                    HandleRequestProcess.AnalysisSource.LLM));
            Variables.LLM_CALL.set(execution, result.call());
            Variables.LLM_OUTPUT.set(execution, result.rawOutput());
        } catch (InvalidAnalysisException e) {
            Variables.FALLBACK_CAUSE.set(execution, "analysis_invalid");
            throw new BpmnError(HandleRequestProcess.Errors.ANALYSIS_INVALID, e.getMessage());
        } catch (LlmUnavailableException e) {
            Variables.FALLBACK_CAUSE.set(execution, "llm_unavailable");
            throw new BpmnError(HandleRequestProcess.Errors.LLM_UNAVAILABLE, e.getMessage());
        }
    }
}
