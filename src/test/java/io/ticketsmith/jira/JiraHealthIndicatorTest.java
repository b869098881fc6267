package io.ticketsmith.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;

import io.ticketsmith.jira.JiraAccessDeniedException;
import io.ticketsmith.jira.JiraGateway;
import io.ticketsmith.jira.JiraUnavailableException;
import io.ticketsmith.observability.HealthConfiguration;
import io.ticketsmith.support.TestClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class JiraHealthIndicatorTest {

    private static final Duration TTL = Duration.ofSeconds(30);
    private static final String CLOUD = "cloud https://acme.atlassian.net";

    private final JiraGateway gateway = mock(JiraGateway.class);
    private final TestClock clock = new TestClock(Instant.parse("2025-06-02T08:00:00Z"));
    private final JiraHealthIndicator indicator = new JiraHealthIndicator(gateway, TTL, clock);

    @BeforeEach
    void realJira() {
        when(gateway.sendsToJira()).thenReturn(true);
        when(gateway.name()).thenReturn(CLOUD);
    }

    @Test
    void dryRunGatewayIsUpWithoutChecking() {
        when(gateway.sendsToJira()).thenReturn(false);

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("mode", "dry-run");
        verify(gateway, never()).checkConnection();
    }

    @Test
    void jiraAcceptingTheCredentialsIsUp() {
        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("gateway", CLOUD)
                .containsEntry("checkedAt", "2025-06-02T08:00:00Z");
        verify(gateway).checkConnection();
    }

    @Test
    void refusedCredentialsAreDegraded() {
        doThrow(new JiraAccessDeniedException("Jira refused the configured credentials (401) for GET "
                + "/rest/api/3/myself: Unauthorized. Check TICKETSMITH_JIRA_USERNAME and TICKETSMITH_JIRA_API_TOKEN."))
                .when(gateway).checkConnection();

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(HealthConfiguration.DEGRADED);
        assertThat(health.getDetails()).containsEntry("gateway", CLOUD).containsKey("checkedAt");
        assertThat(health.getDetails().get("error")).asString()
                .startsWith("Jira refused the configured credentials (401)");
    }

    @Test
    void unreachableJiraIsDegraded() {
        doThrow(new JiraUnavailableException("Jira did not answer GET /rest/api/3/myself: ConnectException",
                new ConnectException())).when(gateway).checkConnection();

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(HealthConfiguration.DEGRADED);
        assertThat(health.getDetails()).containsEntry("error",
                "Jira did not answer GET /rest/api/3/myself: ConnectException");
    }

    @Test
    void resultIsReusedUntilTheCacheTtlHasPassed() {
        doThrow(new JiraUnavailableException("Jira did not answer GET /rest/api/3/myself", null))
                .doNothing().when(gateway).checkConnection();

        Health first = indicator.health();
        clock.advance(TTL.minusSeconds(1));
        Health cached = indicator.health();

        verify(gateway, times(1)).checkConnection();
        assertThat(cached.getStatus()).isEqualTo(HealthConfiguration.DEGRADED);
        assertThat(cached).isSameAs(first);

        clock.advance(Duration.ofSeconds(1));
        Health fresh = indicator.health();

        verify(gateway, times(2)).checkConnection();
        assertThat(fresh.getStatus()).isEqualTo(Status.UP);
        assertThat(fresh.getDetails()).containsEntry("checkedAt", "2025-06-02T08:00:30Z");
    }
}
