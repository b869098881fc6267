package io.ticketsmith.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.ticketsmith.models.ModelDeployer;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** What-if replays through the API, over history the engine recorded, as owners, auditors and others call them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ReplayApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @Autowired
    TestRestTemplate rest;

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    @Autowired
    ManagementService management;

    @Autowired
    HistoryService history;

    @Autowired
    JdbcTemplate jdbc;

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
    void ownerReplaysAnUploadedTableAndSeesRouteChangesAndPrecision() {
        ResponseEntity<Map<String, Object>> started = post("owner", Map.of("dmnXml", ReplayTables.table(0.6)));

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = (String) started.getBody().get("id");
        assertThat(started.getHeaders().getLocation()).hasToString("/api/replays/" + id);

        ResponseEntity<Map<String, Object>> read = rest.withBasicAuth("owner", "demo")
                .exchange("/api/replays/" + id, HttpMethod.GET, null, JSON);
        Map<String, Object> report = report(read.getBody());
        assertThat(report.get("requests")).isEqualTo(7);
        Map<String, Object> candidate = figures(report, "candidate");
        assertThat(candidate.get("auto")).isEqualTo(7);
        assertThat(candidate.get("autoReviewed")).isEqualTo(7);
        assertThat(candidate.get("autoApprovedUnchanged")).isEqualTo(3);
        assertThat(candidate.get("autoEdited")).isEqualTo(3);
        assertThat(candidate.get("autoRejected")).isEqualTo(1);
        assertThat((Double) candidate.get("autoPrecision")).isEqualTo(3 / 7.0);
        List<Map<String, Object>> changes = routeChanges(report);
        assertThat(changes).isNotEmpty().allSatisfy(change -> assertThat(change.get("to")).isEqualTo("AUTO"));
        assertThat(changes.stream().flatMap(change -> ((List<?>) change.get("requestIds")).stream()).map(String::valueOf))
                .contains("REQ-UNSURE-0", "REQ-REJECTED");
    }

    @Test
    void routeChangesExportAsCsv() {
        String id = (String) post("auditor", Map.of("dmnXml", ReplayTables.table(0.6))).getBody().get("id");

        ResponseEntity<String> csv = rest.withBasicAuth("auditor", "demo")
                .getForEntity("/api/replays/" + id + "?format=csv", String.class);

        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getBody()).startsWith("from,to,requestId").contains(",AUTO,\"REQ-REJECTED\",");
    }

    @Test
    void auditorReplaysAnUploadedFile() {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(ReplayTables.bytes(ReplayTables.table(0.9))) {
            @Override
            public String getFilename() {
                return "guardrails.dmn";
            }
        });
        form.add("category", "bug");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);

        ResponseEntity<Map<String, Object>> started = rest.withBasicAuth("auditor", "demo")
                .exchange("/api/replays", HttpMethod.POST, new HttpEntity<>(form, headers), JSON);

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Map<String, Object> candidate = figures(report(started.getBody()), "candidate");
        assertThat(candidate.get("auto")).isEqualTo(3);
        assertThat(candidate.get("autoPrecision")).isEqualTo(1.0);
    }

    @Test
    void deployedVersionIsReplayedAgainstTheCurrentTable() {
        int latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey("guardrails").latestVersion()
                .singleResult().getVersion();

        ResponseEntity<Map<String, Object>> started = post("owner", Map.of("deployedVersion", latest));

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Map<String, Object> report = report(started.getBody());
        assertThat(report.get("baseline")).isEqualTo("current");
        assertThat(routeChanges(report)).isEmpty();
        assertThat(report.get("requests")).isEqualTo(7);
    }

    @Test
    void reviewersLeadsAndApiClientsMayNotReplay() {
        for (String user : List.of("reviewer", "lead", "intake", "operator")) {
            assertThat(post(user, Map.of("dmnXml", ReplayTables.table(0.6))).getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        String id = (String) post("owner", Map.of("dmnXml", ReplayTables.table(0.6))).getBody().get("id");
        assertThat(rest.withBasicAuth("reviewer", "demo").getForEntity("/api/replays/" + id, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void candidateReadingAnInputTheHistoryLacksIsRefusedNamingItAndChangesNothing() {
        Counts before = counts();

        ResponseEntity<Map<String, Object>> refused = post("owner",
                Map.of("dmnXml", ReplayTables.table(0.6, "lowestConfidence")));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) refused.getBody().get("detail")).contains("'lowestConfidence'");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void candidateThatDoesNotParseIsRefusedAndChangesNothing() {
        Counts before = counts();

        ResponseEntity<Map<String, Object>> refused = post("owner", Map.of("dmnXml", "<definitions>"));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) refused.getBody().get("detail")).contains("uploaded table");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void replayLeavesDeploymentsRuntimeAndTheActionLedgerAsTheyWere() {
        Counts before = counts();

        assertThat(post("owner", Map.of("dmnXml", ReplayTables.table(0.6))).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post("owner", Map.of("currentFile", true)).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        assertThat(counts()).isEqualTo(before);
    }

    private record Counts(long deployments, long decisionDefinitions, long executions, long tasks, long jobs,
            long historicDecisions, long ledger) {
    }

    private Counts counts() {
        return new Counts(repository.createDeploymentQuery().count(), repository.createDecisionDefinitionQuery().count(),
                runtime.createExecutionQuery().count(), tasks.createTaskQuery().count(),
                management.createJobQuery().count(), history.createHistoricDecisionInstanceQuery().count(),
                jdbc.queryForObject("select count(*) from ts_action_ledger", Long.class));
    }

    private ResponseEntity<Map<String, Object>> post(String user, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, "demo").exchange("/api/replays", HttpMethod.POST,
                new HttpEntity<>(body, headers), JSON);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> report(Map<String, Object> run) {
        return (Map<String, Object>) run.get("report");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> figures(Map<String, Object> report, String table) {
        return (Map<String, Object>) ((Map<String, Object>) report.get("figures")).get(table);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> routeChanges(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("routeChanges");
    }
}
