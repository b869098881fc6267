package io.ticketsmith.review.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.ticketsmith.request.HandleRequestProcess.Elements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.ticketsmith.request.AnalyzeRequestWorker;
import io.ticketsmith.security.TicketsmithGroups;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Review notifications in the running application: a request reaches review and its reviewers are told by e-mail
 * (GreenMail, a real SMTP server) and Slack; its escalation tells the leads by e-mail and Teams (WireMock as the
 * webhooks). Nobody is told before the engine's transaction has committed, and a mail server and a webhook that are
 * down neither hold up nor fail the request.
 */
@SpringBootTest(properties = {
        "ticketsmith.llm.worker=false",
        "ticketsmith.models.watch=false",
        "ticketsmith.notifications.enabled=true",
        "ticketsmith.notifications.tasklist-base-url=https://ticketsmith.example.com/",
        "ticketsmith.notifications.mail.from=ticketsmith@example.com",
        "ticketsmith.notifications.retry-delays=1s,1s",
        "ticketsmith.notifications.groups.reviewers.mail=true",
        "ticketsmith.notifications.groups.reviewers.mail-to=review-team@example.com",
        "ticketsmith.notifications.groups.leads.mail=true",
        "ticketsmith.notifications.groups.leads.webhook-format=teams"})
@ActiveProfiles({"demo", "test"})
class ReviewNotificationsProcessTest {

