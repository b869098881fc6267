package io.ticketsmith.review.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.ticketsmith.request.HandleRequestProcess.Elements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.micrometer.core.instrument.MeterRegistry;

import io.ticketsmith.request.AnalyzeRequestWorker;
import io.ticketsmith.security.TicketsmithGroups;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Notifications are off unless {@code ticketsmith.notifications.enabled} is set: with an SMTP server and a webhook
 * configured for the reviewers but nothing enabled, a review and its escalation tell nobody.
 */
@SpringBootTest(properties = {
        "ticketsmith.llm.worker=false",
        "ticketsmith.models.watch=false",
        "ticketsmith.notifications.groups.reviewers.mail=true",
        "ticketsmith.notifications.groups.leads.mail=true"})
@ActiveProfiles({"demo", "test"})
class ReviewNotificationsOffTest {

    private static final String SLACK_PATH = "/services/T0001/B0001/s3cr3tSlackToken";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @RegisterExtension
    static WireMockExtension chat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("ticketsmith.notifications.groups.reviewers.webhook-url", () -> chat.url(SLACK_PATH));
    }

    @Autowired ProcessEngine engine;
    @Autowired AnalyzeRequestWorker worker;
    @Autowired ReviewNotifier notifier;
    @Autowired MeterRegistry meters;

    @Test
    void reviewAndEscalationTellNobodyUnlessNotificationsAreEnabled() {
        init(engine);
        chat.stubFor(post(urlEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));

        ProcessInstance request = ReviewRequests.waitingForReview(engine, worker, "REQ-" + UUID.randomUUID());
        engine.getManagementService().executeJob(ReviewRequests.jobAt(engine, request, Elements.REVIEW_OVERDUE).getId());

        assertThat(notifier.isEnabled()).isFalse();
        assertThat(request).isWaitingAt(Elements.REVIEW_PROPOSED_ACTIONS);
        assertThat(task(request)).hasCandidateGroup(TicketsmithGroups.LEADS);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                smtp.getReceivedMessages().length == 0 && chat.getAllServeEvents().isEmpty());
        assertThat(meters.find("ticketsmith.notifications").counters()).isEmpty();
    }
}
