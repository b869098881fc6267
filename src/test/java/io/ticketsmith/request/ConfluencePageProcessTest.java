package io.ticketsmith.request;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.ticketsmith.request.HandleRequestProcess.Elements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.security.TicketsmithGroups;
import io.ticketsmith.support.FakeConfluenceApi;
import io.ticketsmith.support.FakeJiraApi;
import io.ticketsmith.support.OpenAiStub;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
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
 * A create_page action through the whole request process, against fakes of Confluence Cloud and Jira Cloud's REST
 * APIs (and of OpenAI for the analysis): approved, the page is created in Confluence and linked from the issue;
 * Confluence refusing it or asking to wait is handled as Jira's refusal or rate limit is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.ai.model.chat=openai", "spring.ai.openai.api-key=test-key",
        "spring.ai.openai.chat.options.model=gpt-4o-mini",
        "ticketsmith.jira.flavor=cloud", "ticketsmith.jira.username=ticketsmith-bot@acme.example",
        "ticketsmith.jira.api-token=contract-test-token",
        "ticketsmith.knowledge.confluence.flavor=cloud",
        "ticketsmith.knowledge.confluence.user=ticketsmith-bot@acme.example",
        "ticketsmith.knowledge.confluence.token=confluence-test-token",
        "ticketsmith.safety.allowed-spaces=ENG",
        "ticketsmith.llm.worker=false", "ticketsmith.models.watch=false"})
@ActiveProfiles({"demo", "test"})
class ConfluencePageProcessTest {

