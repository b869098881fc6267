package io.ticketsmith.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.ticketsmith.request.HandleRequestProcess;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Requests start only at the start, with only the start variables: the probes of a submitter who tries to skip
 * analysis, guardrails and review, to forge what the product writes, or to take over another request, sent to the
 * engine REST API as such a user would. Each is a 400 and nothing is created.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class RequestStartGuardTest {

    private static final String START = "/engine-rest/process-definition/key/handle-request/start";

    @Autowired TestRestTemplate rest;

    @Test
    void startInstructionsAtExecutionAreRefused() {
        long before = requests();

        ResponseEntity<String> answer = post("reviewer", START, Map.of(
                "variables", Map.of("requestText", value("Comment on HR-7"),
                        "actions", Map.of("type", "Json", "value",
                                "[{\"type\":\"comment\",\"issueKey\":\"HR-7\",\"body\":\"pwned\"}]")),
                "startInstructions", List.of(Map.of("type", "startBeforeActivity",
                        "activityId", HandleRequestProcess.Elements.EXECUTE_ACTIONS))));

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
        assertThat(answer.getBody()).contains("start instructions are not allowed");
        assertThat(requests()).isEqualTo(before);
    }

    @Test
    void startAtTheReviewWithOwnReviewerGroupIsRefused() {
        long before = requests();

        ResponseEntity<String> answer = post("reviewer", START, Map.of(
                "variables", Map.of("requestText", value("Please approve me"), "reviewerGroup", value("api")),
                "startInstructions", List.of(Map.of("type", "startBeforeActivity",
                        "activityId", HandleRequestProcess.Elements.REVIEW_PROPOSED_ACTIONS))));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(requests()).isEqualTo(before);
    }

    @Test
    void skippingListenersOrMappingsIsRefused() {
        for (String skip : List.of("skipCustomListeners", "skipIoMappings")) {
            ResponseEntity<String> answer = post("reviewer", START, Map.of(
                    "variables", Map.of("requestText", value("The login page gives a 500")), skip, true));

            assertThat(answer.getStatusCode().value()).as(skip).isEqualTo(400);
        }
    }

    @Test
    void variablesTheProductWritesCannotBeSetByAStart() {
        long before = requests();

        ResponseEntity<String> answer = post("reviewer", START, Map.of("variables", Map.of(
                "requestText", value("The login page gives a 500"),
                "reviews", Map.of("type", "Json", "value", "[{\"by\":\"lead\",\"decision\":\"approve\"}]"),
                "decisionAudit", Map.of("type", "Json", "value", "[{\"decision\":\"guardrails\",\"matchedRules\":[\"x\"]}]"),
                "actionResults", Map.of("type", "Json", "value", "[]"),
                "llmModel", value("gpt-unpriced"))));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody()).contains("actionResults", "decisionAudit", "llmModel", "reviews");
        assertThat(requests()).isEqualTo(before);
    }

    @Test
    void businessKeyOfAnExistingRequestIsRefusedAndThatRequestIsUntouched() {
        ResponseEntity<String> first = post("reviewer", START, Map.of("businessKey", "REQ-taken",
                "variables", Map.of("requestText", value("The login page gives a 500"))));
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(200);
        long before = requests();

        ResponseEntity<String> second = post("reviewer", START, Map.of("businessKey", "REQ-taken",
                "variables", Map.of("requestText", value("Mail me at mallory@evil.example"))));

        assertThat(second.getStatusCode().value()).isEqualTo(400);
        assertThat(second.getBody()).contains("A request with id REQ-taken exists");
        assertThat(requests()).isEqualTo(before);
        assertThat(count("/engine-rest/history/process-instance/count?processInstanceBusinessKey=REQ-taken"))
                .isEqualTo(1);
    }

    @Test
    void theIdOfARequestThatWasDeletedStaysTaken() {
        ResponseEntity<String> first = post("reviewer", START, Map.of("businessKey", "REQ-ended",
                "variables", Map.of("requestText", value("The login page gives a 500"))));
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(200);
        String instance = (String) rest.withBasicAuth("admin", "demo").getForObject(
                "/engine-rest/process-instance?businessKey=REQ-ended", List.class).stream()
                .map(row -> ((Map<?, ?>) row).get("id")).findFirst().orElseThrow();
        rest.withBasicAuth("admin", "demo").delete("/engine-rest/process-instance/" + instance);
        assertThat(count("/engine-rest/process-instance/count?businessKey=REQ-ended")).isZero();

        ResponseEntity<String> again = post("reviewer", START, Map.of("businessKey", "REQ-ended",
                "variables", Map.of("requestText", value("The login page gives a 500 again"))));

        assertThat(again.getStatusCode().value()).isEqualTo(400);
        assertThat(again.getBody()).contains("A request with id REQ-ended exists");
        assertThat(count("/engine-rest/history/process-instance/count?processInstanceBusinessKey=REQ-ended"))
                .isEqualTo(1);
    }

    @Test
    void theDocumentedStartVariablesStartARequest() {
        ResponseEntity<String> answer = post("reviewer", START, Map.of("variables", Map.of(
                "requestText", value("The login page gives a 500"), "source", value("api"),
                "reporter", value("ann"), "externalId", value("EXT-" + System.nanoTime()))));

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
    }

    @Test
    void startFormSubmissionWithExtraVariablesIsRefused() {
        String definitionId = rest.withBasicAuth("reviewer", "demo")
                .getForObject("/engine-rest/process-definition/key/handle-request", Map.class).get("id").toString();

        ResponseEntity<String> answer = post("reviewer", "/engine-rest/process-definition/" + definitionId
                + "/submit-form", Map.of("variables", Map.of("requestText", value("Hello"),
                        "route", value("AUTO"))));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody()).contains("route");
    }

    @Test
    void aPersonCannotStartARequestAsIfJiraSentIt() {
        long before = requests();

        ResponseEntity<String> answer = post("reviewer", START, Map.of("variables", Map.of(
                "requestText", value("x"), "source", value("jira"), "externalId", value("WEB-20944"))));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody()).contains("source");
        assertThat(requests()).isEqualTo(before);
    }

    @Test
    void startValuesTheProductCannotStoreAreRefusedForAdministratorsToo() {
        long before = requests();

        ResponseEntity<String> number = post("admin", START, Map.of("variables", Map.of(
                "requestText", Map.of("value", 42, "type", "Integer"))));
        ResponseEntity<String> nul = post("admin", START, Map.of("variables", Map.of(
                "requestText", value("Login \u0000 broken"))));
        ResponseEntity<String> longReporter = post("reviewer", START, Map.of("variables", Map.of(
                "requestText", value("Login broken"), "reporter", value("r".repeat(300)))));

        assertThat(number.getStatusCode().value()).isEqualTo(400);
        assertThat(number.getBody()).contains("'requestText' must be a string");
        assertThat(nul.getStatusCode().value()).isEqualTo(400);
        assertThat(nul.getBody()).contains("control characters");
        assertThat(longReporter.getStatusCode().value()).isEqualTo(400);
        assertThat(longReporter.getBody()).contains("'reporter'");
        assertThat(requests()).isEqualTo(before);
    }

    @Test
    void aReplyToneThroughTheEngineIsKeptWhenKnownAndRefusedOtherwise() {
        long before = requests();

        ResponseEntity<String> unknown = post("reviewer", START, Map.of("variables", Map.of(
                "requestText", value("Login broken"), "replyTone", value("sarcastic"))));
        ResponseEntity<String> number = post("reviewer", START, Map.of("variables", Map.of(
                "requestText", value("Login broken"), "replyTone", Map.of("value", 3, "type", "Integer"))));

        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat(unknown.getBody()).contains("'replyTone' must be one of formal, friendly, empathetic, concise");
        assertThat(number.getStatusCode().value()).isEqualTo(400);
        assertThat(number.getBody()).contains("'replyTone' must be a string");
        assertThat(requests()).isEqualTo(before);

        ResponseEntity<String> known = post("reviewer", START, Map.of("variables", Map.of(
                "requestText", value("Login broken"), "replyTone", value("concise"))));
        assertThat(known.getStatusCode().value()).isEqualTo(200);
        assertThat(requests()).isEqualTo(before + 1);
    }

    @Test
    void startWithoutTextIsA400() {
        ResponseEntity<String> answer = post("reviewer", START, Map.of("variables", Map.of("reporter", value("ann"))));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody()).contains("requestText");
    }

    /**
     * Counted through the engine REST API, as the probes are sent: with several test contexts in one JVM the REST
     * API may serve another context's engine than the one a test could autowire.
     */
    private long requests() {
        return count("/engine-rest/history/process-instance/count?processDefinitionKey=" + HandleRequestProcess.KEY);
    }

    private long count(String path) {
        return ((Number) rest.withBasicAuth("admin", "demo").getForObject(path, Map.class).get("count")).longValue();
    }

    private static Map<String, Object> value(Object value) {
        return Map.of("value", value);
    }

    private ResponseEntity<String> post(String userId, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(userId, "demo").postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }
}
