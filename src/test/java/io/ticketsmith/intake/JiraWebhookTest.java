package io.ticketsmith.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
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

/** Jira's issue-created webhook: signature checks and the triage request it starts. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ticketsmith.llm.worker=false", "ticketsmith.models.watch=false",
        "ticketsmith.triage.webhook-secret=" + JiraWebhookTest.SECRET})
@ActiveProfiles({"demo", "test"})
class JiraWebhookTest {

    static final String SECRET = "hook-secret-for-tests";
    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() { };

    @Autowired TestRestTemplate rest;
    @Autowired RuntimeService runtimeService;

    @Test
    void signedIssueCreatedEventStartsTriageOfThatIssue() {
        String event = issueCreated("WEB-42", "[]");

        ResponseEntity<Map<String, Object>> response = send(event, signed(event));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = (String) response.getBody().get("id");
        var request = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult();
        assertThat(runtimeService.getVariables(request.getId()))
                .containsEntry("source", "jira")
                .containsEntry("externalId", "WEB-42")
                .containsEntry("reporter", "[NAME_1]")
                .containsEntry("requestText", "Jira issue WEB-42 (Bug): Checkout button does nothing\n\n"
                        + "Clicking Pay shows a spinner forever.\n\nSince the release on Monday.");
    }

    @Test
    void repeatedDeliveryOfTheSameEventIsTheSameRequest() {
        String event = issueCreated("WEB-43", "[]");
        String first = (String) send(event, signed(event)).getBody().get("id");

        ResponseEntity<Map<String, Object>> again = send(event, signed(event));

        assertThat(again.getBody()).containsEntry("id", first).containsEntry("created", false);
    }

    @Test
    void unsignedOrWronglySignedCallsAreUnauthorized() {
        String event = issueCreated("WEB-44", "[]");
        HttpHeaders wrong = new HttpHeaders();
        wrong.set(JiraWebhookController.SIGNATURE_HEADER, "sha256=" + "0".repeat(64));

        assertThat(send(event, new HttpHeaders()).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(send(event, wrong).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(runtimeService.createProcessInstanceQuery().variableValueEquals("externalId", "WEB-44").count())
                .isZero();
    }

    @Test
    void dataCenterSendsTheSharedSecretInsteadOfASignature() {
        String event = issueCreated("OPS-7", "[]");
        HttpHeaders headers = new HttpHeaders();
        headers.set(JiraWebhookController.SECRET_HEADER, SECRET);

        assertThat(send(event, headers).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    }

    @Test
    void issuesAlreadyProcessedAndOtherEventsAreIgnored() {
        String processed = issueCreated("WEB-45", "[\"ai_processed\"]");
        String updated = issueCreated("WEB-46", "[]").replace("jira:issue_created", "jira:issue_updated");

        assertThat(send(processed, signed(processed)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(send(updated, signed(updated)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    private ResponseEntity<Map<String, Object>> send(String event, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.exchange("/api/webhooks/jira", HttpMethod.POST, new HttpEntity<>(event, headers), OBJECT);
    }

    @Test
    void anApiClientCannotTakeAJiraIssueBeforeItsWebhook() {
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> claimed = rest.withBasicAuth("intake", "demo").postForEntity("/api/requests",
                new HttpEntity<>("{\"text\":\"x\",\"source\":\"jira\",\"externalId\":\"WEB-20944\"}", json),
                String.class);
        ResponseEntity<Map<String, Object>> ownId = rest.withBasicAuth("intake", "demo").exchange("/api/requests",
                HttpMethod.POST, new HttpEntity<>("{\"text\":\"x\",\"externalId\":\"WEB-20944\"}", json), OBJECT);
        String event = issueCreated("WEB-20944", "[]");

        ResponseEntity<Map<String, Object>> webhook = send(event, signed(event));

        assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ownId.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(webhook.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(webhook.getBody()).containsEntry("created", true);
        assertThat(webhook.getBody().get("id")).isNotEqualTo(ownId.getBody().get("id"));
    }

    private static HttpHeaders signed(String event) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(JiraWebhookController.SIGNATURE_HEADER,
                "sha256=" + JiraWebhookController.hmacSha256(SECRET, event.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    /** A Jira Cloud event as delivered: the description is Atlassian Document Format. */
    private static String issueCreated(String key, String labels) {
        return """
                {"timestamp":1763800000000,"webhookEvent":"jira:issue_created","issue_event_type_name":"issue_created",
                 "user":{"accountId":"5b10ac8d82e05b22cc7d4ef5","displayName":"Ann Reporter"},
                 "issue":{"id":"10042","key":"%s","self":"https://acme.atlassian.net/rest/api/3/issue/10042",
                  "fields":{"summary":"Checkout button does nothing","labels":%s,
                   "issuetype":{"id":"10004","name":"Bug","subtask":false},
                   "project":{"id":"10000","key":"%s","name":"Web shop"},
                   "status":{"name":"To Do","statusCategory":{"key":"new"}},
                   "reporter":{"accountId":"5b10ac8d82e05b22cc7d4ef5","displayName":"Ann Reporter"},
                   "description":{"type":"doc","version":1,"content":[
                     {"type":"paragraph","content":[{"type":"text","text":"Clicking Pay shows a spinner forever."}]},
                     {"type":"paragraph","content":[{"type":"text","text":"Since the release on Monday."}]}]}}}}
                """.formatted(key, labels, key.substring(0, key.indexOf('-')));
    }
}
