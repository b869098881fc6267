package io.ticketsmith.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.ticketsmith.request.HandleRequestProcess;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * A reviewer forging the audit trail, sent to the engine REST API as a reviewer would: completing with the
 * product's variables, setting, patching or deleting the request's variables, offering the task to another group
 * or moving its due date. Each is refused and the review stays open; completing with the review's own variables
 * works.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ReviewCompletionGuardTest {

    @Autowired TestRestTemplate rest;

    private String taskId;
    private String processInstanceId;

    /** A request waiting for review: started at the review by an administrator, as an operator could repair one. */
    @BeforeEach
    void requestWaitingForReview() {
        ResponseEntity<Map> started = send("admin", HttpMethod.POST,
                "/engine-rest/process-definition/key/" + HandleRequestProcess.KEY + "/start", Map.of(
                        "variables", Map.of(
                                "requestText", Map.of("value", "The login page gives a 500"),
                                "reviewerGroup", Map.of("value", "reviewers"),
                                "reviewDue", Map.of("value", "PT4H"),
                                "reviewDueAt", Map.of("value", "2030-01-01T00:00:00.000+0000", "type", "Date"),
                                "reviewMaxWait", Map.of("value", "P2D"),
                                "reviewExpiresAt", Map.of("value", "2030-01-03T00:00:00.000+0000", "type", "Date"),
                                "actions", Map.of("type", "Json", "value",
                                        "[{\"type\":\"comment\",\"issueKey\":\"WEB-1\",\"body\":\"Looking into it\"}]")),
                        "startInstructions", List.of(Map.of("type", "startBeforeActivity",
                                "activityId", HandleRequestProcess.Elements.REVIEW_PROPOSED_ACTIONS))), Map.class);
        assertThat(started.getStatusCode().value()).as(String.valueOf(started.getBody())).isEqualTo(200);
        processInstanceId = started.getBody().get("id").toString();
        Object[] tasks = rest.withBasicAuth("admin", "demo").getForObject(
                "/engine-rest/task?processInstanceId={id}", Object[].class, processInstanceId);
        taskId = ((Map<?, ?>) tasks[0]).get("id").toString();
        assertThat(send("reviewer", HttpMethod.POST, "/engine-rest/task/" + taskId + "/claim",
                Map.of("userId", "reviewer"), String.class).getStatusCode().value()).isEqualTo(204);
    }

    @Test
    void completionWithTheProductsVariablesIsRefused() {
        Map<String, Object> forged = Map.of("variables", Map.of(
                "reviewDecision", Map.of("value", "approve"),
                "reviews", Map.of("type", "Json", "value", "[{\"by\":\"lead\",\"decision\":\"approve\"}]"),
                "decisionAudit", Map.of("type", "Json", "value", "[{\"decision\":\"guardrails\"}]"),
                "route", Map.of("value", "AUTO")));

        for (String call : List.of("complete", "submit-form")) {
            ResponseEntity<String> answer = send("reviewer", HttpMethod.POST, "/engine-rest/task/" + taskId + "/" + call,
                    forged, String.class);

            assertThat(answer.getStatusCode().value()).as(call).isEqualTo(400);
            assertThat(answer.getBody()).contains("decisionAudit", "reviews", "route");
        }
        assertThat(taskStillOpen()).isTrue();
    }

    @Test
    void theRequestsVariablesCannotBeSetPatchedOrDeletedByAReviewer() {
        List<ResponseEntity<String>> answers = List.of(
                send("reviewer", HttpMethod.PUT, "/engine-rest/task/" + taskId + "/variables/reviews",
                        Map.of("type", "Json", "value", "[{\"by\":\"lead\"}]"), String.class),
                send("reviewer", HttpMethod.POST, "/engine-rest/task/" + taskId + "/variables",
                        Map.of("modifications", Map.of("route", Map.of("value", "AUTO"))), String.class),
                send("reviewer", HttpMethod.DELETE, "/engine-rest/task/" + taskId + "/variables/actions", null,
                        String.class),
                send("reviewer", HttpMethod.PUT, "/engine-rest/process-instance/" + processInstanceId
                        + "/variables/route", Map.of("value", "AUTO"), String.class));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.getStatusCode().value()).isIn(400, 403));
        assertThat(answers.get(0).getBody()).contains("written by the request process");
        assertThat(taskStillOpen()).isTrue();
    }

    @Test
    void candidatesWorkOnTheTaskButCannotChangeIt() {
        ResponseEntity<String> otherGroup = send("reviewer", HttpMethod.POST,
                "/engine-rest/task/" + taskId + "/identity-links", Map.of("groupId", "api", "type", "candidate"),
                String.class);
        ResponseEntity<String> later = send("reviewer", HttpMethod.PUT, "/engine-rest/task/" + taskId,
                Map.of("name", "Review proposed actions", "due", "2099-01-01T00:00:00.000+0000"), String.class);

        assertThat(otherGroup.getStatusCode().value()).isEqualTo(400);
        assertThat(later.getStatusCode().value()).isEqualTo(400);
        assertThat(otherGroup.getBody()).contains("the guardrails' and the escalation's to set");
        assertThat(send("reviewer", HttpMethod.POST, "/engine-rest/task/" + taskId + "/unclaim", Map.of(),
                String.class).getStatusCode().value()).as("a candidate still unclaims").isEqualTo(204);
        assertThat(send("reviewer", HttpMethod.POST, "/engine-rest/task/" + taskId + "/claim",
                Map.of("userId", "reviewer"), String.class).getStatusCode().value()).as("and claims").isEqualTo(204);
    }

    @Test
    void aReviewWithItsOwnVariablesCompletes() {
        ResponseEntity<String> answer = send("reviewer", HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete",
                Map.of("variables", Map.of("reviewDecision", Map.of("value", "reject"),
                        "reviewComment", Map.of("value", "Not ours"))), String.class);

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(204);
        assertThat(taskStillOpen()).isFalse();
    }

    private boolean taskStillOpen() {
        return ((Number) rest.withBasicAuth("admin", "demo").getForObject("/engine-rest/task/count?taskId={id}",
                Map.class, taskId).get("count")).longValue() == 1;
    }

    private <T> ResponseEntity<T> send(String userId, HttpMethod method, String path, Object body, Class<T> type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(userId, "demo").exchange(path, method, new HttpEntity<>(body, headers), type);
    }
}
