package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.cost.Budget;
import io.ticketsmith.knowledge.Knowledge;
import io.ticketsmith.knowledge.Neighbour;
import io.ticketsmith.llm.InvalidAnalysisException;
import io.ticketsmith.llm.LlmAvailability;
import io.ticketsmith.llm.LlmCall;
import io.ticketsmith.llm.LlmAnalysis;
import io.ticketsmith.llm.LlmProperties;
import io.ticketsmith.llm.LlmUnavailableException;
import io.ticketsmith.llm.RequestAnalyzer;
import io.ticketsmith.observability.TicketsmithMetrics;
import io.ticketsmith.reply.ReplyDrafting;
import io.ticketsmith.safety.InjectionScreen;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Handles one locked {@code analyze-request} task: asks the LLM and completes the task, reports a failure
 * with the next retry time, or raises the BPMN error that sends the request to the keyword-rules fallback.
 * It runs outside any engine transaction, so no database connection is held while the LLM thinks.
 *
 * <p>The LLM's answer is paid for, so it is kept with the request (its variables, in a transaction of its own)
 * before the task is completed. Completing runs what follows the analysis (priorities, guardrails) on this thread;
 * when that fails, it is not the LLM's failure: the task gets an incident with the engine's error, and when an
 * operator retries it, or after a crash, or when another node takes the task over, the kept answer completes it
 * without asking the LLM again.
 */
@Component
public class AnalyzeRequestWorker {

    private static final Logger log = LoggerFactory.getLogger(AnalyzeRequestWorker.class);

    private final RequestAnalyzer analyzer;
    private final ExternalTaskService externalTasks;
    private final LlmProperties properties;
    private final Budget budget;
    private final TicketsmithMetrics metrics;

    private final RuntimeService runtime;
    private final LlmAvailability availability;
    private final Knowledge knowledge;
    private final InjectionScreen screen;
    private final ReplyDrafting replies;

    AnalyzeRequestWorker(RequestAnalyzer analyzer, ExternalTaskService externalTasks, RuntimeService runtime,
            LlmProperties properties, Budget budget, TicketsmithMetrics metrics, LlmAvailability availability,
            Knowledge knowledge, InjectionScreen screen, ReplyDrafting replies) {
        this.screen = screen;
        this.replies = replies;
        this.availability = availability;
        this.knowledge = knowledge;
        this.analyzer = analyzer;
        this.externalTasks = externalTasks;
        this.runtime = runtime;
        this.properties = properties;
        this.budget = budget;
        this.metrics = metrics;
    }

    /** The variables a worker needs to fetch with the task. */
    public static final List<String> VARIABLES = List.of(Variables.REQUEST_TEXT.name(), Variables.LLM_MODEL.name(),
            Variables.LLM_CALL.name(), Variables.ANALYSIS_REUSED_FROM.name(), Variables.INJECTION_LEVEL.name(),
            Variables.SOURCE.name(), Variables.REPLY_TONE.name());

    public void handle(LockedExternalTask task, String workerId) {
        handle(task, workerId, () -> { });
    }

