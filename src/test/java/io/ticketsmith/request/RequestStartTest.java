package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Elements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.List;
import java.util.Map;

import io.ticketsmith.security.TicketsmithGroups;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * Starting requests as API clients do, through the engine REST API, in the embedded default configuration
 * where no LLM provider is configured ({@code spring.ai.model.chat=none}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ticketsmith.llm.worker=false", "ticketsmith.models.watch=false"})
@ActiveProfiles({"demo", "test"})
class RequestStartTest {

    private static final String START = "/engine-rest/process-definition/key/handle-request/start";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() { };

    @Autowired TestRestTemplate rest;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired ExternalTaskService externalTaskService;
    @Autowired AnalyzeRequestWorker worker;

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    @Test
    void submitterStartsARequestThroughEngineRestUnderItsRequestId() {
        ResponseEntity<Map<String, Object>> response = start("reviewer", "REQ-1001",
                "The export button does nothing, please file a bug. Mail me at ann@example.org");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("businessKey", "REQ-1001");
        ProcessInstance request = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("REQ-1001")
                .singleResult();
        assertThat(request).isNotNull();
        assertThat(runtimeService.getVariable(request.getId(), "requestText"))
                .isEqualTo("The export button does nothing, please file a bug. Mail me at [EMAIL_1]");
        assertThat(runtimeService.getVariable(request.getId(), "source")).isEqualTo("api");
    }

    @Test
    void requestWithoutTextIsRefusedWithAClearMessageAndCreatesNothing() {
        ResponseEntity<Map<String, Object>> response = start("reviewer", "REQ-EMPTY", "   ");

        // Refused input is the caller's to fix: 400 (Camunda's own start resource would say 500).
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("message").toString()).contains("'requestText' is required");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("REQ-EMPTY").count()).isZero();
    }

    @Test
    void auditorMayNotStartRequests() {
        assertThat(start("auditor", "REQ-AUDIT", "hello").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void requestStartedWithoutIdGetsOne() {
        ProcessInstance request = runtimeService.startProcessInstanceByKey(HandleRequestProcess.KEY,
                Map.of("requestText", "Please add dark mode", "source", "tasklist"));

        String businessKey = runtimeService.createProcessInstanceQuery().processInstanceId(request.getId())
                .singleResult().getBusinessKey();
        assertThat(businessKey).matches("[0-9a-f-]{36}");
    }

    @Test
    void withoutLlmProviderTheKeywordRulesAnalyseAndReviewersDecide() {
        start("reviewer", "REQ-NOLLM", "Production down: checkout fails for all users!");
        ProcessInstance request = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("REQ-NOLLM")
                .singleResult();
        managementService.executeJob(managementService.createJobQuery().processInstanceId(request.getId())
                .singleResult().getId());

        List<LockedExternalTask> tasks = externalTaskService.fetchAndLock(1, "test-worker")
                .topic(HandleRequestProcess.Topics.ANALYZE_REQUEST, 60_000)
                .businessKey("REQ-NOLLM")
                .variables(AnalyzeRequestWorker.VARIABLES)
                .execute();
        assertThat(tasks).hasSize(1);
        worker.handle(tasks.get(0), "test-worker");

        assertThat(request).hasPassed(Elements.LLM_UNAVAILABLE, Elements.ANALYZE_WITH_RULES)
                .isWaitingAt(Elements.REVIEW_PROPOSED_ACTIONS);
        assertThat(runtimeService.getVariable(request.getId(), "analysisSource")).isEqualTo("fallback");
        assertThat(runtimeService.getVariable(request.getId(), "fallbackReason").toString())
                .contains("No LLM provider is configured");
        assertThat(runtimeService.getVariable(request.getId(), "category")).isEqualTo("incident");
        assertThat(taskService.createTaskQuery().processInstanceId(request.getId())
                .taskCandidateGroup(TicketsmithGroups.LEADS).count())
                .as("critical urgency goes to leads").isEqualTo(1);
    }

    private ResponseEntity<Map<String, Object>> start(String user, String requestId, String text) {
        Map<String, Object> body = Map.of(
                "businessKey", requestId,
                "variables", Map.of(
                        "requestText", Map.of("value", text, "type", "String"),
                        "source", Map.of("value", "api", "type", "String"),
                        "reporter", Map.of("value", "customer-42", "type", "String")));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, "demo").exchange(START, HttpMethod.POST, new HttpEntity<>(body, headers),
                JSON_OBJECT);
    }
}
