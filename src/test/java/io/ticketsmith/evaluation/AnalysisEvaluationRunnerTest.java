package io.ticketsmith.evaluation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.ticketsmith.support.OpenAiStub;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The evaluation runner started as the README says ({@code --ticketsmith.evaluation.run=<set>}) against a fake OpenAI
 * that answers three of five tickets right and two wrong; every figure of the report is worked out by hand in
 * {@link StubAnswers}' terms.
 */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
class AnalysisEvaluationRunnerTest {

    static final Path SET = Path.of("src/test/resources/evaluation/stub-set.jsonl");
    static final Path REPORT_DIR = createTempDirectory();

    // HTTP/1.1 only, like the real providers (see RequestAnalyzerOpenAiTest); the requests the runner made at startup
    // are kept for the tests to read.
    @RegisterExtension
    static WireMockExtension openAi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true)).resetOnEachTest(false).build();

    @DynamicPropertySource
    static void runEvaluationAgainstFakeOpenAi(DynamicPropertyRegistry registry) {
        registry.add("spring.ai.model.chat", () -> "openai");
        registry.add("spring.ai.openai.base-url", openAi::baseUrl);
        registry.add("spring.ai.openai.api-key", () -> "test-key");
        registry.add("spring.ai.openai.chat.options.model", () -> "gpt-4o-mini");
        registry.add("ticketsmith.llm.worker", () -> "false");
        registry.add("ticketsmith.evaluation.run", SET::toString);
        registry.add("ticketsmith.evaluation.report-dir", REPORT_DIR::toString);
        registry.add("ticketsmith.evaluation.exit", () -> "false");
    }

    /** Registered before the Spring context starts, because the runner runs while it starts. */
    @BeforeAll
    static void stubAnswersPerTicket() {
        answer("Kestrel", StubAnswers.CHECKOUT_RIGHT, 100);
        answer("Marmot", StubAnswers.QUESTION_RIGHT, 200);
        answer("Heron", StubAnswers.REFUND_WRONG, 300);
        answer("Lynx", StubAnswers.OUTAGE_WRONG, 400);
        answer("Ibex", StubAnswers.COMMENT_RIGHT, 500);
    }

    private static void answer(String ticketWord, String content, int delayMillis) {
        openAi.stubFor(OpenAiStub.chatCompletion().withRequestBody(containing(ticketWord))
                .willReturn(OpenAiStub.answer(content, 1000, 200).withFixedDelay(delayMillis)));
    }

    @Autowired
    Evaluation evaluation;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void runnerWritesReportWithHandComputedAccuracyF1AndConfusion() throws IOException {
        JsonNode report = json.readTree(REPORT_DIR.resolve("analysis-evaluation.json").toFile());

        assertThat(report.path("tickets").asInt()).isEqualTo(5);
        assertThat(report.path("failed").asInt()).isZero();
        assertThat(report.at("/setup/promptVersion").asText()).isEqualTo("analyze-request/v5");
        assertThat(report.at("/setup/model").asText()).isEqualTo("gpt-4o-mini");
        // intent: 4 of 5; F1 comment 1, create_issue 1, draft_reply 0, question 2/3 -> (2 + 2/3) / 4
        assertField(report, "intent", 4, 0.8, 0.6667);
        // category: 3 of 5; F1 bug 4/5, incident 0, question 2/3, refund 0 -> 1.4667 / 4
        assertField(report, "category", 3, 0.6, 0.3667);
        // urgency: 3 of 5; F1 critical 0, high 2/3, low 2/3, medium 2/3 -> 2 / 4
        assertField(report, "urgency", 3, 0.6, 0.5);
        assertField(report, "sentiment", 5, 1.0, 1.0);
        assertField(report, "project", 5, 1.0, 1.0);
        // issue type: 4 of 5 (a Task for the outage's Bug); F1 Bug 2/3, Task 0, none 1 -> 1.6667 / 3
        assertField(report, "issueType", 4, 0.8, 0.5556);

        assertThat(json.convertValue(report.at("/fields/category/confusion"), Map.class)).isEqualTo(Map.of(
                "bug", Map.of("bug", 2), "incident", Map.of("bug", 1), "question", Map.of("question", 1),
                "refund", Map.of("question", 1)));
        assertThat(json.convertValue(report.at("/fields/urgency/confusion"), Map.class)).isEqualTo(Map.of(
                "critical", Map.of("high", 1), "high", Map.of("high", 1), "low", Map.of("low", 1),
                "medium", Map.of("low", 1, "medium", 1)));
        assertThat(json.convertValue(report.at("/fields/issueType/confusion"), Map.class)).isEqualTo(Map.of(
                "Bug", Map.of("Bug", 1, "Task", 1), "none", Map.of("none", 3)));
    }

    @Test
    void actionsAgreeOnlyWhereTypeProjectAndIssueTypeMatch() throws IOException {
        JsonNode report = json.readTree(REPORT_DIR.resolve("analysis-evaluation.json").toFile());

        assertAgreement(report, "create_issue", 2, 2, 1, 0.5, 0.5);
        assertAgreement(report, "draft_reply", 2, 2, 2, 1.0, 1.0);
        assertAgreement(report, "comment", 1, 1, 1, 1.0, 1.0);
        assertAgreement(report, "assign", 0, 0, 0, 0.0, 0.0);
        assertThat(report.path("exactActions").asDouble()).isEqualTo(0.8);
    }

    @Test
    void calibrationSetsStatedConfidenceAgainstObservedCorrectness() throws IOException {
        JsonNode report = json.readTree(REPORT_DIR.resolve("analysis-evaluation.json").toFile());

        // intent: 0.45 right; 0.6 wrong; 0.95, 0.92 and 0.9 right
        assertBuckets(report.at("/calibration/intent"), List.of(
                List.of(1, 0.45, 1.0), List.of(1, 0.6, 0.0), List.of(0, 0.0, 0.0), List.of(0, 0.0, 0.0),
                List.of(3, 0.9233, 1.0)));
        // category: 0.45 right; 0.65 wrong; 0.75 wrong; 0.9 and 0.92 right
        assertBuckets(report.at("/calibration/category"), List.of(
                List.of(1, 0.45, 1.0), List.of(1, 0.65, 0.0), List.of(1, 0.75, 0.0), List.of(0, 0.0, 0.0),
                List.of(2, 0.91, 1.0)));
    }

    @Test
    void costIsTheTokensAtTheConfiguredPriceAndLatencyIsMeasured() throws IOException {
        JsonNode report = json.readTree(REPORT_DIR.resolve("analysis-evaluation.json").toFile());

        assertThat(report.at("/cost/calls").asLong()).isEqualTo(5);
        assertThat(report.at("/cost/promptTokens").asLong()).isEqualTo(5000);
        assertThat(report.at("/cost/completionTokens").asLong()).isEqualTo(1000);
        // gpt-4o-mini: 1000 x 0.15 + 200 x 0.60 per million = 0.00027 USD a ticket
        assertThat(report.at("/cost/usd").decimalValue()).isEqualByComparingTo("0.00135");
        // the stub waits 100 to 500 ms; nearest rank: p50 is the third of five, p95 the fifth
        assertThat(report.at("/latency/p50Millis").asLong()).isGreaterThanOrEqualTo(300);
        assertThat(report.at("/latency/p95Millis").asLong()).isGreaterThanOrEqualTo(500);
        assertThat(Files.readString(REPORT_DIR.resolve("analysis-evaluation.md")))
                .contains("| intent | 80.0 % | 0.67 | 4/5 |", "| create_issue | 2 | 2 | 1 | 50.0 % | 50.0 % |");
    }

    @Test
    void modelSeesOnlyRedactedTexts() {
        openAi.verify(postRequestedFor(urlEqualTo(OpenAiStub.PATH)).withRequestBody(containing("[EMAIL_1]")));
        assertThat(openAi.findAll(postRequestedFor(urlEqualTo(OpenAiStub.PATH))))
                .noneMatch(request -> request.getBodyAsString().contains("anna.schneider@example.com")
                        || request.getBodyAsString().contains("sabine.meyer@kundenmail.de")
                        || request.getBodyAsString().contains("2345678"));
    }

    @Test
    void runBeyondMaxCostIsRefusedBeforeAnyCall() {
        int callsBefore = openAi.findAll(postRequestedFor(urlEqualTo(OpenAiStub.PATH))).size();

        // five tickets, each a system prompt of some 2,500 tokens and 400 answer tokens: about 0.003 USD
        assertThatThrownBy(() -> evaluation.evaluate(SET, null, 0, new BigDecimal("0.001")))
                .isInstanceOf(CostLimitExceededException.class)
                .satisfies(e -> {
                    CostEstimate estimate = ((CostLimitExceededException) e).estimate();
                    assertThat(estimate.tickets()).isEqualTo(5);
                    assertThat(estimate.completionTokens()).isEqualTo(2000);
                    assertThat(estimate.usd()).isGreaterThan(new BigDecimal("0.001"));
                });
        assertThat(openAi.findAll(postRequestedFor(urlEqualTo(OpenAiStub.PATH)))).hasSize(callsBefore);
    }

    private static void assertField(JsonNode report, String field, int correct, double accuracy, double macroF1) {
        JsonNode score = report.at("/fields/" + field);
        assertThat(score.path("correct").asInt()).as(field + " correct").isEqualTo(correct);
        assertThat(score.path("accuracy").asDouble()).as(field + " accuracy").isEqualTo(accuracy);
        assertThat(score.path("macroF1").asDouble()).as(field + " macro-F1").isEqualTo(macroF1);
    }

    private static void assertAgreement(JsonNode report, String type, int expected, int proposed, int agreed,
            double precision, double recall) {
        JsonNode agreement = report.at("/actions/" + type);
        assertThat(List.of(agreement.path("expected").asInt(), agreement.path("proposed").asInt(),
                agreement.path("agreed").asInt())).as(type).containsExactly(expected, proposed, agreed);
        assertThat(agreement.path("precision").asDouble()).as(type + " precision").isEqualTo(precision);
        assertThat(agreement.path("recall").asDouble()).as(type + " recall").isEqualTo(recall);
    }

    private static void assertBuckets(JsonNode buckets, List<List<Number>> expected) {
        assertThat(buckets).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode bucket = buckets.get(i);
            assertThat(List.<Number>of(bucket.path("count").asInt(), bucket.path("meanConfidence").asDouble(),
                    bucket.path("accuracy").asDouble())).as(bucket.path("bucket").asText())
                    .containsExactlyElementsOf(expected.get(i));
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("analysis-evaluation");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