    /**
     * @param llmCallsDone run once the LLM has answered or failed for good (after a re-ask, if any), before the
     *                     task is completed in the engine: the completion runs the rest of the process up to the
     *                     review or the Jira job (priority and guardrail decisions), which needs no LLM slot
     */
    public void handle(LockedExternalTask task, String workerId, Runnable llmCallsDone) {
        String requestId = task.getBusinessKey();
        // The engine puts these into the log context of its own threads; this thread is not one of them.
        MDC.put("requestId", requestId);
        MDC.put("processInstanceId", task.getProcessInstanceId());
        try {
            LlmCall kept = Variables.LLM_CALL.get(task.getVariables());
            String reused = Variables.ANALYSIS_REUSED_FROM.get(task.getVariables());
            if (kept != null || reused != null) {
                llmCallsDone.run();
                log.info("Request {}: completing the analysis with the one kept before ({})", requestId,
                        kept != null ? kept.provider() + " " + kept.model() + ", prompt " + kept.promptVersion()
                                : "reused from request " + reused);
                complete(task, workerId, requestId, Map.of());
                return;
            }
            if (!analyzer.isEnabled()) {
                llmCallsDone.run();
                externalTasks.handleBpmnError(task.getId(), workerId, HandleRequestProcess.Errors.LLM_UNAVAILABLE,
                        "No LLM provider is configured (spring.ai.model.chat=" + analyzer.provider() + ")",
                        Map.of(Variables.FALLBACK_CAUSE.name(), "no_provider"));
                return;
            }
            String text = Variables.REQUEST_TEXT.get(task.getVariables());
            // A text the injection screen flagged is never answered from, nor kept in, the cache.
            boolean clean = InjectionScreen.LEVEL_NONE.equals(Variables.INJECTION_LEVEL.get(task.getVariables()));
            // One embedding of the text serves the cache, the neighbours and keeping the analysis.
            Knowledge.Probe probe = knowledge.probe(text);
            if (clean && reusedAnalysis(task, workerId, requestId, probe, llmCallsDone)) {
                return;
            }
            analyze(task, workerId, requestId, probe, Variables.LLM_MODEL.get(task.getVariables()), llmCallsDone, clean);
        } catch (NotFoundException e) {
            // The request was cancelled or another worker took over after our lock expired.
            log.info("Request {}: analysis task {} is gone ({}); dropping this result", requestId, task.getId(),
                    e.getMessage());
        } finally {
            llmCallsDone.run();
            MDC.remove("requestId");
            MDC.remove("processInstanceId");
        }
    }

    /**
     * Completes the task with the analysis of a recent request whose text is near-identical, without an LLM call.
     *
     * @return false when there is none
     */
    private boolean reusedAnalysis(LockedExternalTask task, String workerId, String requestId, Knowledge.Probe probe,
            Runnable llmCallsDone) {
        Optional<Knowledge.CachedAnalysis> cached = knowledge.cachedAnalysisFor(requestId, probe);
        if (cached.isEmpty()) {
            metrics.analysisCache("miss");
            return false;
        }
        llmCallsDone.run();
        Analysis analysis = RequestJson.convert(RequestJson.tree(cached.get().analysisJson()),
                RequestJson.types().constructType(Analysis.class));
        Map<String, Object> completion = new HashMap<>(
                RequestVariables.analysisVariables(analysis, HandleRequestProcess.AnalysisSource.LLM));
        Variables.ANALYSIS_REUSED_FROM.put(completion, cached.get().requestId());
        Variables.SIMILAR.put(completion, knowledge.neighboursOf(requestId, probe));
        metrics.analysisCache("hit");
        budget.recordReuse(requestId, cached.get().requestId());
        log.info("Request {}: reuses the analysis of request {} (similarity {}), no LLM call", requestId,
                cached.get().requestId(), cached.get().score());
        complete(task, workerId, requestId, completion);
        return true;
    }

    /**
     * The neighbours as the prompt gets them. Their titles come from Jira, Confluence and earlier requests, written by
     * anyone: a line the injection screen flags at all is left out of the prompt (the reviewer still sees it).
     */
    private List<String> promptLines(String requestId, List<Neighbour> neighbours) {
        List<String> lines = new java.util.ArrayList<>();
        for (Neighbour neighbour : neighbours) {
            // What the item says recurs from request to request; its score does not.
            if (InjectionScreen.LEVEL_NONE.equals(screen.screenRecurring(neighbour.ownText()).level())) {
                lines.add(neighbour.describe());
            } else {
                log.warn("Request {}: similar item {} left out of the prompt, it may hold instructions for the AI",
                        requestId, neighbour.id());
            }
        }
        return lines;
    }

