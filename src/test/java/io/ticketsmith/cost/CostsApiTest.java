package io.ticketsmith.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.ticketsmith.llm.LlmCall;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** Spend is priced, persisted and reported against the daily budget. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ticketsmith.llm.worker=false", "ticketsmith.models.watch=false",
        "ticketsmith.budget.max-daily-cost-usd=2.00"})
@ActiveProfiles({"demo", "test"})
@SuppressWarnings("unchecked")
class CostsApiTest {

    @Autowired TestRestTemplate rest;
    @Autowired Budget budget;
    @Autowired CostLedger ledger;
    @Autowired io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void callsArePricedFromThePriceTableAndReportedForTodayAndTheLast30Days() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ledger.record(Instant.now().minusSeconds(86_400 * 3L), "older", "openai", "gpt-4o", 1000, 1000,
                new BigDecimal("0.012500"), "success");
        BigDecimal before = budget.status().spentUsd();

        // 2,000,000 prompt tokens at 0.15 and 500,000 completion tokens at 0.60 USD per million: 0.60 USD
        budget.record("cost-test", new LlmCall("openai", "gpt-4o-mini-2024-07-18", "analyze-request/v1", 2_000_000,
                500_000, 1200, 1), "success");
        budget.record("cost-test", new LlmCall("ollama", "llama3.2", "analyze-request/v1", 5000, 800, 900, 1),
                "success");

        ResponseEntity<Map<String, Object>> response = rest.withBasicAuth("operator", "demo")
                .exchange("/api/costs", HttpMethod.GET, null, new ParameterizedTypeReference<Map<String, Object>>() { });

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> costs = response.getBody();
        assertThat(costs.get("day")).isEqualTo(today.toString());
        assertThat(((Number) costs.get("spentUsd")).doubleValue())
                .isCloseTo(before.doubleValue() + 0.60, within(0.000001));
        assertThat(((Number) costs.get("budgetUsd")).doubleValue()).isEqualTo(2.0);
        assertThat(((Number) costs.get("usedRatio")).doubleValue()).isGreaterThanOrEqualTo(0.30);
        List<Map<String, Object>> models = (List<Map<String, Object>>) costs.get("models");
        assertThat(models).extracting(model -> model.get("model")).contains("gpt-4o-mini-2024-07-18", "llama3.2");
        assertThat(models).filteredOn(model -> "llama3.2".equals(model.get("model"))).singleElement()
                .satisfies(model -> assertThat(((Number) model.get("costUsd")).doubleValue()).isZero());
        assertThat(meters.get("ticketsmith.budget.limit.usd").gauge().value()).isEqualTo(2.0);
        assertThat(meters.get("ticketsmith.budget.spent.usd").gauge().value())
                .isCloseTo(((Number) costs.get("spentUsd")).doubleValue(), within(0.000001));
        List<Map<String, Object>> history = (List<Map<String, Object>>) costs.get("history");
        assertThat(history).extracting(day -> day.get("day"))
                .contains(today.toString(), today.minusDays(3).toString());
    }

    @Test
    void everyCallOfADayCountsInItsTotalWhenManyAreRecordedAtOnceAsTheDayBegins() throws Exception {
        // A day no other test records on; the first calls of it race to start its total.
        Instant dayStart = Instant.parse("2031-03-04T00:00:00Z");
        LocalDate day = LocalDate.of(2031, 3, 4);
        ledger.record(dayStart.minusSeconds(1), "day-before", "openai", "gpt-4o", 1, 1, new BigDecimal("5.000000"),
                "success");
        int threads = 8;
        int callsEach = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> recorders = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            recorders.add(pool.submit(() -> {
                start.await();
                for (int call = 0; call < callsEach; call++) {
                    ledger.record(dayStart.plusSeconds(thread * 100L + call), "day-" + thread, "openai", "gpt-4o", 10,
                            10, new BigDecimal("0.001250"), "success");
                }
                return null;
            }));
        }
        start.countDown();
        for (java.util.concurrent.Future<?> recorder : recorders) {
            recorder.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();

        // 200 calls of 0.00125 USD; the call a second before midnight belongs to the day before.
        assertThat(ledger.spentOn(day)).isEqualByComparingTo("0.250000");
        assertThat(ledger.spentOn(day.minusDays(1))).isEqualByComparingTo("5.000000");
        assertThat(ledger.byModelOn(day)).singleElement().satisfies(usage -> {
            assertThat(usage.calls()).isEqualTo(threads * callsEach);
            assertThat(usage.costUsd()).isEqualByComparingTo(ledger.spentOn(day));
        });
    }

    @Test
    void tokensOfTheLastHourCountEveryCallFromItsStartToTheSecond() {
        // An hour no other test records in; the hour asked for starts at 10:00:30, within a minute.
        Instant since = Instant.parse("2031-05-06T10:00:30Z");
        record(since.minusSeconds(3600), 1);        // the hour before: not counted
        record(since.minusSeconds(20), 10);         // 10:00:10, the same minute but before: not counted
        record(since, 100);                         // 10:00:30 exactly
        record(since.plusSeconds(29), 1_000);       // 10:00:59, the rest of that minute
        record(since.plusSeconds(30), 10_000);      // 10:01:00, the first whole minute
        record(since.plusSeconds(1799), 100_000);   // 10:30:29
        record(since.plusSeconds(3599), 1_000_000); // 11:00:29

        assertThat(ledger.tokensSince(since)).isEqualTo(1_111_100);
        assertThat(ledger.tokensSince(Instant.parse("2031-05-06T10:01:00Z"))).as("from a whole minute")
                .isEqualTo(1_110_000);
        assertThat(ledger.tokensSince(since.minusSeconds(20))).isEqualTo(1_111_110);
    }

    /** A call of {@code tokens} prompt tokens at {@code at}. */
    private void record(Instant at, long tokens) {
        ledger.record(at, "tokens-test", "ollama", "llama3.2", tokens, 0, BigDecimal.ZERO, "success");
    }

    @Test
    void unpricedModelsCostNothingAndLocalModelsAreFree() {
        assertThat(budget.costOf("openai", "some-new-model", 1_000_000, 1_000_000)).isEqualByComparingTo("0");
        assertThat(budget.costOf("ollama", "gpt-4o-mini", 1_000_000, 1_000_000)).isEqualByComparingTo("0");
        assertThat(budget.costOf("openai", "gpt-4.1-mini-2025-04-14", 1_000_000, 1_000_000))
                .isEqualByComparingTo("2.00");
    }

    @Test
    void reviewersMayNotReadCosts() {
        assertThat(rest.withBasicAuth("reviewer", "demo").getForEntity("/api/costs", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }
}