    private static final String PAGE_TITLE = "Checkout outage post-mortem";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            "ticketsmith-bot@acme.example:confluence-test-token".getBytes(StandardCharsets.UTF_8));

    @RegisterExtension
    static WireMockExtension openAi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension jira = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension confluence = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        registry.add("spring.ai.openai.base-url", openAi::baseUrl);
        registry.add("ticketsmith.jira.base-url", jira::baseUrl);
        registry.add("ticketsmith.knowledge.confluence.base-url", confluence::baseUrl);
    }

    private final FakeJiraApi jiraCloud = FakeJiraApi.cloud(jira);
    private final FakeConfluenceApi confluenceCloud = FakeConfluenceApi.cloud(confluence, BASIC);

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired AnalyzeRequestWorker worker;
    @Autowired ObjectMapper objectMapper;

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    @Test
    void approvedPostMortemIsCreatedInConfluenceFromItsTemplateAndLinkedFromTheIssue() throws Exception {
        llmAnswers(postMortem("ENG"));
        confluenceCloud.hasNoPageWithAnIdempotencyLabel();
        confluenceCloud.hasSpace("ENG", "98304");
        confluenceCloud.createsPage("98765", PAGE_TITLE);
        confluenceCloud.acceptsLabels("98765");
        jiraCloud.acceptsRemoteLinks("WEB-7");

        ProcessInstance request = submit("Please write the post-mortem for yesterday's checkout outage (WEB-7) in ENG");
        approve(request);
        execute(jobOf(request));

        assertThat(request).isEnded().hasPassed(Elements.END_DONE);
        confluence.verify(postRequestedFor(urlPathEqualTo("/wiki/api/v2/pages"))
                .withRequestBody(matchingJsonPath("$.spaceId", equalTo("98304")))
                .withRequestBody(matchingJsonPath("$.status", equalTo("current")))
                .withRequestBody(matchingJsonPath("$.title", equalTo(PAGE_TITLE)))
                .withRequestBody(matchingJsonPath("$.body.representation", equalTo("storage"))));
        String storage = objectMapper.readTree(confluenceCloud.createdBody()).path("body").path("value").asText();
        assertThat(storage)
                .startsWith("<p>Jira issue: <a href=\"" + jira.baseUrl() + "/browse/WEB-7\">WEB-7</a> · Ticketsmith "
                        + "request " + request.getBusinessKey() + "</p>")
                .contains("<h2>Summary</h2><p>Card payments failed for 40 minutes.</p>")
                .contains("<h2>Impact</h2><p><em>To be completed</em></p>")
                .contains("&lt;script&gt;");
        confluenceCloud.verifyLabelledWithAnIdempotencyLabel("98765");
        String pageUrl = confluenceCloud.pageUrl("98765", PAGE_TITLE);
        jiraCloud.verifyRemoteLinked("WEB-7", "confluence-page:98765", pageUrl, PAGE_TITLE);
        JsonNode result = objectMapper.readTree(historicVariable(request, "actionResults").toString()).get(0);
        assertThat(result.get("type").asText()).isEqualTo("create_page");
        assertThat(result.get("status").asText()).isEqualTo("DONE");
        assertThat(result.get("pageUrl").asText()).isEqualTo(pageUrl);
        assertThat(result.get("issueKey").asText()).isEqualTo("WEB-7");
    }

    @Test
    void titleAlreadyInTheSpaceSendsTheRequestBackToReviewWithConfluencesReason() {
        llmAnswers(postMortem("ENG"));
        confluenceCloud.hasNoPageWithAnIdempotencyLabel();
        confluenceCloud.hasSpace("ENG", "98304");
        confluenceCloud.refusesTitleAlreadyInSpace(PAGE_TITLE);

        ProcessInstance request = submit("Please write the post-mortem for yesterday's checkout outage (WEB-7) in ENG");
        approve(request);
        execute(jobOf(request));

        assertThat(request).hasPassed(Elements.JIRA_REJECTED).isWaitingAt(Elements.REVIEW_PROPOSED_ACTIONS);
        assertThat(variable(request, "jiraError").toString()).contains("a page titled \"" + PAGE_TITLE
                + "\" already exists in space ENG; change the title or the space");
        jiraCloud.verifyRemoteLinkedTimes("WEB-7", 0);
    }

    @Test
    void pageInASpaceOutsideTheAllowedOnesGoesBackToReviewWithoutTouchingConfluence() {
        llmAnswers(postMortem("HR"));

        ProcessInstance request = submit("Please write the post-mortem for yesterday's checkout outage (WEB-7) in HR");
        approve(request);
        execute(jobOf(request));

        assertThat(request).hasPassed(Elements.JIRA_REJECTED).isWaitingAt(Elements.REVIEW_PROPOSED_ACTIONS);
        assertThat(variable(request, "jiraError").toString()).isEqualTo(
                "Not allowed by the safety policy: action 1: Confluence space HR is not allowed (allowed: ENG)");
        confluenceCloud.verifyCreatedTimes(0);
    }

    @Test
    void confluenceRateLimitWaitsOnTheTimerForItsRetryAfter() {
        llmAnswers(postMortem("ENG"));
        confluenceCloud.hasNoPageWithAnIdempotencyLabel();
        confluenceCloud.hasSpace("ENG", "98304");
        confluenceCloud.rateLimitsCreating(30);

        ProcessInstance request = submit("Please write the post-mortem for yesterday's checkout outage (WEB-7) in ENG");
        approve(request);
        execute(jobOf(request));

        assertThat(request).isWaitingAt(Elements.WAIT_FOR_JIRA);
        assertThat(variable(request, "jiraRetryAfter")).isEqualTo("PT30S");
    }

    private static Analysis postMortem(String space) {
        return new Analysis("triage", "Post-mortem of the checkout outage", "incident", "high", "neutral",
                Analysis.Confidence.all(0.9), "The requester asks for a post-mortem page of the outage in WEB-7.",
                List.of(ProposedAction.createPage(space, null, PAGE_TITLE, "post-mortem", """
                        ## Summary
                        Card payments failed for 40 minutes.

                        ## Root cause
                        An expired certificate; the log showed <script>alert(1)</script>.
                        """, "WEB-7")));
    }

    private void approve(ProcessInstance request) {
        // create_page always needs a person: the guardrails run only issues, comments and labels automatically.
        assertThat(request).isWaitingAt(Elements.REVIEW_PROPOSED_ACTIONS);
        engine.getIdentityService().setAuthentication("reviewer", List.of(TicketsmithGroups.REVIEWERS));
        try {
            complete(task(), Map.of("reviewDecision", "approve"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
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

    private Object variable(ProcessInstance request, String name) {
        return runtimeService.getVariable(request.getId(), name);
    }

    private Object historicVariable(ProcessInstance request, String name) {
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(request.getId())
                .variableName(name).singleResult().getValue();
    }
}