    private void analyze(LockedExternalTask task, String workerId, String requestId, Knowledge.Probe probe,
            String model, Runnable llmCallsDone, boolean keepForReuse) {
        String text = probe.text();
        // Looked up only when the provider may be asked: they go into the prompt.
        AtomicReference<List<Neighbour>> similar = new AtomicReference<>(List.of());
        String source = Variables.SOURCE.get(task.getVariables());
        long started = System.nanoTime();
        try {
            LlmAnalysis result;
            ReplyDrafting.Drafts drafts;
            try {
                result = availability.call(() -> {
                    similar.set(knowledge.neighboursOf(requestId, probe));
                    return analyzer.analyzeFrom(source, text, model,
                            promptLines(requestId, similar.get()));
                });
                metrics.llmCall(analyzer.provider(), result.call().model(), "success", since(started));
                budget.record(requestId, result.call(), "success");
                // The replies' own calls: a failure of one keeps the analysis's text and never the analysis from
                // completing.
                drafts = replies.draft(requestId, text, source,
                        Variables.REPLY_TONE.get(task.getVariables()), model, result.analysis().actions());
            } finally {
                llmCallsDone.run();
            }
            drafts.calls().forEach(call -> budget.record(requestId, call, "success"));
            Analysis analysis = result.analysis().actions() == null ? result.analysis()
                    : result.analysis().withActions(drafts.actions());
            if (HandleRequestProcess.Sources.ZENDESK.equals(source)) {
                analysis = io.ticketsmith.analysis.ZendeskWriteBack.completed(analysis);
            }
            Map<String, Object> completion = new HashMap<>(
                    RequestVariables.analysisVariables(analysis, HandleRequestProcess.AnalysisSource.LLM));
            if (!drafts.notes().isEmpty()) {
                Variables.REPLY_NOTES.put(completion, drafts.notes());
            }
            Variables.LLM_CALL.put(completion, result.call());
            Variables.LLM_OUTPUT.put(completion, result.rawOutput());
            Variables.SIMILAR.put(completion, similar.get());
            if (keepForReuse) {
                knowledge.keepAnalysis(requestId, probe, RequestJson.text(result.analysis()));
            }
            log.info("Request {}: analysed by {} in {} ms ({} call(s), {}+{} tokens)", requestId,
                    result.call().model(), result.call().latencyMillis(), result.call().calls(),
                    result.call().promptTokens(), result.call().completionTokens());
            complete(task, workerId, requestId, completion);
        } catch (LlmAvailability.ProviderAskedToWait e) {
            waitForProvider(task, workerId, requestId, e.retryAfter().orElse(Duration.ZERO));
        } catch (LlmAvailability.CircuitOpen e) {
            log.warn("Request {}: the LLM provider is failing (circuit breaker {}); keyword rules analyse it", requestId,
                    availability.state());
            externalTasks.handleBpmnError(task.getId(), workerId, HandleRequestProcess.Errors.LLM_UNAVAILABLE,
                    e.getMessage(), Map.of(Variables.FALLBACK_CAUSE.name(), "llm_unavailable"));
        } catch (InvalidAnalysisException e) {
            metrics.llmCall(analyzer.provider(), e.call() == null ? model : e.call().model(), "invalid", since(started));
            if (e.call() != null) {
                budget.record(requestId, e.call(), "invalid");
            }
            Map<String, Object> evidence = new HashMap<>();
            Variables.FALLBACK_CAUSE.put(evidence, "analysis_invalid");
            Variables.LLM_OUTPUT.put(evidence, e.rawOutput());
            Variables.ANALYSIS_ERRORS.put(evidence, e.errors());
            if (e.call() != null) {
                Variables.LLM_CALL.put(evidence, e.call());
            }
            log.warn("Request {}: the LLM's analysis stayed invalid after a re-ask: {}", requestId, e.errors());
            externalTasks.handleBpmnError(task.getId(), workerId, HandleRequestProcess.Errors.ANALYSIS_INVALID,
                    e.getMessage(), evidence);
        } catch (LlmUnavailableException e) {
            metrics.llmCall(analyzer.provider(), model, "error", since(started));
            if (e.retryAfter().isPresent()) {
                metrics.rateLimited("llm");
            }
            failed(task, workerId, requestId, e.getMessage(), e.retryable(), e.retryAfter().orElse(Duration.ZERO));
        } catch (RuntimeException e) {
            metrics.llmCall(analyzer.provider(), model, "error", since(started));
            log.error("Request {}: unexpected failure while analysing", requestId, e);
            failed(task, workerId, requestId, e.getClass().getSimpleName() + ": " + e.getMessage(), true,
                    Duration.ZERO);
        }
    }

