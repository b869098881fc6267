package io.ticketsmith.evaluation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.ticketsmith.request.HandleRequestProcess.Variables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.support.ApiClient;
import io.ticketsmith.support.OpenAiStub;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The analysis replayed over finished requests crafted in history: three that the fake OpenAI answers (the most
 * recent) and five older ones. With gpt-4o's price, a replay of three costs about 0.03 USD and one of eight about
 * 0.09 USD, on each side of the limit of 0.05 USD.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class AnalysisReplayApiTest {

    private static final String PATH = "/api/replays/analysis";

    @RegisterExtension
    static WireMockExtension openAi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true)).build();

    @DynamicPropertySource
    static void fakeOpenAi(DynamicPropertyRegistry registry) {
        registry.add("spring.ai.model.chat", () -> "openai");
        registry.add("spring.ai.openai.base-url", openAi::baseUrl);
        registry.add("spring.ai.openai.api-key", () -> "test-key");
        registry.add("spring.ai.openai.chat.options.model", () -> "gpt-4o");
        registry.add("ticketsmith.llm.worker", () -> "false");
        registry.add("ticketsmith.models.watch", () -> "false");
        registry.add("ticketsmith.replay.max-cost-usd", () -> "0.05");
    }

    private static boolean crafted;

    @Autowired TestRestTemplate rest;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;

    @BeforeEach
    void finishedRequestsInHistory() {
        openAi.stubFor(OpenAiStub.chatCompletion().withRequestBody(containing("Kestrel"))
                .willReturn(OpenAiStub.answer(StubAnswers.CHECKOUT_RIGHT, 1000, 200)));
        openAi.stubFor(OpenAiStub.chatCompletion().withRequestBody(containing("Heron"))
                .willReturn(OpenAiStub.answer(StubAnswers.REFUND_WRONG, 1000, 200)));
        openAi.stubFor(OpenAiStub.chatCompletion().withRequestBody(containing("Lynx"))
                .willReturn(OpenAiStub.answer(StubAnswers.OUTAGE_WRONG, 1000, 200)));
        if (crafted) {
            return;
        }
        long start = System.currentTimeMillis() - 3_600_000;
        try {
            for (int i = 1; i <= 5; i++) {
                ClockUtil.setCurrentTime(new Date(start + i * 1000L));
                finished("replay-older-" + i, "Older request " + i + ": the invoice PDF is empty.", "DONE",
                        analysis("create_issue", "bug", "medium", "neutral"),
                        List.of(ProposedAction.createIssue("WEB", "Bug", "Empty invoice PDF", null, List.of(), null)));
            }
            ClockUtil.setCurrentTime(new Date(start + 10_000));
            finished("replay-checkout", "The Kestrel checkout in WEB throws a 500 with PayPal. Reach me at [EMAIL_1].",
                    "DONE", analysis("create_issue", "bug", "high", "negative"),
                    List.of(ProposedAction.createIssue("WEB", "Bug", "PayPal checkout 500", null, List.of(), null)));
            ClockUtil.setCurrentTime(new Date(start + 11_000));
            // The reviewer rejected the proposed reply: nothing should have been done.
            finished("replay-refund", "Heron-Bestellung storniert, aber trotzdem abgebucht. [NAME_1]", "REJECTED",
                    analysis("draft_reply", "refund", "medium", "negative"),
                    List.of(ProposedAction.draftReply("[EMAIL_1]", "Ihre Abbuchung", "Say it is checked.")));
            ClockUtil.setCurrentTime(new Date(start + 12_000));
            // The reviewer made the proposed Task a Bug before approving it.
            finished("replay-outage", "URGENT: the Lynx site is down for everyone, please open an incident in OPS.",
                    "DONE", analysis("create_issue", "incident", "critical", "negative"),
                    List.of(ProposedAction.createIssue("OPS", "Bug", "Lynx site down", null, List.of(), null)));
        } finally {
            ClockUtil.reset();
        }
        crafted = true;
    }

    @Test
    void replayOverFinishedRequestsReportsAgreementWithWhatReviewersDecided() {
        long runningBefore = runtime.createProcessInstanceQuery().count();
        long finishedBefore = history.createHistoricProcessInstanceQuery().count();

        ResponseEntity<JsonNode> started = rest.withBasicAuth("owner", "demo").postForEntity(PATH,
                ApiClient.json(Map.of("promptVersion", "analyze-request/v3", "sampleSize", 3)), JsonNode.class);

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = started.getBody().path("id").asText();
        assertThat(started.getHeaders().getLocation()).hasToString(PATH + "/" + id);
        assertThat(started.getBody().at("/estimate/tickets").asInt()).isEqualTo(3);
        JsonNode replay = await().atMost(Duration.ofSeconds(30)).until(
                () -> rest.withBasicAuth("auditor", "demo").getForEntity(PATH + "/" + id, JsonNode.class).getBody(),
                body -> !"RUNNING".equals(body.path("status").asText()));

        assertThat(replay.path("status").asText()).isEqualTo("DONE");
        JsonNode report = replay.path("report");
        assertThat(report.at("/setup/promptVersion").asText()).isEqualTo("analyze-request/v3");
        assertThat(report.path("tickets").asInt()).isEqualTo(3);
        // intent wrong only for the refund; category and urgency right only for the checkout
        assertThat(report.at("/fields/intent/correct").asInt()).isEqualTo(2);
        assertThat(report.at("/fields/category/correct").asInt()).isEqualTo(1);
        assertThat(report.at("/fields/urgency/correct").asInt()).isEqualTo(1);
        assertThat(report.at("/fields/sentiment/accuracy").asDouble()).isEqualTo(1.0);
        // the outage's Task is not the Bug the reviewer approved; the rejected reply was proposed again
        assertThat(report.at("/actions/create_issue/agreed").asInt()).isEqualTo(1);
        assertThat(report.at("/actions/draft_reply/expected").asInt()).isZero();
        assertThat(report.at("/actions/draft_reply/proposed").asInt()).isEqualTo(1);
        assertThat(report.path("exactActions").asDouble()).isEqualTo(0.3333);
        openAi.verify(3, postRequestedFor(urlEqualTo(OpenAiStub.PATH)));
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(runningBefore);
        assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(finishedBefore);
    }

    @Test
    void replayBeyondItsCostLimitIsRefusedWithTheEstimate() {
        ResponseEntity<JsonNode> refused = rest.withBasicAuth("owner", "demo").postForEntity(PATH,
                ApiClient.json(Map.of("sampleSize", 8)), JsonNode.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getBody().at("/estimate/tickets").asInt()).isEqualTo(8);
        assertThat(refused.getBody().at("/estimate/usd").decimalValue()).isGreaterThan(new java.math.BigDecimal("0.05"));
        openAi.verify(0, postRequestedFor(urlEqualTo(OpenAiStub.PATH)));
    }

    @Test
    void reviewersMayNeitherStartNorReadReplays() {
        assertThat(rest.withBasicAuth("reviewer", "demo").postForEntity(PATH, ApiClient.json(Map.of("sampleSize", 1)),
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("reviewer", "demo").getForEntity(PATH + "/any", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        openAi.verify(0, postRequestedFor(urlEqualTo(OpenAiStub.PATH)));
    }

    @Test
    void anUnknownPromptVersionIsRefused() {
        assertThat(rest.withBasicAuth("owner", "demo").postForEntity(PATH,
                ApiClient.json(Map.of("promptVersion", "analyze-request/v99")), String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private void finished(String id, String redactedText, String outcome, Analysis analysis,
            List<ProposedAction> actions) {
        Map<String, Object> variables = new HashMap<>();
        Variables.REQUEST_TEXT.put(variables, redactedText);
        Variables.OUTCOME.put(variables, outcome);
        Variables.ANALYSIS.put(variables, analysis);
        Variables.ACTIONS.put(variables, actions);
        // Straight to its end: history then holds a finished request with these variables, as the process leaves it.
        runtime.createProcessInstanceByKey(HandleRequestProcess.KEY).businessKey(id).setVariables(variables)
                .startBeforeActivity("EndEvent_RequestDone").execute(true, true);
    }

    private static Analysis analysis(String intent, String category, String urgency, String sentiment) {
        return new Analysis(intent, "summary", category, urgency, sentiment, Analysis.Confidence.all(0.9),
                "explanation", List.of());
    }
}
