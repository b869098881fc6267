package io.ticketsmith.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.security.TicketsmithGroups;
import io.ticketsmith.support.OpenAiProcessTest;
import io.ticketsmith.support.OpenAiStub;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the triage analytics record of a request, on the real process with the real OpenAI client talking to a stub
 * of the OpenAI API: {@code ticketsmith.triage.tickets} when the guardrails get the analysis,
 * {@code ticketsmith.triage.outcomes} and a row of {@code ts_triage_outcome} when the request ends.
 */
class TriageAnalyticsProcessTest extends OpenAiProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired ExternalTaskService externalTaskService;
    @Autowired AnalyzeRequestWorker worker;
    @Autowired io.ticketsmith.llm.LlmAvailability llmAvailability;
    @Autowired ObjectMapper objectMapper;
    @Autowired MeterRegistry meters;
    @Autowired JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        init(engine);
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-23T09:00:00Z")));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        llmAvailability.reset();
    }

    @Test
    void llmAnalysedAutoRequestIsCountedByWhatTheAnalysisFoundAndAsATriageSuccess() {
        llmAnswers(AnalysisFixtures.loginBug());
        double ticketsBefore = tickets("api", "bug", "medium", "neutral");
        double successesBefore = outcomes("api", "llm", "success");

        ProcessInstance request = submit("The login page gives a 500 since yesterday's deploy, make it a bug for WEB");
        analyzeNext();

        assertThat(request).isWaitingAt(HandleRequestProcess.Elements.EXECUTE_ACTIONS);
        assertThat(tickets("api", "bug", "medium", "neutral") - ticketsBefore).isEqualTo(1);
        assertThat(outcomes("api", "llm", "success") - successesBefore).as("not before the request ends").isZero();

        execute(jobOf(request));

        assertThat(request).isEnded();
        assertThat(outcomes("api", "llm", "success") - successesBefore).isEqualTo(1);
        assertThat(row(request)).containsEntry("SOURCE", "api").containsEntry("CATEGORY", "bug")
                .containsEntry("URGENCY", "medium").containsEntry("SENTIMENT", "neutral")
                .containsEntry("ANALYSIS", "llm").containsEntry("ROUTE", "AUTO").containsEntry("REVIEW", "none")
                .containsEntry("OUTCOME", "DONE").containsEntry("TRIAGED", true);
    }

    @Test
    void requestTheKeywordRulesAnalysedIsCountedAsFallback() {
        openAi.stubFor(OpenAiStub.chatCompletion().willReturn(OpenAiStub.answer("{\"intent\":\"create_issue\","
                + "\"summary\":\"x\",\"category\":\"bug\",\"urgency\":\"urgent\",\"sentiment\":\"neutral\","
                + "\"confidence\":{\"intent\":1,\"category\":1,\"urgency\":1,\"sentiment\":1},\"explanation\":\"x\","
                + "\"actions\":[]}")));
        double fallbacksBefore = outcomes("api", "fallback", "success");
        double llmBefore = outcomes("api", "llm", "success");

        ProcessInstance request = submit("The checkout crashes with an error");
        analyzeNext();
        assertThat(request).isWaitingAt(HandleRequestProcess.Elements.REVIEW_PROPOSED_ACTIONS);
        decide(task(), Map.of("reviewDecision", "reject", "reviewComment", "Not a bug"));

        assertThat(request).isEnded();
        assertThat(outcomes("api", "fallback", "success") - fallbacksBefore).isEqualTo(1);
        assertThat(outcomes("api", "llm", "success") - llmBefore).isZero();
        assertThat(row(request)).containsEntry("ANALYSIS", "fallback").containsEntry("ROUTE", "REVIEW");
    }

    @Test
    void editedReviewIsKeptAsEditedAndCountedOnceAmongReviewDecisions() {
        ProcessInstance request = waitingForReview(AnalysisFixtures.unsureLoginBug());
        double editedBefore = meters.counter("ticketsmith.review.decisions", "decision", "edited").count();
        List<ProposedAction> edited = List.of(AnalysisFixtures.loginBug().actions().get(0).withPriority("High"));

        decide(task(), Map.of("reviewDecision", "approve", "actions", actionsJson(edited)));
        execute(jobOf(request));

        assertThat(request).isEnded();
        assertThat(meters.counter("ticketsmith.review.decisions", "decision", "edited").count() - editedBefore)
                .isEqualTo(1);
        assertThat(row(request)).containsEntry("ROUTE", "REVIEW").containsEntry("REVIEW", "edited")
                .containsEntry("OUTCOME", "DONE").containsEntry("TRIAGED", true);
    }

    @Test
    void rejectedReviewOfAnAngryUrgentTicketIsKeptAsRejectedWithItsUrgencyAndSentiment() {
        Analysis unsure = AnalysisFixtures.unsureLoginBug();
        Analysis angry = new Analysis(unsure.intent(), unsure.summary(), "incident", "critical", "negative",
                unsure.confidence(), unsure.explanation(), unsure.actions());
        double angryBefore = tickets("api", "incident", "critical", "negative");
        double rejectedBefore = meters.counter("ticketsmith.review.decisions", "decision", "rejected").count();

        ProcessInstance request = waitingForReview(angry);
        assertThat(tickets("api", "incident", "critical", "negative") - angryBefore)
                .as("counted while it waits for review").isEqualTo(1);
        decideAs("lead", TicketsmithGroups.LEADS, task(),
                Map.of("reviewDecision", "reject", "reviewComment", "Duplicate of WEB-3"));

        assertThat(request).isEnded();
        assertThat(meters.counter("ticketsmith.review.decisions", "decision", "rejected").count() - rejectedBefore)
                .isEqualTo(1);
        assertThat(row(request)).containsEntry("CATEGORY", "incident").containsEntry("URGENCY", "critical")
                .containsEntry("SENTIMENT", "negative").containsEntry("REVIEW", "rejected")
                .containsEntry("OUTCOME", "REJECTED").containsEntry("TRIAGED", true);
    }

    @Test
    void aSourceOutsideTheKnownSetIsCountedAsOtherNeverAsWhatWasWritten() {
        llmAnswers(AnalysisFixtures.loginBug());
        double otherBefore = tickets("other", "bug", "medium", "neutral");
        ProcessInstance request = submit("The login page gives a 500 since yesterday's deploy, make it a bug for WEB");
        // What anyone reaching the engine REST API could do between two steps.
        runtimeService.setVariable(request.getId(), "source", "dana@example.com");

        analyzeNext();
        execute(jobOf(request));

        assertThat(tickets("other", "bug", "medium", "neutral") - otherBefore).isEqualTo(1);
        assertThat(meters.find("ticketsmith.triage.tickets").counters())
                .noneMatch(counter -> counter.getId().getTag("source").contains("@"));
        assertThat(meters.find("ticketsmith.triage.outcomes").counters())
                .noneMatch(counter -> counter.getId().getTag("source").contains("@"));
        assertThat(row(request)).containsEntry("SOURCE", "other");
    }

    // --- helpers --------------------------------------------------------------------------------------

    private ProcessInstance submit(String text) {
        return runtimeService.startProcessInstanceByKey(HandleRequestProcess.KEY, UUID.randomUUID().toString(),
                Map.of("requestText", text, "source", "api", "reporter", "dana@example.com"));
    }

    private ProcessInstance waitingForReview(Analysis analysis) {
        llmAnswers(analysis);
        ProcessInstance request = submit("login broken?");
        analyzeNext();
        assertThat(request).isWaitingAt(HandleRequestProcess.Elements.REVIEW_PROPOSED_ACTIONS);
        return request;
    }

    /** Continues after redaction, then lets the worker handle the analysis task the way the poller would. */
    private void analyzeNext() {
        engine.getManagementService().createJobQuery().activityId(HandleRequestProcess.Elements.REDACT_REQUEST).list()
                .forEach(continuation -> execute(continuation));
        List<LockedExternalTask> tasks = externalTaskService.fetchAndLock(10, "test-worker")
                .topic(HandleRequestProcess.Topics.ANALYZE_REQUEST, 60_000)
                .variables(AnalyzeRequestWorker.VARIABLES)
                .execute();
        assertThat(tasks).as("analysis tasks ready").isNotEmpty();
        tasks.forEach(task -> worker.handle(task, "test-worker"));
    }

    private void decide(Task task, Map<String, Object> variables) {
        decideAs("reviewer", TicketsmithGroups.REVIEWERS, task, variables);
    }

    /** A critical incident goes to the leads, whom the guardrails name for it. */
    private void decideAs(String userId, String group, Task task, Map<String, Object> variables) {
        engine.getIdentityService().setAuthentication(userId, List.of(group));
        try {
            engine.getTaskService().claim(task.getId(), userId);
            complete(task, variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private org.camunda.bpm.engine.runtime.Job jobOf(ProcessInstance request) {
        return engine.getManagementService().createJobQuery().processInstanceId(request.getId()).singleResult();
    }

    private Object actionsJson(List<?> actions) {
        try {
            return org.camunda.spin.plugin.variable.SpinValues.jsonValue(objectMapper.writeValueAsString(actions))
                    .create();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void llmAnswers(Analysis analysis) {
        openAi.stubFor(OpenAiStub.chatCompletion().willReturn(OpenAiStub.answer(AnalysisFixtures.json(analysis))));
    }

    private double tickets(String source, String category, String urgency, String sentiment) {
        var counter = meters.find("ticketsmith.triage.tickets").tags("source", source, "category", category,
                "urgency", urgency, "sentiment", sentiment).counter();
        return counter == null ? 0 : counter.count();
    }

    private double outcomes(String source, String analysis, String result) {
        var counter = meters.find("ticketsmith.triage.outcomes").tags("source", source, "analysis", analysis,
                "result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private Map<String, Object> row(ProcessInstance request) {
        return jdbc.queryForMap("SELECT * FROM ts_triage_outcome WHERE request_id = ?", request.getBusinessKey());
    }
}
