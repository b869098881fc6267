package io.ticketsmith.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.security.ModelerDeployment;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * A process owner deploying as Modeler does ({@code POST /engine-rest/deployment/create}) cannot deploy code: the
 * model that made its owner an administrator, and a timer that runs a command, are refused with 400 naming the
 * element, nothing of them is deployed, and nothing runs. What the product ships deploys the same way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class DeploymentPolicyTest {

    private static final String OWNER = "owner";

    @Autowired TestRestTemplate rest;
    @Autowired RepositoryService repositoryService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;

    private final ObjectMapper json = new ObjectMapper();
    private Path marker;
    private long deployments;

    @BeforeEach
    void countDeployments() throws Exception {
        marker = Path.of("target", "deployment-marker-" + System.nanoTime()).toAbsolutePath();
        Files.deleteIfExists(marker);
        deployments = repositoryService.createDeploymentQuery().count();
    }

    @AfterEach
    void nothingRan() {
        assertThat(marker).as("the deployed command must not have run").doesNotExist();
        assertThat(identityService.createUserQuery().userId(OWNER).memberOfGroup("camunda-admin").count())
                .as("the owner must not have become an administrator").isZero();
    }

    @Test
    void processThatMakesItsOwnerAnAdministratorIsRefused() throws Exception {
        ResponseEntity<String> answer = deploy("promote-owner.bpmn", """
                <bpmn:process id="promote-owner" isExecutable="true" camunda:historyTimeToLive="1">
                  <bpmn:startEvent id="Event_Soon"><bpmn:timerEventDefinition id="Timer_Soon">
                    <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1S</bpmn:timeDuration>
                  </bpmn:timerEventDefinition></bpmn:startEvent>
                  <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Soon" targetRef="Task_Promote"/>
                  <bpmn:serviceTask id="Task_Promote"
                      camunda:expression="${identityService.createMembership('owner', 'camunda-admin')}"/>
                </bpmn:process>""");

        assertRefused(answer, "promote-owner.bpmn", "Task_Promote");
        assertThat(managementService.createJobQuery().processDefinitionKey("promote-owner").count()).isZero();
    }

    @Test
    void newVersionOfTheRequestProcessWithACommandIsRefusedAndTheCurrentOneStays() throws Exception {
        String current = repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(HandleRequestProcess.KEY).latestVersion().singleResult().getId();
        String shipped = Files.readString(Path.of("processes", "handle-request.bpmn"));
        String listener = "<extensionElements><camunda:executionListener event=\"start\" "
                + "expression=\"${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime')"
                + ".invoke(null).exec('touch " + marker + "')}\"/></extensionElements>";
        String tampered = shipped.replaceFirst("(<startEvent [^>]*>)", "$1" + Matcher.quoteReplacement(listener));
        assertThat(tampered).isNotEqualTo(shipped);

        ResponseEntity<String> answer = ModelerDeployment.deploy(rest.withBasicAuth(OWNER, "demo"),
                "handle-request.bpmn", tampered.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains("executionListener", "expression");
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(HandleRequestProcess.KEY)
                .latestVersion().singleResult().getId()).isEqualTo(current);
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    @Test
    void decisionTableInJuelIsRefused() throws Exception {
        byte[] table = Files.readString(Path.of("dmn", "guardrails.dmn"))
                .replaceFirst("<inputEntry id=\"([^\"]+)\">", "<inputEntry id=\"$1\" expressionLanguage=\"juel\">")
                .getBytes(StandardCharsets.UTF_8);

        ResponseEntity<String> answer = ModelerDeployment.deploy(rest.withBasicAuth(OWNER, "demo"), "guardrails.dmn", table);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains("juel is not FEEL");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    @Test
    void embeddedFormPageIsRefused() {
        ResponseEntity<String> answer = ModelerDeployment.deploy(rest.withBasicAuth(OWNER, "demo"), "review.html",
                "<script>fetch('/camunda/api/admin/auth/user/default')</script>".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    @Test
    void shippedModelsDeployAsModelerDoes() throws Exception {
        for (String model : new String[] {"processes/handle-request.bpmn", "dmn/guardrails.dmn", "forms/review-request.form"}) {
            Path file = Path.of(model);
            // A comment makes the content new, so the engine really parses and stores it.
            byte[] changed = (Files.readString(file) + (model.endsWith(".form") ? "\n" : "<!-- " + System.nanoTime() + " -->"))
                    .getBytes(StandardCharsets.UTF_8);

            ResponseEntity<String> answer = ModelerDeployment.deploy(rest.withBasicAuth(OWNER, "demo"),
                    file.getFileName().toString(), changed);

            assertThat(answer.getStatusCode()).as(model + ": " + answer.getBody()).isEqualTo(HttpStatus.OK);
        }
    }

    private ResponseEntity<String> deploy(String name, String process) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_Test"
                    targetNamespace="http://bpmn.io/schema/bpmn">
                %s
                </bpmn:definitions>""".formatted(process);
        return ModelerDeployment.deploy(rest.withBasicAuth(OWNER, "demo"), name, xml.getBytes(StandardCharsets.UTF_8));
    }

    private void assertRefused(ResponseEntity<String> answer, String resource, String elementId) throws Exception {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode body = json.readTree(answer.getBody());
        assertThat(body.path("type").asText()).isEqualTo("ParseException");
        JsonNode error = body.path("details").path(resource).path("errors").path(0);
        assertThat(error.path("mainElementId").asText()).isEqualTo(elementId);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    }
}
