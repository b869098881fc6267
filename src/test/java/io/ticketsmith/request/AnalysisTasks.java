package io.ticketsmith.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsmith.request.HandleRequestProcess.Elements;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** Drives one request to its analysis and through it, as the job executor and the poller would. */
final class AnalysisTasks {

    private AnalysisTasks() {
    }

    /** Starts a request from an API client with this text, and drives it through its analysis. */
    static ProcessInstance submitAndAnalyze(ProcessEngine engine, AnalyzeRequestWorker worker, String text) {
        ProcessInstance request = engine.getRuntimeService().startProcessInstanceByKey(HandleRequestProcess.KEY,
                java.util.UUID.randomUUID().toString(), java.util.Map.of("requestText", text, "source", "api"));
        analyze(engine, worker, request);
        return request;
    }

    /** Continues after redaction, then lets the worker handle the request's analysis task. */
    static void analyze(ProcessEngine engine, AnalyzeRequestWorker worker, ProcessInstance request) {
        var jobs = engine.getManagementService();
        jobs.createJobQuery().processInstanceId(request.getId()).activityId(Elements.REDACT_REQUEST).list()
                .forEach(job -> jobs.executeJob(job.getId()));
        var tasks = engine.getExternalTaskService().fetchAndLock(1, "test-worker")
                .topic(HandleRequestProcess.Topics.ANALYZE_REQUEST, 60_000).businessKey(request.getBusinessKey())
                .variables(AnalyzeRequestWorker.VARIABLES).execute();
        assertThat(tasks).as("analysis task ready").hasSize(1);
        tasks.forEach(task -> worker.handle(task, "test-worker"));
    }
}
