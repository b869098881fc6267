package io.ticketsmith.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.ticketsmith.engine.NonRetryable;
import io.ticketsmith.jira.JiraProperties.Flavor;
import io.ticketsmith.observability.TicketsmithMetrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** How both adapters behave when Jira says no, asks to slow down, fails or does not answer; one error mapper for all. */
class JiraFailuresTest {

    private static final String BASIC_CREDENTIAL = Base64.getEncoder()
            .encodeToString((JiraFixtures.EMAIL + ":" + JiraFixtures.TOKEN).getBytes(StandardCharsets.UTF_8));

    @RegisterExtension
    static WireMockExtension jira = JiraFixtures.fakeJira();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private RestJiraGateway gateway(Flavor flavor) {
        return JiraFixtures.gateway(flavor, jira.baseUrl(), meters, Clock.fixed(JiraFixtures.NOW, ZoneOffset.UTC));
    }

    private static String issuePath(Flavor flavor) {
        return (flavor == Flavor.CLOUD ? "/rest/api/3" : "/rest/api/2") + "/issue/WEB-1";
    }

    private static void issueAnswers(Flavor flavor, ResponseDefinitionBuilder response) {
        jira.stubFor(get(urlPathEqualTo(issuePath(flavor))).willReturn(response));
    }

    private double rateLimitedCount(Flavor flavor) {
        return meters.get(TicketsmithMetrics.RATE_LIMITED).tag("target", "jira")
                .counter().count();
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void everyCallIsTimedByOperationTemplateAndStatus(Flavor flavor) {
        issueAnswers(flavor, aResponse().withStatus(429).withHeader("Retry-After", "5"));

        catchThrowableOfType(() -> gateway(flavor).getIssue("WEB-1"), JiraRateLimitedException.class);

        var timers = meters.find(TicketsmithMetrics.JIRA_API_LATENCY).tag("status", "429").timers();
        assertThat(timers).singleElement().satisfies(timer -> {
            assertThat(timer.count()).isEqualTo(1);
            assertThat(timer.getId().getTag("operation")).startsWith("GET ")
                    .contains("/issue/{").doesNotContain("WEB-1");
        });
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void rateLimitWaitsTheRetryAfterSecondsAndIsCounted(Flavor flavor) {
        issueAnswers(flavor, aResponse().withStatus(429).withHeader("Retry-After", "17")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"Rate limit exceeded.\"]}"));

        JiraRateLimitedException limited = catchThrowableOfType(() -> gateway(flavor).getIssue("WEB-1"),
                JiraRateLimitedException.class);

        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(17));
        assertThat(rateLimitedCount(flavor)).isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void aRateLimitHoldsBackEveryNodesCallsUntilItsRetryAfter(Flavor flavor) throws Exception {
        io.ticketsmith.support.TestClock clock = JiraFixtures.clock();
        var database = new org.springframework.jdbc.core.JdbcTemplate(new org.springframework.jdbc.datasource
                .DriverManagerDataSource("jdbc:h2:mem:backoff-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"));
        database.execute(java.nio.file.Files.readString(
                java.nio.file.Path.of("src/main/resources/db/migration/V8__backoff.sql")));
        RestJiraGateway nodeA = JiraFixtures.gateway(flavor, jira.baseUrl(), meters, clock,
                new io.ticketsmith.remote.SharedBackoff(database, clock));
        RestJiraGateway nodeB = JiraFixtures.gateway(flavor, jira.baseUrl(), meters, clock,
                new io.ticketsmith.remote.SharedBackoff(database, clock));
        issueAnswers(flavor, aResponse().withStatus(429).withHeader("Retry-After", "20"));

        catchThrowableOfType(() -> nodeA.getIssue("WEB-1"), JiraRateLimitedException.class);
        clock.advance(Duration.ofSeconds(5));
        JiraRateLimitedException held = catchThrowableOfType(() -> nodeB.getIssue("WEB-1"),
                JiraRateLimitedException.class);

        assertThat(held.retryAfter()).isEqualTo(Duration.ofSeconds(15));
        jira.verify(1, getRequestedFor(urlPathEqualTo(issuePath(flavor))));

        clock.advance(Duration.ofSeconds(16));
        issueAnswers(flavor, okJson(flavor == Flavor.CLOUD
                ? io.ticketsmith.fixtures.JiraCloudPayloads.issue("WEB-1", "Login broken")
                : io.ticketsmith.fixtures.JiraDataCenterPayloads.issue("WEB-1", "Login broken")));
        assertThat(nodeB.getIssue("WEB-1").key()).isEqualTo("WEB-1");
        jira.verify(2, getRequestedFor(urlPathEqualTo(issuePath(flavor))));
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void jiraFailingAgainAndAgainIsNotCalledForAWhileAndRequestsWaitInstead(Flavor flavor) {
        RestJiraGateway gateway = gateway(flavor);
        issueAnswers(flavor, aResponse().withStatus(502));
        for (int i = 0; i < 10; i++) {
            catchThrowableOfType(() -> gateway.getIssue("WEB-1"), JiraUnavailableException.class);
        }

        JiraRateLimitedException waiting = catchThrowableOfType(() -> gateway.getIssue("WEB-1"),
                JiraRateLimitedException.class);

        assertThat(waiting).isInstanceOf(JiraCircuitOpenException.class).hasMessageContaining("Jira is failing");
        assertThat(waiting.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        jira.verify(10, getRequestedFor(urlPathEqualTo(issuePath(flavor))));
        assertThat(gateway.breakerState()).isEqualTo("OPEN");
        assertThat(meters.find("resilience4j.circuitbreaker.state").tags("name", "jira", "state", "open").gauge()
                .value()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void refusalsAndRateLimitsDoNotOpenTheBreaker(Flavor flavor) {
        RestJiraGateway gateway = gateway(flavor);
        issueAnswers(flavor, aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"]}"));
        for (int i = 0; i < 12; i++) {
            catchThrowableOfType(() -> gateway.getIssue("WEB-1"), JiraRejectedException.class);
        }

        assertThat(gateway.breakerState()).isEqualTo("CLOSED");
        jira.verify(12, getRequestedFor(urlPathEqualTo(issuePath(flavor))));
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void rateLimitWaitsUntilTheRetryAfterDate(Flavor flavor) {
        // 90 seconds after JiraFixtures.NOW
        issueAnswers(flavor, aResponse().withStatus(429).withHeader("Retry-After", "Mon, 02 Mar 2026 09:01:30 GMT"));

        JiraRateLimitedException limited = catchThrowableOfType(() -> gateway(flavor).getIssue("WEB-1"),
                JiraRateLimitedException.class);

        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(rateLimitedCount(flavor)).isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void serviceUnavailableWithoutRetryAfterWaitsTheDefaultAndIsCounted(Flavor flavor) {
        issueAnswers(flavor, aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Service temporarily unavailable</body></html>"));

        JiraRateLimitedException limited = catchThrowableOfType(() -> gateway(flavor).getIssue("WEB-1"),
                JiraRateLimitedException.class);

        assertThat(limited.retryAfter()).isEqualTo(JiraErrorMapper.DEFAULT_RETRY_AFTER).isEqualTo(Duration.ofSeconds(30));
        assertThat(rateLimitedCount(flavor)).isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void badRequestIsRejectedInJirasOwnWords(Flavor flavor) {
        jira.stubFor(put(urlPathEqualTo(issuePath(flavor))).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json;charset=UTF-8").withBody("""
                        {"errorMessages": ["The label 'needs triage' contains spaces, which is invalid."],
                         "errors": {"labels": "Field 'labels' cannot be set. It is not on the appropriate screen, or unknown.",
                                    "priority": "Priority name 'Urgent' is not valid"}}""")));

        JiraRejectedException rejected = catchThrowableOfType(
                () -> gateway(flavor).addLabels("WEB-1", List.of("needs triage")), JiraRejectedException.class);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected).hasMessage("The label 'needs triage' contains spaces, which is invalid.; "
                + "labels: Field 'labels' cannot be set. It is not on the appropriate screen, or unknown.; "
                + "priority: Priority name 'Urgent' is not valid");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void missingIssueIsRejectedWithItsStatus(Flavor flavor) {
        issueAnswers(flavor, aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"],"
                        + "\"errors\":{}}"));

        JiraRejectedException rejected = catchThrowableOfType(() -> gateway(flavor).getIssue("WEB-1"),
                JiraRejectedException.class);

        assertThat(rejected.status()).isEqualTo(404);
        assertThat(rejected).hasMessage("Issue does not exist or you do not have permission to see it.");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void unauthorizedIsAccessDeniedWithoutTheCredential(Flavor flavor) {
        issueAnswers(flavor, aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"You are not authenticated. Authentication required to perform "
                        + "this operation.\"],\"errors\":{}}"));

        JiraAccessDeniedException denied = catchThrowableOfType(() -> gateway(flavor).getIssue("WEB-1"),
                JiraAccessDeniedException.class);

        assertThat(denied).isInstanceOf(NonRetryable.class);
        assertThat(denied.getMessage())
                .contains("(401)", "You are not authenticated.", "TICKETSMITH_JIRA_API_TOKEN")
                .doesNotContain(JiraFixtures.TOKEN, BASIC_CREDENTIAL, "Basic ", "Bearer ");
        jira.verify(1, getRequestedFor(urlPathEqualTo(issuePath(flavor))));
    }

    @Test
    void forbiddenIsAccessDenied() {
        issueAnswers(Flavor.CLOUD, aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"You do not have permission to edit issues in this project.\"]}"));

        assertThat(catchThrowableOfType(() -> gateway(Flavor.CLOUD).getIssue("WEB-1"), JiraAccessDeniedException.class))
                .hasMessage("The configured Jira account may not do this (403) for GET /rest/api/3/issue/WEB-1: "
                        + "You do not have permission to edit issues in this project.");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void credentialEchoedByJiraIsMasked(Flavor flavor) {
        issueAnswers(flavor, aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"Token " + JiraFixtures.TOKEN + " is malformed\"]}"));

        assertThat(catchThrowableOfType(() -> gateway(flavor).getIssue("WEB-1"), JiraRejectedException.class))
                .hasMessage("Token *** is malformed");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void serverErrorIsUnavailable(Flavor flavor) {
        issueAnswers(flavor, aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"Internal server error\"],\"errors\":{}}"));

        assertThat(catchThrowableOfType(() -> gateway(flavor).getIssue("WEB-1"), JiraUnavailableException.class))
                .hasMessage("Jira answered 500 to GET " + issuePath(flavor) + ": Internal server error");
        assertThat(meters.find(TicketsmithMetrics.RATE_LIMITED).counter().count()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void readTimeoutIsUnavailable(Flavor flavor) {
        issueAnswers(flavor, aResponse().withFixedDelay((int) JiraFixtures.READ_TIMEOUT.toMillis() * 3)
                .withHeader("Content-Type", "application/json").withBody("{}"));

        JiraUnavailableException unavailable = catchThrowableOfType(() -> gateway(flavor).getIssue("WEB-1"),
                JiraUnavailableException.class);

        assertThat(unavailable).hasMessageStartingWith("Jira did not answer GET " + issuePath(flavor).replace("WEB-1", "{key}"))
                .hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void unreachableJiraIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RestJiraGateway nowhere = JiraFixtures.gateway(Flavor.DATACENTER, "http://localhost:" + closedPort, meters,
                Clock.systemUTC());

        assertThat(catchThrowableOfType(() -> nowhere.getIssue("OPS-1"), JiraUnavailableException.class))
                .hasMessageStartingWith("Jira did not answer GET /rest/api/2/issue/{key}: ConnectException");
    }

    @Test
    void cloudSignsInWithEmailAndApiTokenAndDataCenterWithBearerToken() {
        issueAnswers(Flavor.CLOUD, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"key\":\"WEB-1\",\"fields\":{}}"));
        issueAnswers(Flavor.DATACENTER, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"key\":\"WEB-1\",\"fields\":{}}"));

        gateway(Flavor.CLOUD).getIssue("WEB-1");
        gateway(Flavor.DATACENTER).getIssue("WEB-1");

        jira.verify(getRequestedFor(urlPathEqualTo(issuePath(Flavor.CLOUD)))
                .withHeader("Authorization", equalTo("Basic " + BASIC_CREDENTIAL))
                .withHeader("Accept", equalTo("application/json")));
        jira.verify(getRequestedFor(urlPathEqualTo(issuePath(Flavor.DATACENTER)))
                .withHeader("Authorization", equalTo("Bearer " + JiraFixtures.TOKEN)));
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void callsAreLoggedWithMethodAndPathButNeverTheCredential(Flavor flavor) {
        Logger jiraLogs = (Logger) LoggerFactory.getLogger("io.ticketsmith.jira");
        Level before = jiraLogs.getLevel();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        jiraLogs.addAppender(logged);
        jiraLogs.setLevel(Level.DEBUG);
        try {
            issueAnswers(flavor, aResponse().withStatus(401));
            jira.stubFor(put(urlPathEqualTo(issuePath(flavor) + "/assignee")).willReturn(aResponse().withStatus(204)));
            jira.stubFor(put(urlPathEqualTo(issuePath(flavor))).willReturn(aResponse().withStatus(503)));
            RestJiraGateway gateway = gateway(flavor);

            catchThrowableOfType(() -> gateway.getIssue("WEB-1"), JiraAccessDeniedException.class);
            gateway.assign("WEB-1", "-1");
        } finally {
            jiraLogs.detachAppender(logged);
            jiraLogs.setLevel(before);
        }

        List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).contains("Jira GET " + issuePath(flavor), "Jira PUT " + issuePath(flavor) + "/assignee",
                "WEB-1 was changed, but could not be labelled ai_processed: Jira rate limit reached; "
                        + "retry after PT30S");
        assertThat(String.join("\n", lines)).doesNotContain(JiraFixtures.TOKEN, BASIC_CREDENTIAL, "Authorization",
                "fields=");
    }

    @Test
    void retryAfterDateInThePastMeansNowAndAnUnreadableValueTheDefault() {
        JiraErrorMapper errors = new JiraErrorMapper(new TicketsmithMetrics(meters), Clock.fixed(JiraFixtures.NOW, ZoneOffset.UTC),
                List.of());

        assertThat(errors.retryAfter("Mon, 02 Mar 2026 08:59:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(errors.retryAfter("soon")).isEqualTo(JiraErrorMapper.DEFAULT_RETRY_AFTER);
        assertThat(errors.retryAfter(" 120 ")).isEqualTo(Duration.ofMinutes(2));
    }
}