    /**
     * Completes the task with the analysis, written to the request in the completion's own transaction. A failure of
     * what runs after the analysis is an incident on this task, for operators, never a reason to ask the LLM again:
     * the analysis is then kept on the request in a transaction of its own before the failure is reported, and the
     * retry completes with it. A concurrent change of the request (another thread touched it) is simply tried again a
     * second later, with the analysis kept the same way.
     *
     * @param analysis the variables the analysis gives the request; empty when they are on the request already
     */
    private void complete(LockedExternalTask task, String workerId, String requestId, Map<String, Object> analysis) {
        try {
            externalTasks.complete(task.getId(), workerId, analysis);
        } catch (NotFoundException e) {
            throw e;
        } catch (OptimisticLockingException e) {
            keep(task, analysis);
            log.info("Request {}: changed concurrently while completing its analysis; trying again", requestId);
            reportFailure(task, workerId, requestId, "Changed concurrently: " + e.getMessage(), null,
                    Math.max(1, task.getRetries() == null ? properties.retryCycle().size() : task.getRetries()), 1000);
        } catch (RuntimeException e) {
            keep(task, analysis);
            log.error("Request {}: the LLM answered, but what follows the analysis failed; the answer is kept and "
                    + "the analysis task has an incident", requestId, e);
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            reportFailure(task, workerId, requestId, "After the analysis: " + rootMessage(e), trace.toString(), 0, 0);
        }
    }

    /**
     * Keeps the analysis on the request after its completion failed, so that the retry completes with it. Should this
     * fail as well, the failure goes to the caller, as a failed LLM call does: the task is retried and asks again.
     */
    private void keep(LockedExternalTask task, Map<String, Object> analysis) {
        if (!analysis.isEmpty()) {
            runtime.setVariables(task.getExecutionId(), analysis);
        }
    }

    private void reportFailure(LockedExternalTask task, String workerId, String requestId, String message,
            String details, int retries, long retryAfterMillis) {
        try {
            externalTasks.handleFailure(task.getId(), workerId, message, details, retries, retryAfterMillis);
        } catch (RuntimeException e) {
            // The lock expires and the kept answer completes the task then; nothing is lost.
            log.warn("Request {}: could not report the failure of task {} ({})", requestId, task.getId(),
                    e.getMessage());
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.length() <= 600 ? message : message.substring(0, 597) + "...";
    }

    /**
     * The provider asked the cluster to wait (a 429's {@code Retry-After}): this task waits as long, without calling
     * and without using up one of its retries.
     */
    private void waitForProvider(LockedExternalTask task, String workerId, String requestId, Duration wait) {
        // The stored count is the retries left; none stored yet means the whole cycle plus the first attempt.
        int retriesKept = task.getRetries() == null ? properties.retryCycle().size() + 1 : task.getRetries();
        log.info("Request {}: the LLM provider asked to wait; trying again in {}", requestId, wait);
        externalTasks.handleFailure(task.getId(), workerId, "The LLM provider asked to wait " + wait, null,
                retriesKept, wait.toMillis());
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /**
     * Retries follow {@code ticketsmith.llm.retry-cycle}. The task's retry count says how many retries are
     * left; it stays above zero so no incident is raised, because the model has a fallback for a failed LLM.
     */
    private void failed(LockedExternalTask task, String workerId, String requestId, String message,
            boolean retryable, Duration retryAfter) {
        List<Duration> cycle = properties.retryCycle();
        int retriesLeft = task.getRetries() == null ? cycle.size() : task.getRetries() - 1;
        if (!retryable || retriesLeft <= 0) {
            log.warn("Request {}: LLM unavailable ({}); falling back to keyword rules", requestId, message);
            externalTasks.handleBpmnError(task.getId(), workerId, HandleRequestProcess.Errors.LLM_UNAVAILABLE,
                    "LLM unavailable: " + message, Map.of(Variables.FALLBACK_CAUSE.name(), "llm_unavailable"));
            return;
        }
        Duration wait = cycle.get(cycle.size() - retriesLeft);
        if (retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        log.info("Request {}: LLM call failed ({}); retrying in {} ({} retries left)", requestId, message, wait,
                retriesLeft - 1);
        // The stored count is the number of retries still allowed; it never reaches zero here (no incident).
        externalTasks.handleFailure(task.getId(), workerId, message, null, retriesLeft, wait.toMillis());
    }
}
