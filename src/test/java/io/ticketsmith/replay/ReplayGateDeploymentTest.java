package io.ticketsmith.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketsmith.security.ModelerDeployment;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** The replay gate on real deployments: the engine API as the model folders use it, and Modeler's REST call. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ticketsmith.replay.gate.enabled=true", "ticketsmith.replay.gate.min-requests=5",
        "ticketsmith.replay.gate.min-auto-precision=0.95"})
@ActiveProfiles({"demo", "test"})
class ReplayGateDeploymentTest {

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TestRestTemplate rest;

    private static boolean recorded;

    @BeforeEach
    void recordHistory() {
        if (recorded) {
            return;
        }
        new RecordedHistory(repository, runtime).recordReviewedRequests();
        recorded = true;
    }

    @Test
    void versionThatWouldRunWhatReviewersEditedIsRefusedNamingTheFigures() {
        long versions = guardrailsVersions();

        assertThatThrownBy(() -> repository.createDeployment().name("guardrails.dmn")
                .addString("guardrails.dmn", ReplayTables.table(0.6)).deploy())
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("AUTO precision 0.429")
                .hasMessageContaining("7 recorded requests");
        assertThat(guardrailsVersions()).isEqualTo(versions);
    }

    @Test
    void modelerDeploymentOfSuchAVersionIsAnsweredWith400AndTheFigures() {
        long versions = guardrailsVersions();

        ResponseEntity<String> response = ModelerDeployment.deploy(rest.withBasicAuth("owner", "demo"),
                "guardrails.dmn", ReplayTables.bytes(ReplayTables.table(0.6)));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("AUTO precision 0.429");
        assertThat(guardrailsVersions()).isEqualTo(versions);
    }

    @Test
    void versionThatRunsOnlyWhatReviewersApprovedUnchangedIsDeployed() {
        long versions = guardrailsVersions();

        repository.createDeployment().name("guardrails.dmn").addString("guardrails.dmn", ReplayTables.table(0.9))
                .deploy();

        assertThat(guardrailsVersions()).isEqualTo(versions + 1);
    }

    private long guardrailsVersions() {
        return repository.createDecisionDefinitionQuery().decisionDefinitionKey("guardrails").count();
    }
}
