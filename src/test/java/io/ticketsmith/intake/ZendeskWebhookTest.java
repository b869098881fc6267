package io.ticketsmith.intake;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.ticketsmith.support.FakeZendeskApi;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Zendesk's ticket-created webhook: the signature over timestamp and body, the replay window, redeliveries, and the
 * request it starts from the ticket as Zendesk has it; and the operators' batch over the incremental export.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ticketsmith.llm.worker=false", "ticketsmith.models.watch=false",
        "ticketsmith.zendesk.enabled=true",
        "TICKETSMITH_ZENDESK_EMAIL=" + FakeZendeskApi.EMAIL,
        "TICKETSMITH_ZENDESK_API_TOKEN=" + FakeZendeskApi.API_TOKEN,
        "TICKETSMITH_ZENDESK_WEBHOOK_SECRET=" + ZendeskWebhookTest.SECRET})
@ActiveProfiles({"demo", "test"})
class ZendeskWebhookTest {

    static final String SECRET = "zendesk-signing-secret-for-tests";
    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() { };

    @RegisterExtension
    static WireMockExtension wiremock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void zendeskBaseUrl(DynamicPropertyRegistry registry) {
        registry.add("ticketsmith.zendesk.base-url", wiremock::baseUrl);
    }

    private final FakeZendeskApi zendesk = new FakeZendeskApi(wiremock);

    @Autowired TestRestTemplate rest;
    @Autowired RuntimeService runtimeService;
    @Autowired ZendeskTriage triage;

    @Test
    void signedTicketCreatedStartsTriageOfTheTicketAsZendeskHasIt() {
        zendesk.hasTicket("501", FakeZendeskApi.ticket("501", "Checkout fails", "Card payments fail since 9:00.",
                List.of("vip"), FakeZendeskApi.UPDATED_AT));
        String body = FakeZendeskApi.ticketCreated("501");

        ResponseEntity<Map<String, Object>> response = send(body, signed(body, Instant.now()));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        var request = runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey((String) response.getBody().get("id")).singleResult();
        assertThat(runtimeService.getVariables(request.getId()))
                .containsEntry("source", "zendesk")
                .containsEntry("externalId", "501")
                .containsEntry("requestText", "Zendesk ticket 501: Checkout fails\n\nCard payments fail since 9:00.");
    }

    @Test
    void aRedeliveredTicketIsTheSameRequest() {
        zendesk.hasTicket("502", FakeZendeskApi.ticket("502", "Refund", "Please refund order 7.", List.of(),
                FakeZendeskApi.UPDATED_AT));
        String body = FakeZendeskApi.ticketCreated("502");
        String first = (String) send(body, signed(body, Instant.now())).getBody().get("id");

        ResponseEntity<Map<String, Object>> again = send(body, signed(body, Instant.now().plusSeconds(30)));

        assertThat(again.getBody()).containsEntry("id", first).containsEntry("created", false);
        assertThat(runtimeService.createProcessInstanceQuery().variableValueEquals("externalId", "502").count())
                .isEqualTo(1);
    }

    @Test
    void missingOrWrongSignaturesAreUnauthorizedAndStartNothing() {
        String body = FakeZendeskApi.ticketCreated("503");
        HttpHeaders wrong = signed(body, Instant.now());
        wrong.set(ZendeskWebhookController.SIGNATURE_HEADER, FakeZendeskApi.signature("another-secret",
                wrong.getFirst(ZendeskWebhookController.TIMESTAMP_HEADER), body));
        HttpHeaders otherBody = signed(FakeZendeskApi.ticketCreated("504"), Instant.now());
        HttpHeaders noTimestamp = signed(body, Instant.now());
        noTimestamp.remove(ZendeskWebhookController.TIMESTAMP_HEADER);

        assertThat(send(body, new HttpHeaders()).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(send(body, wrong).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(send(body, otherBody).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(send(body, noTimestamp).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(runtimeService.createProcessInstanceQuery().variableValueEquals("externalId", "503").count())
                .isZero();
    }

    @Test
    void aCorrectlySignedCallOlderThanFiveMinutesIsAReplayAndUnauthorized() {
        zendesk.hasTicket("505", FakeZendeskApi.ticket("505", "Login broken", "I cannot log in.", List.of(),
                FakeZendeskApi.UPDATED_AT));
        String body = FakeZendeskApi.ticketCreated("505");

        ResponseEntity<Map<String, Object>> replayed = send(body, signed(body, Instant.now().minus(
                Duration.ofMinutes(5).plusSeconds(5))));

        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(runtimeService.createProcessInstanceQuery().variableValueEquals("externalId", "505").count())
                .isZero();
    }

    @Test
    void aTicketAlreadyTaggedAsProcessedIsNotTriagedAgain() {
        zendesk.hasTicket("506", FakeZendeskApi.ticket("506", "Old", "Done already.", List.of("ai_processed"),
                FakeZendeskApi.UPDATED_AT));
        String body = FakeZendeskApi.ticketCreated("506");

        assertThat(send(body, signed(body, Instant.now())).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(runtimeService.createProcessInstanceQuery().variableValueEquals("externalId", "506").count())
                .isZero();
    }

    @Test
    void theBatchRunFollowsTheExportToItsEndSkipsProcessedTicketsAndKeepsItsCursor() {
        zendesk.exportsPages(List.of(
                List.of(FakeZendeskApi.ticket("601", "A", "First.", List.of(), FakeZendeskApi.UPDATED_AT),
                        FakeZendeskApi.ticket("602", "B", "Second.", List.of("ai_processed"), FakeZendeskApi.UPDATED_AT)),
                List.of(FakeZendeskApi.ticket("603", "C", "Third.", List.of(), FakeZendeskApi.UPDATED_AT))));

        ZendeskTriage.RunResult result = triage.runExport();

        assertThat(result).isEqualTo(new ZendeskTriage.RunResult(3, 2, 1, 0, "cur2"));
        assertThat(runtimeService.createProcessInstanceQuery().variableValueEquals("externalId", "603").count())
                .isEqualTo(1);
    }

    @Test
    void whenZendeskAsksToWaitTheWebhookAsksZendeskToDeliverAgainLater() {
        zendesk.rateLimitsReading("507", 30);
        String body = FakeZendeskApi.ticketCreated("507");

        ResponseEntity<Map<String, Object>> response = send(body, signed(body, Instant.now()));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
        assertThat(runtimeService.createProcessInstanceQuery().variableValueEquals("externalId", "507").count())
                .isZero();
    }

    @Test
    void theBatchRunIsForOperatorsOnly() {
        ResponseEntity<String> anonymous = rest.postForEntity("/api/zendesk/triage", null, String.class);
        ResponseEntity<String> apiClient = rest.withBasicAuth("intake", "demo").postForEntity("/api/zendesk/triage",
                null, String.class);

        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(apiClient.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private ResponseEntity<Map<String, Object>> send(String body, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.exchange("/api/zendesk/webhook", HttpMethod.POST, new HttpEntity<>(body, headers), OBJECT);
    }

    private static HttpHeaders signed(String body, Instant at) {
        String timestamp = at.toString();
        HttpHeaders headers = new HttpHeaders();
        headers.set(ZendeskWebhookController.TIMESTAMP_HEADER, timestamp);
        headers.set(ZendeskWebhookController.SIGNATURE_HEADER, FakeZendeskApi.signature(SECRET, timestamp, body));
        return headers;
    }
}
