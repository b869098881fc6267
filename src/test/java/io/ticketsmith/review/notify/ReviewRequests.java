package io.ticketsmith.review.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import io.ticketsmith.request.AnalyzeRequestWorker;
import io.ticketsmith.request.HandleRequestProcess;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Drives a request to "Review proposed actions" the way the application does, without an LLM provider: the
 * keyword rules analyse it and the guardrails send it to the reviewers.
 */
final class ReviewRequests {

    /** Becomes a feature request of medium urgency; the address is redacted before anything reads it. */
    static final String TEXT = "Please add dark mode to the settings page, asked by dana@example.com";
    static final String REDACTED_SUMMARY = "Please add dark mode to the settings page, asked by [EMAIL_1]";
    static final String FALLBACK_REASON = "The AI model was unavailable; the request was analysed by keyword rules only";

    private ReviewRequests() {
    }

    /** Returns when the engine command that created the review task has returned. */
    static ProcessInstance waitingForReview(ProcessEngine engine, AnalyzeRequestWorker worker, String requestId) {
        ProcessInstance request = engine.getRuntimeService().startProcessInstanceByKey(HandleRequestProcess.KEY,
                requestId, Map.of("requestText", TEXT, "source", "api", "reporter", "dana@example.com"));
        engine.getManagementService().executeJob(jobAt(engine, request, HandleRequestProcess.Elements.REDACT_REQUEST).getId());
        List<LockedExternalTask> analyses = engine.getExternalTaskService().fetchAndLock(1, "test-worker")
                .topic(HandleRequestProcess.Topics.ANALYZE_REQUEST, 60_000)
                .businessKey(requestId)
                .variables(AnalyzeRequestWorker.VARIABLES)
                .execute();
        assertThat(analyses).hasSize(1);
        worker.handle(analyses.get(0), "test-worker");
        assertThat(request).isWaitingAt(HandleRequestProcess.Elements.REVIEW_PROPOSED_ACTIONS);
        return request;
    }

    static Job jobAt(ProcessEngine engine, ProcessInstance request, String activityId) {
        return engine.getManagementService().createJobQuery().processInstanceId(request.getId())
                .activityId(activityId).singleResult();
    }
}
