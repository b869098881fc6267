package io.ticketsmith.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code GET /api/analytics/summary} on a crafted set of finished requests in March 2031, a range no other test
 * writes to: its figures, its parameters and who may read it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ticketsmith.llm.worker=false", "ticketsmith.models.watch=false"})
@ActiveProfiles({"demo", "test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsApiTest {

    private static final String MARCH = "/api/analytics/summary?from=2031-03-01&to=2031-03-03";

    @Autowired TestRestTemplate rest;
    @Autowired TriageOutcomes outcomes;
    @Autowired ObjectMapper objectMapper;

    @BeforeAll
    void finishedRequests() {
        keep("r1", "2031-03-01T09:00:00Z", "jira", "bug", "high", "negative", "llm", "AUTO", "none", "DONE", true);
        keep("r2", "2031-03-01T15:00:00Z", "jira", "incident", "critical", "negative", "llm", "REVIEW", "edited",
                "DONE", true);
        keep("r3", "2031-03-02T08:00:00Z", "zendesk", "question", "low", "neutral", "fallback", "REVIEW", "approved",
                "DONE", true);
        keep("r4", "2031-03-02T10:00:00Z", "api", "feature", "medium", "positive", "llm", "REVIEW", "rejected",
                "REJECTED", true);
        // A source nobody knows, as a client may write one: kept as other.
        keep("r5", "2031-03-02T13:00:00Z", "dana@example.com", "refund", "low", "negative", "llm", "REVIEW",
                "expired", "EXPIRED", false);
        // Cancelled before it was analysed.
        keep("r6", "2031-03-03T23:59:59Z", "jira", null, null, null, null, "none", "none", "FAILED", false);
        // The first of March's end, after the range.
        keep("r7", "2031-03-04T00:00:00Z", "jira", "bug", "high", "negative", "llm", "AUTO", "none", "DONE", true);
        // Kept once, however often the end is reported.
        keep("r1", "2031-03-03T09:00:00Z", "jira", "bug", "high", "negative", "llm", "AUTO", "none", "DONE", true);
    }

    @Test
    void summaryCountsTheRequestsThatEndedInTheRangeByEveryFigure() throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth("lead", "demo").getForEntity(MARCH, String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode summary = objectMapper.readTree(response.getBody());
        assertThat(summary.get("from").asText()).isEqualTo("2031-03-01T00:00:00Z");
        assertThat(summary.get("to").asText()).isEqualTo("2031-03-04T00:00:00Z");
        assertThat(summary.get("requests").asLong()).isEqualTo(6);
        assertThat(summary.get("analysed").asLong()).isEqualTo(5);
        assertThat(counts(summary.get("categories"))).isEqualTo(Map.of("bug", 1L, "feature", 1L, "incident", 1L,
                "question", 1L, "refund", 1L, "other", 0L));
        assertThat(counts(summary.get("urgencies"))).isEqualTo(Map.of("critical", 1L, "high", 1L, "low", 2L,
                "medium", 1L, "other", 0L));
        assertThat(counts(summary.get("sentiments"))).isEqualTo(Map.of("negative", 3L, "neutral", 1L,
                "positive", 1L, "other", 0L));
        assertThat(counts(summary.get("sources"))).containsEntry("jira", 3L).containsEntry("zendesk", 1L)
                .containsEntry("api", 1L).containsEntry("other", 1L).containsEntry("email", 0L)
                .doesNotContainKey("dana@example.com");
        assertThat(summary.get("negativeShare").asDouble()).isCloseTo(0.6, within(1e-9));
        assertThat(summary.get("highUrgency").asLong()).isEqualTo(2);
        assertThat(counts(summary.get("analyses"))).isEqualTo(Map.of("llm", 4L, "fallback", 1L, "none", 1L));
        assertThat(summary.get("llmShare").asDouble()).isCloseTo(0.8, within(1e-9));
        assertThat(counts(summary.get("routes"))).isEqualTo(Map.of("AUTO", 1L, "REVIEW", 4L, "REJECT", 0L,
                "none", 1L));
        assertThat(summary.get("autoShare").asDouble()).isCloseTo(0.2, within(1e-9));
        assertThat(counts(summary.get("reviews"))).isEqualTo(Map.of("approved", 1L, "edited", 1L, "rejected", 1L,
                "expired", 1L, "none", 2L));
        assertThat(summary.get("agreement").asDouble()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(summary.get("triaged").asLong()).isEqualTo(4);
        assertThat(summary.get("successRate").asDouble()).isCloseTo(4.0 / 6, within(1e-9));
    }

    @Test
    void dailySeriesHasEveryDayOfTheRangeWithItsOwnFigures() throws Exception {
        JsonNode days = objectMapper.readTree(rest.withBasicAuth("operator", "demo").getForObject(MARCH, String.class))
                .get("days");

        assertThat(days).hasSize(3);
        assertThat(day(days.get(0))).isEqualTo(List.of("2031-03-01", 2L, 2L, 2L, 2L, 0L, 1L, 1L, 2L));
        assertThat(day(days.get(1))).isEqualTo(List.of("2031-03-02", 3L, 1L, 0L, 2L, 1L, 0L, 3L, 2L));
        assertThat(day(days.get(2))).isEqualTo(List.of("2031-03-03", 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
    }

    @Test
    void instantsBoundTheRangeExactlyWithTheEndExcluded() throws Exception {
        JsonNode summary = objectMapper.readTree(rest.withBasicAuth("auditor", "demo").getForObject(
                "/api/analytics/summary?from=2031-03-02T08:00:00Z&to=2031-03-02T13:00:00Z", String.class));

        assertThat(summary.get("requests").asLong()).isEqualTo(2);
        assertThat(summary.get("days")).hasSize(1);
    }

    @Test
    void aRangeWithNothingInItHasZerosAndNoShares() throws Exception {
        JsonNode summary = objectMapper.readTree(rest.withBasicAuth("lead", "demo").getForObject(
                "/api/analytics/summary?from=2031-06-01&to=2031-06-01", String.class));

        assertThat(summary.get("requests").asLong()).isZero();
        assertThat(summary.get("categories").get("bug").asLong()).isZero();
        assertThat(summary.get("negativeShare").isNull()).isTrue();
        assertThat(summary.get("successRate").isNull()).isTrue();
        assertThat(summary.get("days")).hasSize(1);
    }

    @Test
    void withoutParametersTheSummaryCoversTheLastSevenDays() throws Exception {
        Instant before = Instant.now();
        JsonNode summary = objectMapper.readTree(rest.withBasicAuth("lead", "demo")
                .getForObject("/api/analytics/summary", String.class));

        Instant from = Instant.parse(summary.get("from").asText());
        Instant to = Instant.parse(summary.get("to").asText());
        assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(7));
        assertThat(to).isBetween(before, Instant.now());
    }

    @Test
    void fromAfterToIsAProblemDetail() throws Exception {
        assertProblem("/api/analytics/summary?from=2031-03-03&to=2031-03-01", "is after to");
    }

    @Test
    void aRangeOverAYearIsRefused() throws Exception {
        assertProblem("/api/analytics/summary?from=2030-01-01&to=2031-03-01", "longer than 366 days");
    }

    @Test
    void aBoundThatIsNeitherAnInstantNorADateIsRefusedSayingWhatToSend() throws Exception {
        assertProblem("/api/analytics/summary?from=last%20week", "from must be an ISO-8601 instant");
        assertProblem("/api/analytics/summary?to=2031-02-30", "to must be an ISO-8601 instant");
    }

    @Test
    void leadsOperatorsAuditorsAndAdminsMayReadTheSummary() {
        for (String user : List.of("lead", "operator", "auditor", "admin")) {
            assertThat(rest.withBasicAuth(user, "demo").getForEntity(MARCH, String.class).getStatusCode())
                    .as(user).isEqualTo(HttpStatus.OK);
        }
    }

    @Test
    void reviewersProcessOwnersAndApiClientsMayNot() {
        for (String user : List.of("reviewer", "owner", "intake")) {
            assertThat(rest.withBasicAuth(user, "demo").getForEntity(MARCH, String.class).getStatusCode())
                    .as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(rest.getForEntity(MARCH, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private void assertProblem(String path, String detail) throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth("lead", "demo").getForEntity(path, String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isNotNull()
                .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
        assertThat(objectMapper.readTree(response.getBody()).get("detail").asText()).contains(detail);
    }

    private void keep(String id, String endedAt, String source, String category, String urgency, String sentiment,
            String analysis, String route, String review, String outcome, boolean triaged) {
        outcomes.record(new TriageOutcome("analytics-" + id, Instant.parse(endedAt), source, category, urgency,
                sentiment, analysis, route, review, outcome, triaged));
    }

    private Map<String, Long> counts(JsonNode object) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        object.fields().forEachRemaining(field -> counts.put(field.getKey(), field.getValue().asLong()));
        return counts;
    }

    private static List<Object> day(JsonNode day) {
        return List.of(day.get("day").asText(), day.get("requests").asLong(), day.get("negative").asLong(),
                day.get("highUrgency").asLong(), day.get("llm").asLong(), day.get("fallback").asLong(),
                day.get("auto").asLong(), day.get("review").asLong(), day.get("triaged").asLong());
    }
}
