package io.ticketsmith.reply.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.jira.ActionExecutor;
import io.ticketsmith.jira.ActionFailedException;
import io.ticketsmith.jira.ActionRejectedException;
import io.ticketsmith.jira.ActionResult;
import io.ticketsmith.jira.RequestOrigin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Replies to requests that came by API, e-mailed by the running application through a real SMTP server (GreenMail),
 * with the real action ledger: what arrives, how it threads, and that it arrives once.
 */
@SpringBootTest(properties = {
        "ticketsmith.llm.worker=false",
        "ticketsmith.models.watch=false",
        "ticketsmith.reply.mail.from=Acme Support <support@acme.example>",
        "ticketsmith.reply.mail.domain=mail.acme.example"})
@ActiveProfiles({"demo", "test"})
class EmailedReplyTest {

    /** Fixed, so the application keeps reaching the server that each test starts anew. */
    private static final int SMTP_PORT = MailReplyDeliveryTest.closedPort();
    private static final RequestOrigin FROM_API = new RequestOrigin("api", null);

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP));

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired ActionExecutor executor;
    @Autowired JdbcTemplate jdbc;

    private static ProposedAction reply(String to) {
        return ProposedAction.draftReply(to, "Your checkout problem",
                "Hello Dana,\n\nwe restarted the payment service; please try again.\n\nGrüße, Acme Support");
    }

    @Test
    void replyArrivesAsPlainTextFromTheConfiguredSenderThreadedUnderItsRequest() throws Exception {
        String requestId = "REQ-" + UUID.randomUUID();

        List<ActionResult> results = executor.execute(requestId, List.of(reply("Dana Berg <dana@example.com>")), FROM_API);

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        MimeMessage mail = smtp.getReceivedMessages()[0];
        String key16 = results.get(0).idempotencyKey().substring(0, 16);
        assertThat(addresses(mail.getFrom())).containsExactly("Acme Support <support@acme.example>");
        assertThat(addresses(mail.getRecipients(Message.RecipientType.TO))).containsExactly("Dana Berg <dana@example.com>");
        assertThat(mail.getAllRecipients()).hasSize(1);
        assertThat(mail.getSubject()).isEqualTo("Your checkout problem");
        assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(mail.getContent().toString()).isEqualToNormalizingNewlines(
                "Hello Dana,\n\nwe restarted the payment service; please try again.\n\nGrüße, Acme Support");
        String messageId = "<" + requestId + "." + key16 + "@mail.acme.example>";
        assertThat(mail.getMessageID()).isEqualTo(messageId);
        assertThat(mail.getHeader("In-Reply-To")).containsExactly("<" + requestId + "@mail.acme.example>");
        assertThat(mail.getHeader("References")).containsExactly("<" + requestId + "@mail.acme.example>");
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.status()).isEqualTo(ActionExecutor.STATUS_DONE);
            assertThat(result.gateway()).isEqualTo("smtp");
            assertThat(result.issueKey()).isNull();
            assertThat(result.detail()).isEqualTo("e-mailed as " + messageId);
        });
    }

    @Test
    void executingTheSameActionsAgainSendsNothing() {
        String requestId = "REQ-" + UUID.randomUUID();
        List<ProposedAction> actions = List.of(reply("dana@example.com"));

        executor.execute(requestId, actions, FROM_API);
        List<ActionResult> again = executor.execute(requestId, actions, FROM_API);

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(again).singleElement().satisfies(result -> {
            assertThat(result.status()).isEqualTo(ActionExecutor.STATUS_ALREADY_DONE);
            assertThat(result.gateway()).isEqualTo("smtp");
        });
    }

    @Test
    void repliesOfOneRequestShareTheirThreadButNotTheirIds() throws Exception {
        String requestId = "REQ-" + UUID.randomUUID();

        executor.execute(requestId, List.of(reply("dana@example.com"), reply("dana@example.com")), FROM_API);

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2);
        assertThat(mails[0].getMessageID()).isNotEqualTo(mails[1].getMessageID());
        assertThat(mails[0].getHeader("References")).isEqualTo(mails[1].getHeader("References"));
    }

    @Test
    void requestIdFromAClientCannotAddHeaders() throws Exception {
        String requestId = "REQ 1>\r\nBcc: eve@evil.example";

        executor.execute(requestId, List.of(reply("dana@example.com")), FROM_API);

        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(addresses(mail.getAllRecipients())).containsExactly("dana@example.com");
        assertThat(mail.getMessageID()).startsWith("<REQ%201%3E%0D%0ABcc%3A%20eve%40evil%2Eexample.")
                .endsWith("@mail.acme.example>");
    }

    @Test
    void replyToAnUnrestoredPlaceholderIsRefusedForReviewAndNothingIsSentOrEntered() {
        String requestId = "REQ-" + UUID.randomUUID();

        ActionFailedException failure = catchThrowableOfType(ActionFailedException.class,
                () -> executor.execute(requestId, List.of(reply("[EMAIL_1]")), FROM_API));

        assertThat(failure.getCause()).isInstanceOf(ActionRejectedException.class)
                .hasMessageContaining("still the placeholder [EMAIL_1]");
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ts_action_ledger WHERE request_id = ?", Integer.class,
                requestId)).isZero();
    }

    private static List<String> addresses(Address[] addresses) {
        return Arrays.stream(addresses).map(Address::toString).toList();
    }
}
