package io.ticketsmith.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.ticketsmith.fixtures.JiraCloudPayloads;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.health.StatusAggregator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The health endpoint with Ollama unreachable and Jira stubbed: the application reports DEGRADED with HTTP 200 and
 * the probes stay UP. The status settings are the ones application.yaml needs; the cache is off so every request
 * checks again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ticketsmith.llm.worker=false", "ticketsmith.models.watch=false", "spring.ai.model.chat=ollama",
        "management.endpoint.health.status.order=DOWN,OUT_OF_SERVICE,DEGRADED,UNKNOWN,UP",
        "management.endpoint.health.status.http-mapping.DOWN=503",
        "management.endpoint.health.status.http-mapping.OUT_OF_SERVICE=503",
        "management.endpoint.health.status.http-mapping.DEGRADED=200",
        "ticketsmith.health.cache-ttl=0s",
        "ticketsmith.jira.flavor=cloud", "ticketsmith.jira.username=ticketsmith-bot@acme.example",
        "ticketsmith.jira.api-token=" + HealthEndpointTest.JIRA_TOKEN})
@ActiveProfiles({"demo", "test"})
class HealthEndpointTest {

    static final String JIRA_TOKEN = "health-endpoint-test-token";

    private static final String MYSELF = JiraCloudPayloads.API + "/myself";

    @RegisterExtension
    static WireMockExtension jira = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void remoteSystems(DynamicPropertyRegistry registry) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        registry.add("spring.ai.ollama.base-url", () -> "http://localhost:" + closedPort);
        registry.add("ticketsmith.jira.base-url", jira::baseUrl);
    }

    @Autowired
    TestRestTemplate rest;

    @Autowired
    StatusAggregator statusAggregator;

    @Autowired
    HttpCodeStatusMapper httpCodeStatusMapper;

    @Test
    void unreachableLlmMakesHealthDegradedWithHttp200() throws IOException {
        jira.stubFor(get(urlPathEqualTo(MYSELF)).willReturn(okJson(JiraCloudPayloads.MYSELF)));

        ResponseEntity<String> response = operatorGets("/actuator/health");
        Map<String, Object> health = json(response);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health).containsEntry("status", "DEGRADED");
        assertThat(health).extractingByKey("components", MAP)
                .extractingByKey("llm", MAP)
                .containsEntry("status", "DEGRADED")
                .extractingByKey("details", MAP)
                .containsEntry("provider", "ollama")
                .containsKeys("baseUrl", "error", "checkedAt");
        assertThat(health).extractingByKey("components", MAP)
                .extractingByKey("jira", MAP).containsEntry("status", "UP");
        assertThat(health).extractingByKey("components", MAP)
                .extractingByKey("db", MAP).containsEntry("status", "UP");
        jira.verify(getRequestedFor(urlPathEqualTo(MYSELF)).withHeader("Authorization", matching("Basic .+")));
    }

    @Test
    void probesStayUpWhileLlmIsUnreachable() throws IOException {
        ResponseEntity<String> liveness = rest.getForEntity("/actuator/health/liveness", String.class);
        ResponseEntity<String> readiness = rest.getForEntity("/actuator/health/readiness", String.class);

        assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json(liveness)).containsEntry("status", "UP");
        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json(readiness)).containsEntry("status", "UP");
    }

    @Test
    void jiraRefusingTheCredentialsIsDegradedWithoutTheToken() throws IOException {
        jira.stubFor(get(urlPathEqualTo(MYSELF)).willReturn(unauthorized()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\": [\"You are not authenticated. Authentication required to perform "
                        + "this operation.\"], \"errors\": {}}")));

        ResponseEntity<String> response = operatorGets("/actuator/health");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json(response)).extractingByKey("components", MAP)
                .extractingByKey("jira", MAP)
                .containsEntry("status", "DEGRADED")
                .extractingByKey("details", MAP)
                .containsEntry("gateway", "cloud " + jira.baseUrl())
                .extractingByKey("error").asString().startsWith("Jira refused the configured credentials (401)");
        assertThat(response.getBody()).doesNotContain(JIRA_TOKEN);
    }

    @Test
    void downStillOutranksDegradedAndAnswers503() {
        assertThat(statusAggregator.getAggregateStatus(Set.of(Status.UP, HealthConfiguration.DEGRADED)))
                .isEqualTo(HealthConfiguration.DEGRADED);
        assertThat(statusAggregator.getAggregateStatus(Set.of(HealthConfiguration.DEGRADED, Status.DOWN)))
                .isEqualTo(Status.DOWN);
        assertThat(httpCodeStatusMapper.getStatusCode(HealthConfiguration.DEGRADED)).isEqualTo(200);
        assertThat(httpCodeStatusMapper.getStatusCode(Status.DOWN)).isEqualTo(503);
        assertThat(httpCodeStatusMapper.getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(503);
    }

    private ResponseEntity<String> operatorGets(String path) {
        return rest.withBasicAuth("operator", "demo").getForEntity(path, String.class);
    }

    private static Map<String, Object> json(ResponseEntity<String> response) throws IOException {
        return new ObjectMapper().readValue(response.getBody(), new TypeReference<>() { });
    }
}
