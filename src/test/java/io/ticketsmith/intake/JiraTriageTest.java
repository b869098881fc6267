package io.ticketsmith.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Jira triage batch against a stub of Jira Cloud's paged JQL search. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ticketsmith.jira.flavor=cloud", "ticketsmith.jira.username=ticketsmith-bot@acme.example",
        "ticketsmith.jira.api-token=triage-test-token", "ticketsmith.triage.page-size=2",
        "ticketsmith.llm.worker=false", "ticketsmith.models.watch=false"})
@ActiveProfiles({"demo", "test"})
class JiraTriageTest {

    private static final String SEARCH = "/rest/api/3/search/jql";
    private static final String JQL = "(labels is EMPTY OR labels != ai_processed) AND statusCategory != Done ORDER BY created DESC";

    @RegisterExtension
    static WireMockExtension jira = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void jiraStub(DynamicPropertyRegistry registry) {
        registry.add("ticketsmith.jira.base-url", jira::baseUrl);
    }

    @Autowired TestRestTemplate rest;
    @Autowired RequestIntake intake;
    @Autowired RuntimeService runtimeService;
    @Autowired io.micrometer.core.instrument.MeterRegistry meters;

    /** A project of its own per test, so the tests do not see each other's requests. */
    private String project;

    @BeforeEach
    void threePagesOfUntriagedIssues() {
        project = "S" + java.util.concurrent.ThreadLocalRandom.current().ints(5, 'A', 'Z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        page(null, "[" + issue(key(1)) + "," + issue(key(2)) + "]", "CAAaAggB");
        page("CAAaAggB", "[" + issue(key(3)) + "," + issue(key(4)) + "]", "CAAaAggC");
        page("CAAaAggC", "[" + issue(key(5)) + "]", null);
    }

    private String key(int number) {
        return project + "-" + number;
    }

    @Test
    void batchStartsOneTriagePerNewIssueAcrossAllPagesAndSkipsKnownOnes() {
        submitExisting(key(2));
        double startedBefore = started();

        ResponseEntity<Map<String, Object>> run = runAs("operator");

        assertThat(run.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(run.getBody()).containsEntry("found", 5).containsEntry("started", 4).containsEntry("skipped", 1)
                .containsEntry("failed", 0);
        assertThat(started() - startedBefore).isEqualTo(4);
        assertThat(runtimeService.createProcessInstanceQuery().variableValueEquals("source", "jira")
                .variableValueEquals("externalId", key(5)).count()).isEqualTo(1);
        assertThat(runtimeService.getVariable(runtimeService.createProcessInstanceQuery()
                .variableValueEquals("externalId", key(1)).singleResult().getId(), "requestText"))
                .isEqualTo("Jira issue " + key(1) + " (Bug): Invoice PDF is empty\n\nThe download works but the PDF has no pages.");
    }

    @Test
    void secondRunFindsNothingNew() {
        runAs("operator");

        assertThat(runAs("operator").getBody()).containsEntry("found", 5).containsEntry("started", 0)
                .containsEntry("skipped", 5);
    }

    @Test
    void onlyOperatorsMayRunTheBatch() {
        assertThat(runAs("reviewer").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private double started() {
        var counter = meters.find("ticketsmith.triage.issues").tag("result", "started").counter();
        return counter == null ? 0 : counter.count();
    }

    private ResponseEntity<Map<String, Object>> runAs(String user) {
        return rest.withBasicAuth(user, "demo").exchange("/api/triage/run", HttpMethod.POST, null,
                new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { });
    }

    /** An issue the webhook already started triage of; a client's own id of the same text is no such issue. */
    private void submitExisting(String externalId) {
        intake.submit(new RequestIntake.NewRequest("Known ticket", "jira", null, externalId), "jira");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        rest.withBasicAuth("intake", "demo").exchange("/api/requests", HttpMethod.POST, new HttpEntity<>(
                "{\"text\":\"Known ticket\",\"externalId\":\"" + key(4) + "\"}", headers), String.class);
    }

    private static void page(String token, String issues, String next) {
        var search = get(urlPathEqualTo(SEARCH)).withQueryParam("jql", equalTo(JQL))
                .withQueryParam("nextPageToken", token == null ? absent() : equalTo(token));
        jira.stubFor(search.willReturn(okJson("{\"issues\":" + issues
                + (next == null ? ",\"isLast\":true}" : ",\"nextPageToken\":\"" + next + "\",\"isLast\":false}"))));
    }

    /** Jira as it answers the default query: issues without labels and issues with other labels, mixed. */
    private String issue(String key) {
        int number = Integer.parseInt(key.substring(key.indexOf('-') + 1));
        String labels = number % 2 == 0 ? "[\"customer\", \"checkout\"]" : "[]";
        return """
                {"id": "1%s", "key": "%s", "fields": {"summary": "Invoice PDF is empty",
                  "description": {"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [
                    {"type": "text", "text": "The download works but the PDF has no pages."}]}]},
                  "status": {"name": "Open", "statusCategory": {"key": "new"}}, "labels": %s,
                  "reporter": {"accountId": "5b10ac8d82e05b22cc7d4ef5", "displayName": "Ann Reporter"},
                  "issuetype": {"name": "Bug"}, "project": {"key": "%s"}}}""".formatted(number, key, labels, project);
    }
}
