package io.ticketsmith.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.support.PostgresTestDatabase;
import io.ticketsmith.support.RequestProgress;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A request started and reviewed through Tasklist's forms, on PostgreSQL with history level FULL and the job
 * executor running: the requests are submitted exactly as Tasklist submits them (engine REST {@code submit-form}
 * as the demo reviewer), then every text, varchar and bytea column of every table in the schema is searched for
 * the personal data as submitted. The PII vault is on, so its encrypted copies are searched too.
 */
// Closed after the class: each integration test holds a pool of PostgreSQL connections, and kept open together
// they would use up the server's connections.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ticketsmith.security.demo-users=true", "ticketsmith.models.watch=false",
        "ticketsmith.pii.restore-in-actions=true", "ticketsmith.pii.vault-key=MDEyMzQ1Njc4OWFiY2RlZg=="})
@ActiveProfiles("postgres")
class TasklistFormsPersonalDataIT {

    private static final Logger log = LoggerFactory.getLogger(TasklistFormsPersonalDataIT.class);
    private static final String SUBMIT_START_FORM = "/engine-rest/process-definition/key/" + HandleRequestProcess.KEY
            + "/submit-form";
    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() { };

    /** The personal data in every submitted text, each also in the spellings it could be stored in. */
    private static final List<String> PERSONAL_VALUES = List.of(
            "jane.roe@example.com", "jane.roe",
            "+49 170 1234567", "1701234567", "170 1234567",
            "DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "3704 0044 0532");
    /** Only in the part of a long text after the first 4000 characters, which the engine never keeps. */
    private static final List<String> PERSONAL_VALUES_IN_TAIL = List.of("max.tail@example.org", "max.tail");
    /** Where the request text is kept while the request runs, and after it ended. */
    private static final List<String> RUNNING = List.of("act_ru_variable.text_", "act_hi_varinst.text_",
            "act_hi_detail.text_");
    private static final List<String> ENDED = List.of("act_hi_varinst.text_", "act_hi_detail.text_");
    private static final String FILLER = "The PDF export stops at page three and the preview stays grey. ";

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.registerWithThrowawayAdmin(registry, "ticketsmith_tasklist_forms_it");
    }

    @Autowired TestRestTemplate rest;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired JdbcTemplate jdbc;

    @Test
    void shortTextFromTheStartFormIsKeptOnlyRedacted() {
        String marker = marker();

        String requestId = submitStartForm(personalSentence(marker));
        requests().awaitReviewTask(requestId);

        assertThat(requestText(requestId)).isEqualTo(redactedSentence(marker));
        assertThat(vaultPlaceholders(requestId)).as("encrypted originals while the request runs")
                .contains("[EMAIL_1]", "[PHONE_1]", "[IBAN_1]");
        assertKeptOnlyRedacted(marker, RUNNING);
    }

    @Test
    void textOverFourThousandCharactersFromTheStartFormStartsCutAndRedacted() {
        String marker = marker();
        String text = personalSentence(marker) + FILLER.repeat(90) + "Also cc max.tail@example.org.";
        assertThat(text.length()).isGreaterThan(5000);

        String requestId = submitStartForm(text);
        requests().awaitReviewTask(requestId);

        String kept = requestText(requestId);
        assertThat(kept).hasSize(4000).startsWith(redactedSentence(marker)).endsWith("…");
        assertThat(vaultPlaceholders(requestId)).as("encrypted originals while the request runs")
                .contains("[EMAIL_1]", "[PHONE_1]", "[IBAN_1]");
        assertKeptOnlyRedacted(marker, RUNNING);
    }