    private static final String SLACK_PATH = "/services/T0001/B0001/s3cr3tSlackToken";
    private static final String TEAMS_PATH = "/webhookb2/1234@5678/IncomingWebhook/s3cr3tTeamsToken";
    private static final String TASK_LINK = "https://ticketsmith.example.com/camunda/app/tasklist/default/#/?task=";
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");
    /** Fixed, so the application keeps reaching the server that each test starts anew (or stops). */
    private static final int SMTP_PORT = ReviewNotifierTest.closedPort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP));

    @RegisterExtension
    static WireMockExtension chat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("ticketsmith.notifications.groups.reviewers.webhook-url", () -> chat.url(SLACK_PATH));
        registry.add("ticketsmith.notifications.groups.leads.webhook-url", () -> chat.url(TEAMS_PATH));
    }

    @Autowired ProcessEngine engine;
    @Autowired TaskService taskService;
    @Autowired AnalyzeRequestWorker worker;
    @Autowired ReviewNotifier notifier;
    @Autowired MeterRegistry meters;
    @Autowired PlatformTransactionManager transactionManager;

    @BeforeEach
    void setUp() {
        init(engine);
        chat.stubFor(post(urlEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        chat.stubFor(post(urlEqualTo(TEAMS_PATH)).willReturn(aResponse().withStatus(200).withBody("1")));
    }

    @AfterEach
    void deliveriesFinished() {
        await().atMost(Duration.ofSeconds(30)).until(() -> notifier.pending() == 0);
    }

    @Test
    void reviewersAreToldByEmailAndSlackWhenAReviewWaitsForThem() throws Exception {
        String requestId = "REQ-" + UUID.randomUUID();

        ProcessInstance request = ReviewRequests.waitingForReview(engine, worker, requestId);

        Task task = reviewTask(request);
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 2);
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(addresses(mail.getAllRecipients()))
                .as("the reviewers group's user and its configured address")
                .containsExactlyInAnyOrder("reviewer@ticketsmith.example", "review-team@example.com");
        assertThat(mail.getSubject()).isEqualTo("[Ticketsmith] Review waiting for reviewers: request " + requestId);
        assertThat(mail.getContent().toString())
                .contains("Request:    " + requestId)
                .contains("Summary:    " + ReviewRequests.REDACTED_SUMMARY)
                .contains("Why review: " + ReviewRequests.FALLBACK_REASON)
                .contains("Due:        " + due(task))
                .contains("Escalated:  no")
                .contains(TASK_LINK + task.getId())
                .doesNotContain("dana@example.com");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> chat.verify(1, postRequestedFor(urlEqualTo(SLACK_PATH))
                .withRequestBody(equalToJson("""
                        {
                          "text": "Review waiting for reviewers: request %1$s\\n%2$s\\n<%3$s|Open in Tasklist>",
                          "blocks": [
                            {"type": "section", "text": {"type": "mrkdwn",
                              "text": "*Review waiting for reviewers: request %1$s*\\n%2$s"}},
                            {"type": "section", "fields": [
                              {"type": "mrkdwn", "text": "*Why review*\\n%4$s"},
                              {"type": "mrkdwn", "text": "*Due*\\n%5$s"},
                              {"type": "mrkdwn", "text": "*Escalated*\\nno"}]},
                            {"type": "actions", "elements": [
                              {"type": "button", "text": {"type": "plain_text", "text": "Open in Tasklist"}, "url": "%3$s"}]}
                          ]
                        }""".formatted(requestId, ReviewRequests.REDACTED_SUMMARY, TASK_LINK + task.getId(),
                        ReviewRequests.FALLBACK_REASON, due(task))))));
        chat.verify(0, postRequestedFor(urlEqualTo(TEAMS_PATH)));
    }

    @Test
    void leadsAreToldByEmailAndTeamsThatAnOverdueReviewIsEscalatedToThem() throws Exception {
        String requestId = "REQ-" + UUID.randomUUID();
        ProcessInstance request = ReviewRequests.waitingForReview(engine, worker, requestId);
        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.pending() == 0);
        smtp.purgeEmailFromAllMailboxes();
        chat.resetRequests();

        engine.getManagementService().executeJob(ReviewRequests.jobAt(engine, request, Elements.REVIEW_OVERDUE).getId());

        Task task = reviewTask(request);
        assertThat(task).hasCandidateGroup(TicketsmithGroups.LEADS);
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 1);
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(addresses(mail.getAllRecipients())).containsExactly("lead@ticketsmith.example");
        assertThat(mail.getSubject())
                .isEqualTo("[Ticketsmith] Review overdue, escalated to leads: request " + requestId);
        assertThat(mail.getContent().toString())
                .contains("The review is overdue and is now offered to leads as well.")
                .contains("Summary:    " + ReviewRequests.REDACTED_SUMMARY)
                .contains("Why review: " + ReviewRequests.FALLBACK_REASON)
                .contains("Due:        " + due(task))
                .contains("Escalated:  yes")
                .contains(TASK_LINK + task.getId());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> chat.verify(1, postRequestedFor(urlEqualTo(TEAMS_PATH))
                .withRequestBody(equalToJson("""
                        {
                          "@type": "MessageCard",
                          "@context": "https://schema.org/extensions",
                          "summary": "Review overdue, escalated to leads: request %1$s",
                          "themeColor": "D83B01",
                          "title": "Review overdue, escalated to leads: request %1$s",
                          "text": "%2$s",
                          "sections": [{"facts": [
                            {"name": "Why review", "value": "%3$s"},
                            {"name": "Due", "value": "%4$s"},
                            {"name": "Escalated", "value": "yes"}]}],
                          "potentialAction": [{"@type": "OpenUri", "name": "Open in Tasklist",
                            "targets": [{"os": "default", "uri": "%5$s"}]}]
                        }""".formatted(requestId, ReviewRequests.REDACTED_SUMMARY, ReviewRequests.FALLBACK_REASON,
                        due(task), TASK_LINK + task.getId())))));
        assertThat(request).isWaitingAt(Elements.REVIEW_PROPOSED_ACTIONS);
        chat.verify(0, postRequestedFor(urlEqualTo(SLACK_PATH)));
    }

    @Test
    void mailServerAndWebhookDownNeitherHoldUpNorFailTheRequest() {
        smtp.stop();
        chat.stubFor(post(urlEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(500)));
        double mailFailed = count("mail", "failed");
        double mailRetried = count("mail", "retried");
        double webhookFailed = count("webhook", "failed");
        double webhookRetried = count("webhook", "retried");

        ProcessInstance request = ReviewRequests.waitingForReview(engine, worker, "REQ-" + UUID.randomUUID());

        // The command that created the task has returned, and both deliveries still wait for their retries.
        assertThat(notifier.pending()).isEqualTo(2);
        assertThat(count("mail", "failed") - mailFailed).isZero();
        assertThat(count("webhook", "failed") - webhookFailed).isZero();
        Task task = reviewTask(request);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(count("mail", "failed") - mailFailed).isEqualTo(1);
            assertThat(count("webhook", "failed") - webhookFailed).isEqualTo(1);
        });
        assertThat(count("mail", "retried") - mailRetried).isEqualTo(2);
        assertThat(count("webhook", "retried") - webhookRetried).isEqualTo(2);
        chat.verify(3, postRequestedFor(urlEqualTo(SLACK_PATH)));

        taskService.complete(task.getId(), Map.of("reviewDecision", "reject", "reviewComment", "Not this quarter"));
        assertThat(request).isEnded().hasPassed(Elements.END_REJECTED);
    }

    @Test
    void nobodyIsToldAboutAReviewTaskWhoseTransactionRolledBack() {
        String requestId = "REQ-" + UUID.randomUUID();

        // The engine joins the surrounding transaction, so everything up to the review task is undone with it.
        new TransactionTemplate(transactionManager).executeWithoutResult(transaction -> {
            ReviewRequests.waitingForReview(engine, worker, requestId);
            transaction.setRollbackOnly();
        });

        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(requestId).count())
                .isZero();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                smtp.getReceivedMessages().length == 0 && chat.getAllServeEvents().isEmpty()
                        && notifier.pending() == 0);
    }

    private Task reviewTask(ProcessInstance request) {
        return taskService.createTaskQuery().processInstanceId(request.getId())
                .taskDefinitionKey(Elements.REVIEW_PROPOSED_ACTIONS).singleResult();
    }

    private static String due(Task task) {
        return DUE.format(task.getDueDate().toInstant().atZone(ZoneId.of("UTC")));
    }

    private double count(String channel, String result) {
        Counter counter = meters.find("ticketsmith.notifications").tags("channel", channel, "result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<String> addresses(Address[] addresses) {
        return Arrays.stream(addresses).map(Address::toString).toList();
    }
}
