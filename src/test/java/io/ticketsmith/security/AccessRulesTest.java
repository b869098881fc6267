package io.ticketsmith.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
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

/**
 * The role model as users meet it through the engine REST API (what Tasklist and Modeler use), the
 * application API and actuator, against the demo users.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@ActiveProfiles({"demo", "test"})
class AccessRulesTest {

    private static final String REVIEW_PROCESS = "access-rules-review";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() { };

    @Autowired
    TestRestTemplate rest;

    @Autowired
    RepositoryService repositoryService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    TaskService taskService;

    @Autowired
    IdentityService identityService;

    @BeforeEach
    void deployReviewProcess() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(REVIEW_PROCESS)
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_Review").name("Review").camundaCandidateGroups("reviewers")
                .endEvent()
                .done();
        repositoryService.createDeployment().addModelInstance(REVIEW_PROCESS + ".bpmn", model)
                .enableDuplicateFiltering(true).deploy();
    }

    @Test
    void engineRestWithoutCredentialsIsUnauthorized() {
        ResponseEntity<String> response = rest.getForEntity("/engine-rest/task", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    }

    @Test
    void engineRestWithWrongPasswordIsUnauthorized() {
        // A user of its own: the engine delays further logins of a user after a failed one.
        createUser("guesseduser", "right");

        assertThat(rest.withBasicAuth("guesseduser", "wrong").getForEntity("/engine-rest/task", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void engineRestWithAMalformedBasicHeaderIsUnauthorizedWithTheChallenge() {
        for (String header : List.of("Basic not-base64!", "Basic " + java.util.Base64.getEncoder().encodeToString(
                "no-colon".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "Bearer abc")) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.AUTHORIZATION, header);
            ResponseEntity<String> response = rest.exchange("/engine-rest/task", HttpMethod.GET,
                    new HttpEntity<>(headers), String.class);

            assertThat(response.getStatusCode()).as(header).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"default\"");
        }
    }

    @Test
    void engineRestRemembersALoginForAWhileAsTheApiDoesAndChecksAnyOtherPassword() {
        createUser("restclient", "first-Secret");
        TestRestTemplate first = rest.withBasicAuth("restclient", "first-Secret");
        assertThat(first.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        User user = identityService.createUserQuery().userId("restclient").singleResult();
        user.setPassword("second-Secret");
        identityService.saveUser(user);

        // Within the remembered while (30 s) the login that was checked still counts, as on the API...
        assertThat(first.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getForEntity("/api/requests", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        // ...and any other password is checked by the engine at once.
        assertThat(rest.withBasicAuth("restclient", "second-Secret").getForEntity("/engine-rest/task", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth("restclient", "third-Secret").getForEntity("/engine-rest/task", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void engineRestForAnotherEngineNameIsNotFound() {
        ResponseEntity<String> response = rest.withBasicAuth("reviewer", "demo")
                .getForEntity("/engine-rest/engine/other/task", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void reviewerSeesClaimsAndCompletesTaskOfferedToReviewers() {
        String taskId = startReviewAndGetTaskId();
        TestRestTemplate reviewer = rest.withBasicAuth("reviewer", "demo");

        List<Map<String, Object>> visible = reviewer.exchange("/engine-rest/task?processDefinitionKey=" + REVIEW_PROCESS,
                HttpMethod.GET, null, new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody();
        assertThat(visible).extracting(task -> task.get("id")).contains(taskId);

        assertThat(reviewer.postForEntity("/engine-rest/task/" + taskId + "/claim", json(Map.of("userId", "reviewer")),
                String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(reviewer.postForEntity("/engine-rest/task/" + taskId + "/complete", json(Map.of()), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isZero();
    }

    @Test
    void leadCannotSeeTaskOfferedOnlyToReviewers() {
        String taskId = startReviewAndGetTaskId();

        List<Map<String, Object>> visible = rest.withBasicAuth("lead", "demo").exchange("/engine-rest/task",
                HttpMethod.GET, null, new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody();

        assertThat(visible).extracting(task -> task.get("id")).doesNotContain(taskId);
    }

    @Test
    void auditorReadsTasksAndHistoryButCannotCompleteTasks() {
        String taskId = startReviewAndGetTaskId();
        TestRestTemplate auditor = rest.withBasicAuth("auditor", "demo");

        assertThat(auditor.getForEntity("/engine-rest/task/" + taskId, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(auditor.getForObject("/engine-rest/history/process-instance/count?processDefinitionKey=" + REVIEW_PROCESS,
                Map.class).get("count")).isNotEqualTo(0);
        assertThat(auditor.postForEntity("/engine-rest/task/" + taskId + "/complete", json(Map.of()), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void reviewerCannotReadHistory() {
        startReviewAndGetTaskId();

        Map<?, ?> count = rest.withBasicAuth("reviewer", "demo")
                .getForObject("/engine-rest/history/process-instance/count?processDefinitionKey=" + REVIEW_PROCESS, Map.class);

        assertThat(count.get("count")).isEqualTo(0);
    }

    @Test
    void ownerDeploysFromModelerAndReviewerAndAuditorAreForbidden() {
        assertThat(ModelerDeployment.deploy(rest.withBasicAuth("owner", "demo"), "owner-upload").getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(ModelerDeployment.deploy(rest.withBasicAuth("reviewer", "demo"), "reviewer-upload").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(ModelerDeployment.deploy(rest.withBasicAuth("auditor", "demo"), "auditor-upload").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("owner-upload").count()).isEqualTo(1);
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("reviewer-upload").count()).isZero();
    }

    @Test
    void healthIsOpenButDetailsOnlyForOperators() {
        Map<String, Object> anonymous = rest.exchange("/actuator/health", HttpMethod.GET, null, JSON_OBJECT).getBody();
        Map<String, Object> operator = rest.withBasicAuth("operator", "demo")
                .exchange("/actuator/health", HttpMethod.GET, null, JSON_OBJECT).getBody();

        assertThat(anonymous.get("status")).isEqualTo("UP");
        assertThat(anonymous).doesNotContainKey("components");
        assertThat(operator.get("components")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("db", "processEngine");
    }

    @Test
    void prometheusNeedsAnOperatorAndShowsEngineAndJvmMetrics() {
        assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("reviewer", "demo").getForEntity("/actuator/prometheus", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        String metrics = rest.withBasicAuth("operator", "demo").getForObject("/actuator/prometheus", String.class);

        assertThat(metrics).contains("jvm_memory_used_bytes", "camunda_process_instances_active",
                "camunda_job_successful_total", "camunda_incidents_open");
    }

    @Test
    void everyHttpCallIsMeasuredOnceAndTheSecurityFiltersAreNotObservedOneByOne() {
        assertThat(rest.withBasicAuth("reviewer", "demo").getForEntity("/api/requests", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.getForEntity("/api/requests", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        String metrics = rest.withBasicAuth("operator", "demo").getForObject("/actuator/prometheus", String.class);

        assertThat(metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count")
                && line.contains("uri=\"/api/requests\"") && line.contains("status=\"200\""))).isNotEmpty();
        assertThat(metrics.lines().filter(line -> line.startsWith("spring_security_"))).isEmpty();
    }

    @Test
    void applicationApiNeedsCredentials() {
        assertThat(rest.getForEntity("/api/requests", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        createUser("apiguesseduser", "right");
        assertThat(rest.withBasicAuth("apiguesseduser", "nope").getForEntity("/api/requests", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void tasklistFiltersAreVisibleToReviewers() {
        List<Map<String, Object>> filters = rest.withBasicAuth("reviewer", "demo").exchange("/engine-rest/filter",
                HttpMethod.GET, null, new ParameterizedTypeReference<List<Map<String, Object>>>() { }).getBody();

        assertThat(filters).extracting(filter -> filter.get("name"))
                .contains(IdentityBootstrap.REVIEW_TASKS_FILTER, IdentityBootstrap.MY_TASKS_FILTER);
    }

    private void createUser(String userId, String password) {
        if (identityService.createUserQuery().userId(userId).count() == 0) {
            User user = identityService.newUser(userId);
            user.setPassword(password);
            identityService.saveUser(user);
        }
    }

    private String startReviewAndGetTaskId() {
        String processInstanceId = runtimeService.startProcessInstanceByKey(REVIEW_PROCESS).getId();
        return taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId();
    }

    private static HttpEntity<Map<String, Object>> json(Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
