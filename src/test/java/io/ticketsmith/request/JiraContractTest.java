package io.ticketsmith.request;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.ticketsmith.request.HandleRequestProcess.Elements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.fixtures.JiraCloudPayloads;
import io.ticketsmith.security.TicketsmithGroups;
import io.ticketsmith.support.FakeJiraApi;
import io.ticketsmith.support.OpenAiStub;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The request process end to end through the real Jira Cloud gateway, against a stub of Jira's REST API v3
 * (and of OpenAI for the analysis): what reaches Jira is what the process decided.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.ai.model.chat=openai", "spring.ai.openai.api-key=test-key",
        "spring.ai.openai.chat.options.model=gpt-4o-mini",
        "ticketsmith.jira.flavor=cloud", "ticketsmith.jira.username=ticketsmith-bot@acme.example",
        "ticketsmith.jira.api-token=contract-test-token",
        "ticketsmith.llm.worker=false", "ticketsmith.models.watch=false"})
@ActiveProfiles({"demo", "test"})
class JiraContractTest {

    private static final String API = JiraCloudPayloads.API;
    private static final String DANA = "5b10ac8d82e05b22cc7d4ef5";

    @RegisterExtension
    static WireMockExtension openAi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension jira = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        registry.add("spring.ai.openai.base-url", openAi::baseUrl);
        registry.add("ticketsmith.jira.base-url", jira::baseUrl);
    }

    private final FakeJiraApi jiraCloud = FakeJiraApi.cloud(jira);

    @Autowired ProcessEngine engine;
    @Autowired HistoryService historyService;
    @Autowired AnalyzeRequestWorker worker;
    @Autowired ObjectMapper objectMapper;
    @Autowired io.ticketsmith.jira.JdbcJiraCallLog jiraCalls;

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    @Test
    void automaticBugIsCreatedInJiraWithItsLabelsAndDecidedPriority() throws Exception {
        llmAnswers(AnalysisFixtures.loginBug());
        jiraCloud.createsBugInWeb("WEB-101");

        ProcessInstance request = submit("The login page gives a 500 since yesterday's deploy, make it a bug for WEB");
        assertThat(request).isWaitingAt(Elements.EXECUTE_ACTIONS);
        execute(jobOf(request));

        assertThat(request).isEnded().hasPassed(Elements.END_DONE);
        jira.verify(1, postRequestedFor(urlPathEqualTo(API + "/issue"))
                .withRequestBody(matchingJsonPath("$.fields.project.key", equalTo("WEB")))
                .withRequestBody(matchingJsonPath("$.fields.issuetype.id", equalTo("10004")))
                .withRequestBody(matchingJsonPath("$.fields.summary", equalTo("Login page returns HTTP 500")))
                .withRequestBody(matchingJsonPath("$.fields.priority.name", equalTo("Medium")))
                .withRequestBody(matchingJsonPath("$.fields.labels[0]", equalTo("login")))
                .withRequestBody(matchingJsonPath("$.fields.labels[?(@ == 'ai_processed')]"))
                .withRequestBody(matchingJsonPath("$.fields.labels[?(@ =~ /ts-[0-9a-f]{16}/)]"))
                .withRequestBody(matchingJsonPath("$.fields.description.type", equalTo("doc"))));
        JsonNode result = objectMapper.readTree(historicVariable(request, "actionResults").toString()).get(0);
        assertThat(result.get("status").asText()).isEqualTo("DONE");
        assertThat(result.get("issueKey").asText()).isEqualTo("WEB-101");
        assertThat(result.get("url").asText()).isEqualTo(jira.baseUrl() + "/browse/WEB-101");
    }

    @Test
    void approvedReviewCommentsAssignsAndResolvesTheIssue() {
        llmAnswers(new Analysis("transition", "WEB-7 is fixed on staging; close it and tell Dana", "bug", "medium",
                "positive", Analysis.Confidence.all(0.95), "The reporter confirms the fix and asks to close WEB-7.",
                List.of(ProposedAction.comment("WEB-7", "Verified on staging.\n\n- Chrome 131\n- Firefox 133"),
                        ProposedAction.assign("WEB-7", "Dana Developer"),
                        ProposedAction.transition("WEB-7", "Done"))));
        jiraCloud.acceptsComments("WEB-7");
        jiraCloud.findsUsers("query", "Dana Developer", "[{\"accountId\":\"" + DANA + "\","
                + "\"accountType\":\"atlassian\",\"displayName\":\"Dana Developer\",\"active\":true}]");
        jiraCloud.acceptsEdits();
        jira.stubFor(put(urlPathEqualTo(API + "/issue/WEB-7/properties/ticketsmith-request"))
                .willReturn(aResponse().withStatus(200)));
        jiraCloud.hasWorkflow("WEB-7", JiraCloudPayloads.WEB_TRANSITIONS);

        ProcessInstance request = submit("WEB-7 works on staging now, please close it and hand it to Dana Developer");
        assertThat(request).isWaitingAt(Elements.REVIEW_PROPOSED_ACTIONS);
        engine.getIdentityService().setAuthentication("reviewer", List.of(TicketsmithGroups.REVIEWERS));
        try {
            complete(task(), Map.of("reviewDecision", "approve"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        execute(jobOf(request));

        assertThat(request).isEnded().hasPassed(Elements.END_DONE);
        jira.verify(postRequestedFor(urlPathEqualTo(API + "/issue/WEB-7/comment")).withRequestBody(equalToJson("""
                {"body": {"type": "doc", "version": 1, "content": [
                  {"type": "paragraph", "content": [{"type": "text", "text": "Verified on staging."}]},
                  {"type": "bulletList", "content": [
                    {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Chrome 131"}]}]},
                    {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Firefox 133"}]}]}]},
                  {"type": "paragraph", "content": [{"type": "text", "text": "—"}, {"type": "hardBreak"},
                    {"type": "text", "text": "${json-unit.regex}Ticketsmith request %s · ts-[0-9a-f]{16}"}]}]}}"""
                        .formatted(request.getBusinessKey()),
                false, false)));
        jira.verify(putRequestedFor(urlPathEqualTo(API + "/issue/WEB-7/properties/ticketsmith-request"))
                .withRequestBody(equalToJson("{\"requestId\":\"" + request.getBusinessKey() + "\",\"action\":\"transition\"}")));
        jira.verify(putRequestedFor(urlPathEqualTo(API + "/issue/WEB-7/assignee"))
                .withRequestBody(equalToJson("{\"accountId\":\"" + DANA + "\"}")));
        jira.verify(postRequestedFor(urlPathEqualTo(API + "/issue/WEB-7/transitions"))
                .withRequestBody(equalToJson("{\"transition\":{\"id\":\"31\"},\"fields\":{\"resolution\":{\"id\":\"10000\"}}}")));
        jira.verify(putRequestedFor(urlPathEqualTo(API + "/issue/WEB-7"))
                .withRequestBody(equalToJson("{\"update\":{\"labels\":[{\"add\":\"ai_processed\"}]}}")));
        // Each call is on the request's record, by operation and status.
        assertThat(jiraCalls.forRequest(request.getBusinessKey()))
                .extracting(io.ticketsmith.jira.JdbcJiraCallLog.Call::operation, io.ticketsmith.jira.JdbcJiraCallLog.Call::status)
                .contains(org.assertj.core.groups.Tuple.tuple("POST " + API + "/issue/{key}/comment", "201"),
                        org.assertj.core.groups.Tuple.tuple("PUT " + API + "/issue/{key}/assignee", "204"),
                        org.assertj.core.groups.Tuple.tuple("POST " + API + "/issue/{key}/transitions", "204"));
    }

    private ProcessInstance submit(String text) {
        return AnalysisTasks.submitAndAnalyze(engine, worker, text);
    }

    private Job jobOf(ProcessInstance request) {
        return engine.getManagementService().createJobQuery().processInstanceId(request.getId()).singleResult();
    }

    private void llmAnswers(Analysis analysis) {
        openAi.stubFor(OpenAiStub.chatCompletion().willReturn(OpenAiStub.answer(AnalysisFixtures.json(analysis))));
    }

    private Object historicVariable(ProcessInstance request, String name) {
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(request.getId())
                .variableName(name).singleResult().getValue();
    }
}
