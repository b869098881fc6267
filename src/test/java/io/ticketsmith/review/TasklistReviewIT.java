package io.ticketsmith.review;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.ticketsmith.fixtures.JiraCloudPayloads;
import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.support.ApiClient;
import io.ticketsmith.support.BrowserTest;
import io.ticketsmith.support.FakeJiraApi;
import io.ticketsmith.support.PostgresTestDatabase;
import io.ticketsmith.support.RequestProgress;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The review loop as reviewers and leads work it: the application runs on PostgreSQL with the job executor and a
 * Jira Cloud stub; three requests come in through the API and wait for review, one of them overdue (its timer is
 * fired, as time would), and {@code src/test/e2e/tasklist-review.mjs} drives headless Chromium through Tasklist:
 * filters and counts, claim and unclaim, editing and approving, a refused and an accepted rejection, every action
 * type's fields, the start form, the escalated task as a lead, and the review in Cockpit. Afterwards the test
 * checks what reached Jira and the engine.
 */
// Closed after the class: each integration test holds a pool of PostgreSQL connections, and kept open together
// they would use up the server's connections.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ticketsmith.security.demo-users=true", "ticketsmith.models.watch=false",
        "ticketsmith.jira.flavor=cloud", "ticketsmith.jira.username=ticketsmith-bot@acme.example",
        "ticketsmith.jira.api-token=browser-test-token"})
@ActiveProfiles("postgres")
class TasklistReviewIT {

    private static final String DEMO_PASSWORD = "demo";
    private static final String APPROVED_TEXT = "The login page gives a 500 since yesterday's deploy.";
    private static final String START_TEXT = "Tasklist start form check: the VPN drops every 20 minutes since the "
            + "router update. Call me back on +49 30 1234567.";

    @RegisterExtension
    static WireMockExtension jira = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.registerWithThrowawayAdmin(registry, "ticketsmith_tasklist_it");
        registry.add("ticketsmith.jira.base-url", jira::baseUrl);
    }

    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired ManagementService managementService;

    @Test
    void reviewersAndLeadsWorkRequestsInTasklistFromClaimToJira() throws Exception {
        FakeJiraApi.cloud(jira).createsBugInWeb("WEB-201");
        String approved = submit(APPROVED_TEXT);
        String rejected = submit("Could the settings page get a dark mode? Several customers asked for it.");
        String escalated = submit("The CSV export of the invoice list takes minutes since Monday.");
        Task approveTask = requests().awaitReviewTask(approved);
        Task rejectTask = requests().awaitReviewTask(rejected);
        Task escalatedTask = requests().awaitReviewTask(escalated);
        fireReviewOverdueTimer(escalated);
        assertThat(taskService.createTaskQuery().taskId(escalatedTask.getId()).singleResult().getPriority())
                .isEqualTo(escalatedTask.getPriority() + 25);

        BrowserTest.Run run = BrowserTest.run("tasklist-review.mjs", Map.of(
                "BASE_URL", "http://localhost:" + port,
                "APPROVE_TASK_ID", approveTask.getId(),
                "APPROVE_REQUEST_ID", approved,
                "REJECT_TASK_ID", rejectTask.getId(),
                "ESCALATED_TASK_ID", escalatedTask.getId(),
                "REVIEW_TASK_COUNT", "3",
                "START_TEXT", START_TEXT,
                "DEMO_PASSWORD", DEMO_PASSWORD));

        assertThat(run.exitCode()).as("browser test output:%n%s", run.output()).isZero();
        assertThat(run.output()).contains("ok - a reviewer claims a request, moves its issue to WEB",
                "ok - a rejection without a comment is refused", "ok - a lead finds the escalated review",
                "ok - an auditor sees in Cockpit who approved");

        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(requests().variable(approved, "outcome")));
        List<LoggedRequest> creates = jira.findAll(postRequestedFor(urlPathEqualTo(JiraCloudPayloads.API + "/issue")));
        assertThat(creates).as("exactly one issue is created, once").hasSize(1);
        jira.verify(1, postRequestedFor(urlPathEqualTo(JiraCloudPayloads.API + "/issue"))
                .withRequestBody(matchingJsonPath("$.fields.project.key", equalTo("WEB")))
                .withRequestBody(matchingJsonPath("$.fields.priority.name", equalTo("High")))
                .withRequestBody(matchingJsonPath("$.fields.labels[?(@ == 'login')]"))
                .withRequestBody(matchingJsonPath("$.fields.labels[?(@ == 'ai_fallback')]"))
                .withRequestBody(matchingJsonPath("$.fields.summary", equalTo(APPROVED_TEXT))));
        assertThat(requests().variable(approved, "reviewedBy")).isEqualTo("reviewer");

        assertThat(requests().variable(rejected, "outcome")).isEqualTo("REJECTED");
        assertThat(requests().variable(rejected, "reviewComment")).asString().contains("dark mode is on the roadmap");

        HistoricProcessInstance started = historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(HandleRequestProcess.KEY).startedBy("reviewer").singleResult();
        assertThat(started).as("the request submitted with the start form").isNotNull();
        assertThat(requests().variable(started.getBusinessKey(), "requestText")).asString()
                .startsWith("Tasklist start form check").doesNotContain("1234567");
        assertThat(requests().variable(started.getBusinessKey(), "replyTone")).isEqualTo("empathetic");

        Task escalatedNow = taskService.createTaskQuery().taskId(escalatedTask.getId()).singleResult();
        assertThat(escalatedNow.getAssignee()).as("the lead claimed the escalated review").isEqualTo("lead");
    }

    private String submit(String text) {
        return ApiClient.submit(rest, text);
    }

    /** The review's due date passes: its timer fires and the escalation offers the task to the leads. */
    private void fireReviewOverdueTimer(String requestId) {
        Job timer = managementService.createJobQuery().processInstanceId(requests().processInstanceId(requestId))
                .activityId("Event_ReviewOverdue").singleResult();
        managementService.executeJob(timer.getId());
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(requestId).singleResult();
        assertThat(taskService.getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId)
                .contains("reviewers", "leads");
    }

    private static HttpEntity<Object> json(Object body) {
        return ApiClient.json(body);
    }

    private RequestProgress requests() {
        return new RequestProgress(taskService, historyService);
    }
}
