package io.ticketsmith.request;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.ticketsmith.knowledge.KnowledgeIndex;
import io.ticketsmith.support.OpenAiStub;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A request near-identical to one analysed shortly before reuses that analysis: no LLM call, and it says so. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.ai.model.chat=openai",
        "spring.ai.openai.api-key=test-key",
        "spring.ai.openai.chat.options.model=gpt-4o-mini",
        "ticketsmith.llm.worker=false",
        "ticketsmith.models.watch=false",
        "ticketsmith.knowledge.enabled=true",
        "ticketsmith.knowledge.cache.enabled=true"})
@ActiveProfiles({"demo", "test"})
class AnalysisCacheTest {

    @RegisterExtension
    static WireMockExtension openAi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void openAiBaseUrl(DynamicPropertyRegistry registry) {
        registry.add("spring.ai.openai.base-url", openAi::baseUrl);
    }

    @Autowired org.camunda.bpm.engine.ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired AnalyzeRequestWorker worker;
    @Autowired KnowledgeIndex index;
    @Autowired org.springframework.boot.test.web.client.TestRestTemplate rest;
    @Autowired io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void aNearIdenticalRequestReusesTheAnalysisWithoutAnLlmCallAndADifferentOneDoesNot() {
        openAi.stubFor(OpenAiStub.chatCompletion().willReturn(OpenAiStub.answer(
                AnalysisFixtures.json(AnalysisFixtures.unsureLoginBug()))));
        double hitsBefore = count("hit");
        Map<?, ?> cacheBefore = analysisCacheInCosts();

        ProcessInstance first = analysed("The login page of the shop returns HTTP 500 since this morning's deploy");
        await().atMost(Duration.ofSeconds(20)).until(() -> index.similaritySearch(SearchRequest.builder()
                .query("login page 500").topK(50).build()).stream()
                .anyMatch(document -> document.getId().equals("analysis:" + first.getBusinessKey())));
        ProcessInstance again = analysed("The login page of the shop returns HTTP 500 since this morning's deploy!");

        openAi.verify(1, postRequestedFor(urlEqualTo(OpenAiStub.PATH)));
        assertThat(runtimeService.getVariable(again.getId(), "analysisReusedFrom")).isEqualTo(first.getBusinessKey());
        assertThat(runtimeService.getVariable(again.getId(), "summary"))
                .isEqualTo(runtimeService.getVariable(first.getId(), "summary"));
        Map<?, ?> record = rest.withBasicAuth("auditor", "demo")
                .getForObject("/api/requests/" + again.getBusinessKey() + "/record", Map.class);
        assertThat(((Map<?, ?>) record.get("analysis")).get("reusedFrom")).isEqualTo(first.getBusinessKey());
        assertThat(count("hit") - hitsBefore).isEqualTo(1);
        Map<?, ?> cacheAfter = analysisCacheInCosts();
        assertThat(((Number) cacheAfter.get("cacheHits")).longValue()
                - ((Number) cacheBefore.get("cacheHits")).longValue()).isEqualTo(1);
        // What the first analysis cost: 812 prompt tokens at 0.15 and 164 completion tokens at 0.60 USD per million.
        assertThat(new java.math.BigDecimal(cacheAfter.get("savedUsd").toString())
                .subtract(new java.math.BigDecimal(cacheBefore.get("savedUsd").toString())))
                .isEqualByComparingTo("0.000220");

        analysed("Please refund order 4711, the parcel arrived broken");
        openAi.verify(2, postRequestedFor(urlEqualTo(OpenAiStub.PATH)));
    }

    private ProcessInstance analysed(String text) {
        ProcessInstance request = runtimeService.startProcessInstanceByKey(HandleRequestProcess.KEY,
                UUID.randomUUID().toString(), Map.of("requestText", text, "source", "api"));
        AnalysisTasks.analyze(engine, worker, request);
        return request;
    }

    private Map<?, ?> analysisCacheInCosts() {
        Map<?, ?> costs = rest.withBasicAuth("auditor", "demo").getForObject("/api/costs", Map.class);
        return (Map<?, ?>) costs.get("analysisCache");
    }

    private double count(String result) {
        var counter = meters.find("ticketsmith.analysis.cache").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }
}
