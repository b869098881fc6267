package io.ticketsmith.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ticketsmith.observability.TicketsmithMetrics;
import io.ticketsmith.support.PostgresTestDatabase;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The triage table and its aggregating queries on PostgreSQL with the application's migrations. */
class TriageOutcomesIT {

    private HikariDataSource database;
    private SimpleMeterRegistry meters;
    private TriageOutcomes outcomes;

    @BeforeEach
    void migratedDatabase() {
        database = new HikariDataSource();
        database.setJdbcUrl(PostgresTestDatabase.fresh("ticketsmith_triage_it"));
        database.setUsername(PostgresTestDatabase.user());
        database.setPassword(PostgresTestDatabase.password());
        database.setMaximumPoolSize(2);
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        meters = new SimpleMeterRegistry();
        outcomes = new TriageOutcomes(new JdbcTemplate(database), new TicketsmithMetrics(meters));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void summaryAddsUpTheRequestsOfTheRangeByFigureAndDay() {
        keep("a", "2031-03-01T09:00:00Z", "jira", "bug", "critical", "negative", "llm", "AUTO", "none", "DONE", true);
        keep("b", "2031-03-01T23:00:00Z", "zendesk", "question", "low", "neutral", "fallback", "REVIEW", "edited",
                "DONE", true);
        keep("c", "2031-03-02T10:00:00Z", "jira", null, null, null, null, "none", "none", "FAILED", false);
        keep("d", "2031-03-03T00:00:00Z", "jira", "bug", "high", "negative", "llm", "AUTO", "none", "DONE", true);

        TriageSummary summary = outcomes.summarise(Instant.parse("2031-03-01T00:00:00Z"),
                Instant.parse("2031-03-03T00:00:00Z"));

        assertThat(summary.requests()).isEqualTo(3);
        assertThat(summary.analysed()).isEqualTo(2);
        assertThat(summary.sources()).containsEntry("jira", 2L).containsEntry("zendesk", 1L);
        assertThat(summary.negativeShare()).isCloseTo(0.5, within(1e-9));
        assertThat(summary.highUrgency()).isEqualTo(1);
        assertThat(summary.llmShare()).isCloseTo(0.5, within(1e-9));
        assertThat(summary.autoShare()).isCloseTo(0.5, within(1e-9));
        assertThat(summary.agreement()).isZero();
        assertThat(summary.successRate()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(summary.days()).containsExactly(
                new TriageSummary.Day(java.time.LocalDate.parse("2031-03-01"), 2, 1, 1, 1, 1, 1, 1, 2),
                new TriageSummary.Day(java.time.LocalDate.parse("2031-03-02"), 1, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void aRequestIsKeptAndCountedOnceHoweverOftenItsEndIsReported() {
        keep("a", "2031-03-01T09:00:00Z", "jira", "bug", "low", "neutral", "llm", "AUTO", "none", "DONE", true);
        keep("a", "2031-03-01T09:05:00Z", "jira", "bug", "low", "neutral", "llm", "AUTO", "none", "DONE", true);

        assertThat(outcomes.summarise(Instant.parse("2031-03-01T00:00:00Z"), Instant.parse("2031-03-02T00:00:00Z"))
                .requests()).isEqualTo(1);
        assertThat(meters.get("ticketsmith.triage.outcomes").tags("source", "jira", "analysis", "llm", "result",
                "success").counter().count()).isEqualTo(1);
    }

    private void keep(String id, String endedAt, String source, String category, String urgency, String sentiment,
            String analysis, String route, String review, String outcome, boolean triaged) {
        outcomes.record(new TriageOutcome(id, Instant.parse(endedAt), source, category, urgency, sentiment, analysis,
                route, review, outcome, triaged));
    }
}
