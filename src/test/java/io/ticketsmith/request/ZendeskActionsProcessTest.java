package io.ticketsmith.request;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.analysis.ZendeskWriteBack;
import io.ticketsmith.request.HandleRequestProcess.Elements;
import io.ticketsmith.security.TicketsmithGroups;
import io.ticketsmith.support.FakeJiraApi;
import io.ticketsmith.support.FakeZendeskApi;
import io.ticketsmith.support.OpenAiStub;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Zendesk tickets through the whole request process, from the signed webhook to the writes on the ticket, against
 * fakes of Zendesk, Jira Cloud and OpenAI at the HTTP level: one test per Zendesk action, and Zendesk's refusals.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.ai.model.chat=openai", "spring.ai.openai.api-key=test-key",
        "spring.ai.openai.chat.options.model=gpt-4o-mini",
        "ticketsmith.jira.flavor=cloud", "ticketsmith.jira.username=ticketsmith-bot@acme.example",
        "ticketsmith.jira.api-token=contract-test-token",
        "ticketsmith.zendesk.enabled=true",
        "TICKETSMITH_ZENDESK_EMAIL=" + FakeZendeskApi.EMAIL,
        "TICKETSMITH_ZENDESK_API_TOKEN=" + FakeZendeskApi.API_TOKEN,
        "TICKETSMITH_ZENDESK_WEBHOOK_SECRET=" + ZendeskActionsProcessTest.SECRET,
        "ticketsmith.llm.worker=false", "ticketsmith.models.watch=false"})
@ActiveProfiles({"demo", "test"})
class ZendeskActionsProcessTest {

    static final String SECRET = "zendesk-process-test-secret";
    private static final String REPLY_PROMPT = "You write replies to support requests";
    private static final String TEXT = "Since this morning every card payment in the checkout fails with error 502. "
            + "We are losing orders, please help!";