    @Test
    void reviewFormWithCommentOverFourThousandCharactersCompletesTheReview() {
        String marker = marker();
        String requestId = submitStartForm(personalSentence(marker));
        Task review = requests().awaitReviewTask(requestId);
        String comment = "Rejected " + marker + ": " + FILLER.repeat(80);

        TestRestTemplate reviewer = rest.withBasicAuth("reviewer", "demo");
        assertThat(reviewer.exchange("/engine-rest/task/" + review.getId() + "/claim", HttpMethod.POST,
                json(Map.of("userId", "reviewer")), Void.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        // As Tasklist submits the review form: its editable fields (the analysis it shows is disabled, not sent).
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("actions", Map.of("type", "Json",
                "value", taskService.getVariable(review.getId(), HandleRequestProcess.Variables.ACTIONS.name()).toString()));
        variables.put("reviewDecision", Map.of("value", HandleRequestProcess.ReviewDecision.REJECT));
        variables.put("reviewComment", Map.of("value", comment));
        ResponseEntity<String> submitted = reviewer.exchange("/engine-rest/task/" + review.getId() + "/submit-form",
                HttpMethod.POST, json(Map.of("variables", variables)), String.class);

        assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        String processInstanceId = requests().processInstanceId(requestId);
        await().atMost(Duration.ofSeconds(60)).until(() -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).finished().count() == 1);
        assertThat(requests().variable(requestId, "outcome")).isEqualTo("REJECTED");
        assertThat((String) requests().variable(requestId, "reviewComment"))
                .hasSize(4000).startsWith("Rejected " + marker).endsWith("…");
        assertKeptOnlyRedacted(marker, ENDED);
        assertThat(scan(List.of("Rejected " + marker)).get("Rejected " + marker))
                .as("the comment is kept, cut").contains("act_hi_varinst.text_", "act_hi_detail.text_");
    }

    /**
     * No personal value as submitted is anywhere in the database, while the redacted text of the request marked
     * {@code marker} is found where the engine keeps its variables: so the scan reads the columns the text went to.
     */
    private void assertKeptOnlyRedacted(String marker, List<String> variableColumns) {
        String redacted = redactedSentence(marker);
        List<String> needles = new java.util.ArrayList<>(PERSONAL_VALUES);
        needles.addAll(PERSONAL_VALUES_IN_TAIL);
        needles.add(redacted);
        Map<String, Set<String>> found = scan(needles);

        for (String personal : needles.subList(0, needles.size() - 1)) {
            assertThat(found.get(personal)).as("columns holding \"%s\"", personal).isEmpty();
        }
        assertThat(found.get(redacted)).as("columns holding the redacted request")
                .containsAll(variableColumns);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_hi_detail WHERE type_ = 'FormProperty'", Long.class))
                .as("form-property history records").isZero();
    }

    /**
     * Every text, varchar and bytea column of every table in the current schema, read whole; byte arrays are decoded
     * as UTF-8. Matching ignores case.
     *
     * @return for each needle the columns ({@code table.column}) holding it in at least one row
     */
    private Map<String, Set<String>> scan(List<String> needles) {
        Map<String, List<String>> columnsByTable = new TreeMap<>();
        jdbc.query("""
                SELECT c.table_name, c.column_name FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
                  AND c.data_type IN ('character varying', 'character', 'text', 'bytea')
                ORDER BY c.table_name, c.ordinal_position""",
                row -> {
                    columnsByTable.computeIfAbsent(row.getString(1), table -> new java.util.ArrayList<>())
                            .add(row.getString(2));
                });
        Map<String, Set<String>> found = new LinkedHashMap<>();
        needles.forEach(needle -> found.put(needle, new LinkedHashSet<>()));
        long[] values = {0};
        columnsByTable.forEach((table, columns) -> {
            String select = columns.stream().map(column -> '"' + column + '"').collect(Collectors.joining(", "));
            jdbc.query("SELECT " + select + " FROM \"" + table + '"', row -> {
                for (int i = 0; i < columns.size(); i++) {
                    Object value = row.getObject(i + 1);
                    if (value == null) {
                        continue;
                    }
                    values[0]++;
                    String text = (value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                            : value.toString()).toLowerCase(Locale.ROOT);
                    for (String needle : needles) {
                        if (text.contains(needle.toLowerCase(Locale.ROOT))) {
                            found.get(needle).add(table + "." + columns.get(i));
                        }
                    }
                }
            });
        });
        assertThat(columnsByTable).as("tables of the engine and of Ticketsmith")
                .containsKeys("act_ge_bytearray", "act_hi_detail", "act_hi_varinst", "act_ru_variable",
                        "act_hi_op_log", "ts_request", "ts_pii_vault");
        log.info("Scanned {} values in {} columns of {} tables: {}", values[0],
                columnsByTable.values().stream().mapToInt(List::size).sum(), columnsByTable.size(), found);
        return found;
    }

    /** As Tasklist submits the start form {@code forms/new-request.form}: untyped values, one per field. */
    private String submitStartForm(String text) {
        Map<String, Object> variables = Map.of(
                "requestText", Map.of("value", text),
                "reporter", Map.of("value", "Service desk"),
                "source", Map.of("value", "tasklist"));
        ResponseEntity<Map<String, Object>> response = rest.withBasicAuth("reviewer", "demo").exchange(
                SUBMIT_START_FORM, HttpMethod.POST, json(Map.of("variables", variables)), OBJECT);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody().get("businessKey").toString();
    }

    private String requestText(String requestId) {
        return (String) runtimeService.getVariable(requests().processInstanceId(requestId),
                HandleRequestProcess.Variables.REQUEST_TEXT.name());
    }

    private List<String> vaultPlaceholders(String requestId) {
        return jdbc.queryForList("SELECT placeholder FROM ts_pii_vault WHERE request_id = ?", String.class, requestId);
    }

    /** A word that no redaction touches and no other test uses, to find this test's request in the scan. */
    private static String marker() {
        return "marker" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    }

    private static String personalSentence(String marker) {
        return marker + " cannot log in. Write to jane.roe@example.com, call +49 170 1234567, "
                + "refund to DE89 3704 0044 0532 0130 00. ";
    }

    private static String redactedSentence(String marker) {
        return marker + " cannot log in. Write to [EMAIL_1], call [PHONE_1], refund to [IBAN_1]. ";
    }

    private static HttpEntity<Object> json(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private RequestProgress requests() {
        return new RequestProgress(taskService, historyService);
    }
}
