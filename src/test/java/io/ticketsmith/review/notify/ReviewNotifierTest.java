package io.ticketsmith.review.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.ticketsmith.observability.TicketsmithMetrics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.web.client.RestClient;

/**
 * The notifier alone, without the engine: real SMTP (GreenMail) and real HTTP (WireMock) peers, the exact payloads
 * Slack and Teams receive, retries, refusals and the queue bound.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReviewNotifierTest {

    private static final String SLACK_PATH = "/services/T0001/B0001/s3cr3tSlackToken";
    private static final String TEAMS_PATH = "/webhookb2/1234@5678/IncomingWebhook/s3cr3tTeamsToken";
    private static final Instant DUE = Instant.parse("2026-11-23T13:00:00Z");
    private static final String LINK = "https://ticketsmith.example.com/camunda/app/tasklist/default/#/?task=task-42";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @RegisterExtension
    static WireMockExtension chat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final TicketsmithMetrics metrics = mock(TicketsmithMetrics.class);
    private ReviewNotifier notifier;

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
    }

    @Test
    void reviewersAreEmailedWithSummaryReasonDueDateAndTaskLink() throws Exception {
        notifier = notifier(smtp.getSmtp().getPort(), group(true, List.of("review-team@example.com"), null, null),
                groupId -> List.of("riley@example.com", "Review-Team@example.com"));

        notifier.notify(notice("REQ-7", false));

        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 2);
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(addresses(mail.getRecipients(Message.RecipientType.TO)))
                .as("members and mail-to, each address once")
                .containsExactly("riley@example.com", "Review-Team@example.com");
        assertThat(addresses(mail.getFrom())).containsExactly("ticketsmith@example.com");
        assertThat(mail.getSubject()).isEqualTo("[Ticketsmith] Review waiting for reviewers: request REQ-7");
        assertThat(mail.getContent().toString()).isEqualToNormalizingNewlines("""
                Review waiting for reviewers: request REQ-7

                Request:    REQ-7
                Summary:    Export to CSV drops the last row for [EMAIL_1]
                Why review: The AI is not confident about its analysis (confidence below 0.8)
                Due:        2026-11-23 13:00 UTC
                Escalated:  no

                Open the task in Tasklist:
                %s""".formatted(LINK));
        verify(metrics, times(1)).notification("mail", "sent");
    }

    @Test
    void escalationEmailSaysTheReviewIsOverdue() throws Exception {
        notifier = notifier(smtp.getSmtp().getPort(), group(false, List.of("leads@example.com"), null, null),
                groupId -> List.of());

        notifier.notify(notice("REQ-8", true));

        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 1);
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[Ticketsmith] Review overdue, escalated to reviewers: request REQ-8");
        assertThat(mail.getContent().toString())
                .contains("The review is overdue and is now offered to reviewers as well.")
                .contains("Escalated:  yes");
    }

    @Test
    void anInvalidAddressInTheUserStoreDoesNotKeepTheOthersFromBeingTold(CapturedOutput output) throws Exception {
        notifier = notifier(smtp.getSmtp().getPort(), group(true, List.of(), null, null),
                groupId -> List.of("riley at example", "avery@example.com"));

        notifier.notify(notice("REQ-9", false));

        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 1);
        assertThat(addresses(smtp.getReceivedMessages()[0].getAllRecipients())).containsExactly("avery@example.com");
        await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("1 address(es) of group reviewers"));
        assertThat(ours(output)).doesNotContain("riley at example").doesNotContain("avery@example.com");
    }

    @Test
    void slackReceivesTextAndBlocksWithEverythingEscaped() {
        chat.stubFor(post(urlEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
        notifier = notifier(closedPort(), group(false, List.of(), chat.url(SLACK_PATH), "slack"), groupId -> List.of());

        notifier.notify(new ReviewNotice("REQ-10", "task-42", "reviewers",
                "Refund <!channel> & <https://evil.example|click>", "Amount > 500 & unhappy customer", DUE, false));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> chat.verify(1, postRequestedFor(urlEqualTo(SLACK_PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {
                          "text": "Review waiting for reviewers: request REQ-10\\nRefund &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;\\n<%1$s|Open in Tasklist>",
                          "blocks": [
                            {"type": "section", "text": {"type": "mrkdwn",
                              "text": "*Review waiting for reviewers: request REQ-10*\\nRefund &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;"}},
                            {"type": "section", "fields": [
                              {"type": "mrkdwn", "text": "*Why review*\\nAmount &gt; 500 &amp; unhappy customer"},
                              {"type": "mrkdwn", "text": "*Due*\\n2026-11-23 13:00 UTC"},
                              {"type": "mrkdwn", "text": "*Escalated*\\nno"}]},
                            {"type": "actions", "elements": [
                              {"type": "button", "text": {"type": "plain_text", "text": "Open in Tasklist"}, "url": "%1$s"}]}
                          ]
                        }""".formatted(LINK)))));
        verify(metrics, times(1)).notification("webhook", "sent");
    }

    @Test
    void teamsReceivesAMessageCardWithFactsAndTheTaskLink() {
        chat.stubFor(post(urlEqualTo(TEAMS_PATH)).willReturn(aResponse().withStatus(200).withBody("1")));
        notifier = notifier(closedPort(), group(false, List.of(), chat.url(TEAMS_PATH), "teams"), groupId -> List.of());

        notifier.notify(notice("REQ-11", true));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> chat.verify(1, postRequestedFor(urlEqualTo(TEAMS_PATH))
                .withRequestBody(equalToJson("""
                        {
                          "@type": "MessageCard",
                          "@context": "https://schema.org/extensions",
                          "summary": "Review overdue, escalated to reviewers: request REQ-11",
                          "themeColor": "D83B01",
                          "title": "Review overdue, escalated to reviewers: request REQ-11",
                          "text": "Export to CSV drops the last row for [EMAIL_1]",
                          "sections": [{"facts": [
                            {"name": "Why review", "value": "The AI is not confident about its analysis (confidence below 0.8)"},
                            {"name": "Due", "value": "2026-11-23 13:00 UTC"},
                            {"name": "Escalated", "value": "yes"}]}],
                          "potentialAction": [{"@type": "OpenUri", "name": "Open in Tasklist",
                            "targets": [{"os": "default", "uri": "%s"}]}]
                        }""".formatted(LINK)))));
    }

    @Test
    void teamsThrottlingAnsweredWith200IsRetried() {
        // Teams' connectors answer a throttled post with 200 and the error in the body.
        chat.stubFor(post(urlEqualTo(TEAMS_PATH)).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200)
                        .withBody("Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0,server=msgapi"))
                .willSetStateTo("calm"));
        chat.stubFor(post(urlEqualTo(TEAMS_PATH)).inScenario("throttled").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(200).withBody("1")));
        notifier = notifier(closedPort(), group(false, List.of(), chat.url(TEAMS_PATH), "teams"), groupId -> List.of());

        notifier.notify(notice("REQ-12", false));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(metrics).notification("webhook", "sent"));
        chat.verify(2, postRequestedFor(urlEqualTo(TEAMS_PATH)));
        verify(metrics).notification("webhook", "retried");
    }

    @Test
    void webhookAnswering500IsTriedOnceMorePerConfiguredWaitThenCountedAsFailed() {
        chat.stubFor(post(urlEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(500)));
        notifier = notifier(closedPort(), group(false, List.of(), chat.url(SLACK_PATH), "slack"), groupId -> List.of());

        notifier.notify(notice("REQ-13", false));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(metrics).notification("webhook", "failed"));
        chat.verify(3, postRequestedFor(urlEqualTo(SLACK_PATH)));
        verify(metrics, times(2)).notification("webhook", "retried");
        verify(metrics, never()).notification("webhook", "sent");
        assertThat(notifier.pending()).isZero();
    }

    @Test
    void rateLimitedWebhookIsTriedAgainNoSoonerThanRetryAfter() {
        chat.stubFor(post(urlEqualTo(SLACK_PATH)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("rate_limited"))
                .willSetStateTo("free"));
        chat.stubFor(post(urlEqualTo(SLACK_PATH)).inScenario("limited").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        notifier = notifier(closedPort(), group(false, List.of(), chat.url(SLACK_PATH), "slack"), groupId -> List.of());

        notifier.notify(notice("REQ-14", false));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(metrics).notification("webhook", "sent"));
        List<ServeEvent> posts = chat.getAllServeEvents();
        assertThat(posts).hasSize(2);
        Instant first = posts.get(1).getRequest().getLoggedDate().toInstant();
        Instant second = posts.get(0).getRequest().getLoggedDate().toInstant();
        // The configured wait is 50 ms; Slack asked for a second.
        assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void webhookRefusingThePostIsNotRetried() {
        chat.stubFor(post(urlEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(404).withBody("no_service")));
        notifier = notifier(closedPort(), group(false, List.of(), chat.url(SLACK_PATH), "slack"), groupId -> List.of());

        notifier.notify(notice("REQ-15", false));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(metrics).notification("webhook", "failed"));
        chat.verify(1, postRequestedFor(urlEqualTo(SLACK_PATH)));
        verify(metrics, never()).notification("webhook", "retried");
    }

    @Test
    void smtpServerDownIsRetriedAndCountedAsFailedWithoutAddressesInTheLog(CapturedOutput output) {
        notifier = notifier(closedPort(), group(true, List.of("review-team@example.com"), null, null),
                groupId -> List.of("riley@example.com"));

        notifier.notify(notice("REQ-16", false));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(metrics).notification("mail", "failed"));
        verify(metrics, times(2)).notification("mail", "retried");
        assertThat(ours(output)).contains("Request REQ-16: review notification to reviewers by e-mail not delivered")
                .contains("ConnectException")
                .doesNotContain("riley@example.com").doesNotContain("review-team@example.com")
                .doesNotContain("Export to CSV");
    }

    @Test
    void unreachableWebhookIsLoggedByItsHostOnly(CapturedOutput output) {
        int port = closedPort();
        String url = "http://127.0.0.1:" + port + SLACK_PATH;
        notifier = notifier(closedPort(), group(false, List.of(), url, "slack"), groupId -> List.of());

        notifier.notify(notice("REQ-17", false));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(metrics).notification("webhook", "failed"));
        assertThat(ours(output)).contains("at 127.0.0.1").doesNotContain("s3cr3tSlackToken").doesNotContain(SLACK_PATH);
    }

    @Test
    void deliveriesBeyondTheQueueCapacityAreDroppedAndCounted() {
        chat.stubFor(post(urlEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(500)));
        NotificationProperties properties = properties(group(false, List.of(), chat.url(SLACK_PATH), "slack"), 1);
        notifier = notifier(properties, closedPort(), groupId -> List.of());

        notifier.notify(notice("REQ-18", false));
        notifier.notify(notice("REQ-19", false));

        verify(metrics).notification("webhook", "dropped");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(metrics).notification("webhook", "sent"));
        chat.verify(1, postRequestedFor(urlEqualTo(SLACK_PATH)));
    }

    @Test
    void groupWithoutChannelsAndDisabledNotificationsSendNothing() {
        chat.stubFor(post(urlEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(200)));
        NotificationProperties.Group slack = group(false, List.of(), chat.url(SLACK_PATH), "slack");
        NotificationProperties disabled = new NotificationProperties(false, URI.create("https://ticketsmith.example.com"),
                ZoneId.of("UTC"), List.of(), 1, 10, new NotificationProperties.Mail(null, "[Ticketsmith]"),
                new NotificationProperties.Webhook(Duration.ofSeconds(1), Duration.ofSeconds(2)),
                Map.of("reviewers", slack));
        notifier = notifier(disabled, closedPort(), groupId -> List.of());
        notifier.notify(notice("REQ-20", false));
        notifier.close();

        notifier = notifier(properties(slack, 10), closedPort(), groupId -> List.of());
        notifier.notify(new ReviewNotice("REQ-21", "task-42", "auditors", "s", "r", DUE, false));

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> chat.getAllServeEvents().isEmpty() && notifier.pending() == 0);
        verifyNoInteractions(metrics);
    }

    // --- fixtures ------------------------------------------------------------------------------------

    private static ReviewNotice notice(String requestId, boolean escalated) {
        return new ReviewNotice(requestId, "task-42", "reviewers", "Export to CSV drops the last row for [EMAIL_1]",
                "The AI is not confident about its analysis (confidence below 0.8)", DUE, escalated);
    }

    private static NotificationProperties.Group group(boolean members, List<String> mailTo, String webhookUrl,
                                                      String format) {
        return new NotificationProperties.Group(members, mailTo, webhookUrl == null ? null : URI.create(webhookUrl),
                format == null ? NotificationProperties.WebhookFormat.SLACK
                        : NotificationProperties.WebhookFormat.valueOf(format.toUpperCase()));
    }

    private static NotificationProperties properties(NotificationProperties.Group reviewers, int queueCapacity) {
        return new NotificationProperties(true, URI.create("https://ticketsmith.example.com/"), ZoneId.of("UTC"),
                List.of(Duration.ofMillis(50), Duration.ofMillis(50)), 2, queueCapacity,
                new NotificationProperties.Mail("ticketsmith@example.com", "[Ticketsmith]"),
                new NotificationProperties.Webhook(Duration.ofSeconds(1), Duration.ofSeconds(2)),
                Map.of("reviewers", reviewers));
    }

    private ReviewNotifier notifier(int smtpPort, NotificationProperties.Group reviewers, GroupMembers members) {
        return notifier(properties(reviewers, 10), smtpPort, members);
    }

    private ReviewNotifier notifier(NotificationProperties properties, int smtpPort, GroupMembers members) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtpPort);
        return new ReviewNotifier(properties, new MailChannel(sender, properties.mail()),
                new WebhookChannel(RestClient.builder(), ClientHttpRequestFactoryBuilder.jdk(), properties.webhook(),
                        new ObjectMapper()),
                members,
                new Deliveries(properties.retryDelays(), properties.threads(), properties.queueCapacity(), metrics));
    }

    /** What the application logged: all but the SMTP server's own lines, which name the mailboxes it creates. */
    private static String ours(CapturedOutput output) {
        return output.getAll().lines().filter(line -> !line.contains("greenmail"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static List<String> addresses(Address[] addresses) {
        return Arrays.stream(addresses).map(Address::toString).toList();
    }

    /** A port nothing listens on: connections to it are refused at once. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