    @RegisterExtension
    static WireMockExtension openAi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension zendeskServer = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension jira = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        registry.add("spring.ai.openai.base-url", openAi::baseUrl);
        registry.add("ticketsmith.zendesk.base-url", zendeskServer::baseUrl);
        registry.add("ticketsmith.jira.base-url", jira::baseUrl);
    }

    private final FakeZendeskApi zendesk = new FakeZendeskApi(zendeskServer);
    private final FakeJiraApi jiraCloud = FakeJiraApi.cloud(jira);

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired ExternalTaskService externalTaskService;
    @Autowired AnalyzeRequestWorker worker;
    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper objectMapper;
    @Autowired io.micrometer.core.instrument.MeterRegistry meters;

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    @Test
    void confidentTagsAreAddedAutomaticallyNextToTheTicketsOwnTags() throws Exception {
        String id = ticket("7001");
        llmAnswers(analysis(0.95, ProposedAction.tag(null, List.of("ai_processed", "ai_incident", "ai_high",
                "ai_neutral"))));

        ProcessInstance request = submitAndAnalyse(id);
        runJobs(request);

        assertThat(request).isEnded().hasPassed(Elements.END_DONE);
        JsonNode sent = theUpdate(id, update -> update.has("additional_tags"));
        assertThat(sent.path("additional_tags")).extracting(JsonNode::asText)
                .containsExactly("ai_processed", "ai_incident", "ai_high", "ai_neutral");
        assertThat(sent.has("tags")).as("the ticket's own tags vip and checkout stay").isFalse();
        assertThat(sent.has("comment")).as("the ticket's comments stay as they are").isFalse();
        assertThat(analysisPrompt()).contains("<source>zendesk</source>");
    }

    @Test
    void zendeskRequestsAreCountedUnderTheirSourceAndBoundedActionLabels() {
        String id = ticket("7008");
        llmAnswers(analysis(0.95, ProposedAction.tag(null, List.of("ai_processed"))));

        ProcessInstance request = submitAndAnalyse(id);
        runJobs(request);

        assertThat(request).isEnded();
        assertThat(meters.find("ticketsmith.requests").tag("source", "zendesk").counter()).isNotNull();
        assertThat(meters.find("ticketsmith.actions").tags("type", "tag", "source", "auto", "status", "success")
                .counter().count()).isGreaterThanOrEqualTo(1.0);
        List<String> types = java.util.Arrays.stream(io.ticketsmith.analysis.ActionType.values())
                .map(io.ticketsmith.analysis.ActionType::wireName).toList();
        assertThat(meters.find("ticketsmith.actions").counters()).allSatisfy(counter ->
                assertThat(types).contains(counter.getId().getTag("type")));
        assertThat(meters.find("ticketsmith.triage.zendesk.tickets").counters()).allSatisfy(counter ->
                assertThat(counter.getId().getTag("result")).isIn("found", "started", "skipped", "failed"));
    }

    @Test
    void confidentPriorityIsSetAutomatically() throws Exception {
        String id = ticket("7002");
        llmAnswers(analysis(0.95, ProposedAction.setPriority(null, "urgent")));

        ProcessInstance request = submitAndAnalyse(id);
        runJobs(request);

        assertThat(request).isEnded().hasPassed(Elements.END_DONE);
        assertThat(theUpdate(id, update -> update.has("priority")).path("priority").asText()).isEqualTo("urgent");
    }

    @Test
    void confidentInternalNoteIsAPrivateCommentCarryingTheActionsMarker() throws Exception {
        String id = ticket("7003");
        llmAnswers(analysis(0.95, ProposedAction.internalNote(null, "AI Analysis: card payments fail with 502")));

        ProcessInstance request = submitAndAnalyse(id);
        runJobs(request);

        assertThat(request).isEnded().hasPassed(Elements.END_DONE);
        JsonNode comment = theUpdate(id, update -> update.has("comment")).path("comment");
        assertThat(comment.path("public").asBoolean(true)).isFalse();
        assertThat(comment.path("body").asText()).startsWith("AI Analysis: card payments fail with 502")
                .contains("Ticketsmith request " + request.getBusinessKey() + " · ts-");
    }

    @Test
    void theDefaultWriteBackRunsAutomaticallyButADraftReplyWaitsForAPerson() throws Exception {
        String id = ticket("7004");
        Analysis analysis = analysis(0.95);
        List<ProposedAction> actions = new java.util.ArrayList<>(ZendeskWriteBack.actions(analysis));
        actions.add(ProposedAction.draftReply(null, "Card payments", "Say that engineers are on it."));
        llmAnswers(analysis.withActions(actions));
        replyPromptAnswers("Hello,\n\nthank you for telling us. Our engineers are working on the failing card "
                + "payments and we will update you here.");

        ProcessInstance request = submitAndAnalyse(id);

        assertThat(request).isWaitingAt(Elements.REVIEW_PROPOSED_ACTIONS);
        assertThat(zendesk.updates(id)).isEmpty();
        approve(request);
        runJobs(request);

        assertThat(request).isEnded().hasPassed(Elements.END_DONE);
        List<JsonNode> sent = zendesk.updates(id).stream().map(this::ticketOf).toList();
        assertThat(sent).hasSize(4);
        assertThat(sent.get(0).path("additional_tags")).extracting(JsonNode::asText)
                .containsExactly("ai_processed", "ai_incident", "ai_high", "ai_neutral");
        assertThat(sent.get(1).path("priority").asText()).isEqualTo("high");
        assertThat(sent.get(2).path("comment").path("body").asText()).startsWith("AI Analysis: ");
        assertThat(sent.get(3).path("comment").path("public").asBoolean(false)).as("the reply").isTrue();
        assertThat(sent.get(3).path("comment").path("body").asText())
                .startsWith("Hello,\n\nthank you for telling us.").doesNotContain("ts-");
    }

    @Test
    void anAnalysisThatForgetsTheWriteBackGetsItSoNoTicketIsLeftUnmarked() throws Exception {
        String id = ticket("7010");
        llmAnswers(analysis(0.95, ProposedAction.setPriority(null, "urgent")));

        ProcessInstance request = submitAndAnalyse(id);
        runJobs(request);

        assertThat(request).isEnded().hasPassed(Elements.END_DONE);
        List<JsonNode> sent = zendesk.updates(id).stream().map(this::ticketOf).toList();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0).path("priority").asText()).as("the model's own priority stays").isEqualTo("urgent");
        assertThat(sent.get(1).path("additional_tags")).extracting(JsonNode::asText)
                .containsExactly("ai_processed", "ai_incident", "ai_high", "ai_neutral");
        assertThat(sent.get(2).path("comment").path("body").asText()).startsWith("AI Analysis: ");
    }

    @Test
    void anEngineeringBugBecomesAJiraIssueAndTheTicketGetsANoteNamingIt() throws Exception {
        String id = ticket("7005");
        jiraCloud.createsBugInWeb("WEB-321");
        llmAnswers(analysis(0.95, ProposedAction.createIssue("WEB", "Bug", "Card payments fail with 502",
                "Every card payment fails since this morning.", List.of(), null)));

        ProcessInstance request = submitAndAnalyse(id);
        runJobs(request);

        assertThat(request).isEnded().hasPassed(Elements.END_DONE);
        JsonNode comment = theUpdate(id, update -> update.path("comment").path("body").asText().startsWith("Jira issue"))
                .path("comment");
        assertThat(comment.path("public").asBoolean(true)).isFalse();
        assertThat(comment.path("body").asText()).startsWith("Jira issue WEB-321 was created for this ticket: "
                + jira.baseUrl() + "/browse/WEB-321");
    }

    @Test
    void aTicketAnAgentKeepsChangingGoesBackToReviewWithZendesksReason() {
        String id = "7006";
        zendesk.hasTicket(id, FakeZendeskApi.ticket(id, "Checkout fails", TEXT, List.of("vip"),
                FakeZendeskApi.UPDATED_AT));
        zendesk.acceptsSafeUpdates(id, "2026-11-30T09:59:00Z");
        zendesk.hasComments(id, List.of(List.of()));
        llmAnswers(analysis(0.95, ProposedAction.setPriority(null, "urgent")));

        ProcessInstance request = submitAndAnalyse(id);
        runJobs(request);

        assertThat(request).hasPassed(Elements.JIRA_REJECTED).isWaitingAt(Elements.REVIEW_PROPOSED_ACTIONS);
        assertThat(String.valueOf(runtimeService.getVariable(request.getId(), "jiraError")))
                .contains("Zendesk ticket " + id + " was changed by someone else twice while it was written");
        assertThat(zendesk.updates(id)).hasSize(2);
    }

    @Test
    void anUpdateZendeskRefusesGoesBackToReviewWithZendesksWords() {
        String id = "7009";
        zendesk.hasTicket(id, FakeZendeskApi.ticket(id, "Checkout fails", TEXT, List.of(), FakeZendeskApi.UPDATED_AT));
        zendesk.refusesUpdatesAsInvalid(id, "priority", "Priority: is not valid");
        llmAnswers(analysis(0.95, ProposedAction.setPriority(null, "high")));

        ProcessInstance request = submitAndAnalyse(id);
        runJobs(request);

        assertThat(request).hasPassed(Elements.JIRA_REJECTED).isWaitingAt(Elements.REVIEW_PROPOSED_ACTIONS);
        assertThat(String.valueOf(runtimeService.getVariable(request.getId(), "jiraError")))
                .contains("Zendesk answered 422 to PUT /api/v2/tickets/{id}.json: RecordInvalid; Record validation "
                        + "errors; Priority: is not valid");
    }

    @Test
    void zendeskRateLimitWaitsOnTheTimerForItsRetryAfter() {
        String id = "7007";
        zendesk.hasTicket(id, FakeZendeskApi.ticket(id, "Checkout fails", TEXT, List.of(), FakeZendeskApi.UPDATED_AT));
        zendesk.rateLimitsUpdates(id, 45);
        llmAnswers(analysis(0.95, ProposedAction.tag(null, List.of("ai_processed"))));

        ProcessInstance request = submitAndAnalyse(id);
        runJobs(request);

        assertThat(request).isWaitingAt(Elements.WAIT_FOR_JIRA);
        assertThat(runtimeService.getVariable(request.getId(), "jiraRetryAfter")).isEqualTo("PT45S");
    }

    /** A ticket in the allowed brand and group with tags of its own, which accepts safe updates. */
    private String ticket(String id) {
        zendesk.hasTicket(id, FakeZendeskApi.ticket(id, "Checkout fails", TEXT, List.of("vip", "checkout"),
                FakeZendeskApi.UPDATED_AT));
        zendesk.acceptsSafeUpdates(id, FakeZendeskApi.UPDATED_AT);
        zendesk.hasComments(id, List.of(List.of("public:" + TEXT)));
        return id;
    }

    private static Analysis analysis(double confidence, ProposedAction... actions) {
        return new Analysis("triage", "Card payments fail with 502", "incident", "high", "neutral",
                Analysis.Confidence.all(confidence), "Every card payment fails: an outage of the checkout.",
                List.of(actions));
    }

    private ProcessInstance submitAndAnalyse(String ticketId) {
        String body = FakeZendeskApi.ticketCreated(ticketId);
        String timestamp = Instant.now().toString();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Zendesk-Webhook-Signature-Timestamp", timestamp);
        headers.set("X-Zendesk-Webhook-Signature", FakeZendeskApi.signature(SECRET, timestamp, body));
        @SuppressWarnings("unchecked")
        Map<String, Object> accepted = rest.postForObject("/api/zendesk/webhook", new HttpEntity<>(body, headers),
                Map.class);
        ProcessInstance request = runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey((String) accepted.get("id")).singleResult();
        runJobs(request);
        var tasks = externalTaskService.fetchAndLock(1, "zendesk-test")
                .topic(HandleRequestProcess.Topics.ANALYZE_REQUEST, 60_000).businessKey(request.getBusinessKey())
                .variables(AnalyzeRequestWorker.VARIABLES).execute();
        assertThat(tasks).hasSize(1);
        worker.handle(tasks.get(0), "zendesk-test");
        return request;
    }

    /** Runs the request's jobs that are due, as the job executor would, until none is left. */
    private void runJobs(ProcessInstance request) {
        for (int round = 0; round < 10; round++) {
            List<Job> due = engine.getManagementService().createJobQuery().processInstanceId(request.getId())
                    .executable().list();
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                try {
                    engine.getManagementService().executeJob(job.getId());
                } catch (RuntimeException e) {
                    // A failed job keeps its retries count down; the test asserts where the request ends up.
                }
            }
        }
    }

    private void approve(ProcessInstance request) {
        engine.getIdentityService().setAuthentication("reviewer", List.of(TicketsmithGroups.REVIEWERS));
        try {
            complete(engine.getTaskService().createTaskQuery().processInstanceId(request.getId()).singleResult(),
                    Map.of("reviewDecision", "approve"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private void llmAnswers(Analysis analysis) {
        openAi.stubFor(OpenAiStub.chatCompletion().withRequestBody(notContaining(REPLY_PROMPT))
                .willReturn(OpenAiStub.answer(AnalysisFixtures.json(analysis))));
    }

    private void replyPromptAnswers(String text) {
        openAi.stubFor(OpenAiStub.chatCompletion().withRequestBody(containing(REPLY_PROMPT))
                .willReturn(OpenAiStub.answer(text)));
    }

    private String analysisPrompt() throws Exception {
        var calls = openAi.findAll(postRequestedFor(urlEqualTo(OpenAiStub.PATH))
                .withRequestBody(notContaining(REPLY_PROMPT)));
        return objectMapper.readTree(calls.get(calls.size() - 1).getBodyAsString()).path("messages").get(1)
                .path("content").asText();
    }

    /** The one update of the ticket that matches; the default write-back may have sent others. */
    private JsonNode theUpdate(String id, java.util.function.Predicate<JsonNode> matching) {
        List<JsonNode> updates = zendesk.updates(id).stream().map(this::ticketOf).filter(matching).toList();
        assertThat(updates).hasSize(1);
        return updates.get(0);
    }

    private JsonNode ticketOf(String body) {
        try {
            return objectMapper.readTree(body).path("ticket");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
