package io.ticketsmith.reply;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.support.ApiClient;
import io.ticketsmith.support.BrowserTest;
import io.ticketsmith.support.OpenAiStub;
import io.ticketsmith.support.PostgresTestDatabase;
import io.ticketsmith.support.RequestProgress;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A draft reply from request to the requester's mailbox, as the people involved see it: the application runs on
 * PostgreSQL with its job executor and analysis worker, the LLM is faked over HTTP (the analysis proposes a reply, the
 * reply prompt writes one with a gap and a refund promise), a reviewer works the task in Tasklist in headless Chromium
 * ({@code src/test/e2e/reply-review.mjs}) and GreenMail is the requester's SMTP server. The reply arrives as the
 * reviewer mended it, addressed to the reporter's address that was kept out of the LLM's sight.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ticketsmith.security.demo-users=true", "ticketsmith.models.watch=false",
        "spring.ai.model.chat=openai", "spring.ai.openai.api-key=it-key",
        "spring.ai.openai.chat.options.model=gpt-4o-mini",
        "ticketsmith.pii.restore-in-actions=true",
        "ticketsmith.pii.vault-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        "ticketsmith.reply.mail.from=Acme Support <support@acme.example>"})
@ActiveProfiles("postgres")
class ReplyReviewIT {

    private static final String REPLY_PROMPT = "You write replies to support requests";
    private static final String REQUEST = "I was charged twice for my November invoice. Please sort this out.";
    private static final String MENDED = "Hello,\n\nsorry for the double charge. Our billing team is checking the "
            + "second payment and will answer you directly.\n\nKind regards,\nThe support team";
    private static final int SMTP_PORT = freePort();

    @RegisterExtension
    static WireMockExtension openAi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP));

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.registerWithThrowawayAdmin(registry, "ticketsmith_reply_it");
        registry.add("spring.ai.openai.base-url", openAi::baseUrl);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired ObjectMapper objectMapper;

    @Test
    void aReviewerMendsADraftReplyInTasklistAndTheRequesterReceivesItByEmail() throws Exception {
        Analysis analysis = new Analysis("draft_reply", "Customer was charged twice for November", "refund", "medium",
                "negative", Analysis.Confidence.all(0.95), "A billing complaint that needs an answer.",
                List.of(ProposedAction.draftReply("[EMAIL_1]", "Your November invoice",
                        "Say that billing checks the double charge and answers directly.")));
        openAi.stubFor(OpenAiStub.chatCompletion().withRequestBody(notContaining(REPLY_PROMPT))
                .willReturn(OpenAiStub.answer(objectMapper.writeValueAsString(analysis))));
        openAi.stubFor(OpenAiStub.chatCompletion().withRequestBody(containing(REPLY_PROMPT)).willReturn(
                OpenAiStub.answer("Dear [Customer Name],\n\nsorry for the trouble. We will refund the second payment.")));

        String requestId = ApiClient.submit(rest, REQUEST);
        Task review = requests().awaitReviewTask(requestId);

        BrowserTest.Run run = BrowserTest.run("reply-review.mjs", Map.of(
                "BASE_URL", "http://localhost:" + port,
                "REPLY_TASK_ID", review.getId(),
                "MENDED_TEXT", MENDED));

        assertThat(run.exitCode()).as("browser test output:%n%s", run.output()).isZero();
        assertThat(run.output()).contains("ok - a reviewer opens a draft reply and sees what the reply check found",
                "ok - approving the reply with the gap is refused", "ok - the reviewer mends the text in the form");

        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(requests().variable(requestId, "outcome")));
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(((InternetAddress) mail.getAllRecipients()[0]).getAddress()).isEqualTo("dana@acme.example");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("support@acme.example");
        assertThat(mail.getSubject()).isEqualTo("Your November invoice");
        assertThat(mail.getContent().toString().replace("\r\n", "\n")).isEqualTo(MENDED);
        assertThat(mail.getMessageID()).startsWith("<" + requestId + ".");
        assertThat(mail.getHeader("References", null)).isEqualTo("<" + requestId + "@acme.example>");
        assertThat(requests().variable(requestId, "reviewChanges").toString()).contains("body");
    }

    private RequestProgress requests() {
        return new RequestProgress(taskService, historyService);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
