package io.ticketsmith.reply.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;

import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.jira.ActionRejectedException;
import io.ticketsmith.jira.ReplyDelivery;

import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What an e-mailed reply is refused for before anything is sent (a reviewer fixes it), and what fails it for now
 * (the job retries). Refusals never repeat the address: they are logged and shown in incidents.
 */
class MailReplyDeliveryTest {

    private static final ReplyDeliveryProperties.Mail SENDER = new ReplyDeliveryProperties.Mail("support@acme.example", null);
    private static final String KEY = "3f9a1c2b7d4e5f60a1b2c3d4e5f60718293a4b5c";

    private static ProposedAction replyTo(String to) {
        return ProposedAction.draftReply(to, "Your checkout problem", "We restarted the payment service.");
    }

    private static MailReplyDelivery smtpAt(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        return new MailReplyDelivery(sender, SENDER);
    }

    private static ActionRejectedException refusal(MailReplyDelivery mail, ProposedAction reply) {
        return catchThrowableOfType(ReplyRejectedException.class, () -> mail.route(reply));
    }

    @Test
    void smtpServerThatCannotBeReachedIsATechnicalFailureToRetry() {
        ProposedAction reply = replyTo("dana@example.com");
        ReplyDelivery.Route route = smtpAt(closedPort()).route(reply);

        RuntimeException failure = catchThrowableOfType(RuntimeException.class, () -> route.deliver(
                new ReplyDelivery.Reply("REQ-1", reply, KEY, "ts-3f9a1c2b7d4e5f60")));

        assertThat(failure).isInstanceOf(ReplyDeliveryFailedException.class).isNotInstanceOf(ActionRejectedException.class)
                .hasMessageStartingWith("The reply could not be e-mailed: MailSendException < ")
                .hasMessageNotContaining("dana@example.com");
        assertThat(failure.getCause()).as("mail exceptions name addresses").isNull();
    }

    @Test
    void withoutAnSmtpServerTheReplyGoesBackToReviewSayingSo() {
        MailReplyDelivery mail = new MailReplyDelivery(null, SENDER);

        assertThat(refusal(mail, replyTo("dana@example.com"))).hasMessage("The reply would go by e-mail, but no SMTP "
                + "server is configured (spring.mail.host): send it yourself and remove it from the actions, or ask an "
                + "operator to configure one");
    }

    @Test
    void withoutASenderAddressTheReplyGoesBackToReviewSayingSo() {
        MailReplyDelivery mail = new MailReplyDelivery(new JavaMailSenderImpl(), new ReplyDeliveryProperties.Mail(null, null));

        assertThat(refusal(mail, replyTo("dana@example.com"))).hasMessageContaining("ticketsmith.reply.mail.from");
    }

    @Test
    void addressThatIsStillAPlaceholderIsRefusedNamingThePlaceholder() {
        assertThat(refusal(smtpAt(25), replyTo("[EMAIL_1]"))).hasMessage("The reply's address is still the "
                + "placeholder [EMAIL_1]: personal data is not put back into actions "
                + "(ticketsmith.pii.restore-in-actions is off); write the address in the review");
        assertThat(refusal(smtpAt(25), replyTo("Dana <[EMAIL_2]>"))).hasMessageContaining("placeholder [EMAIL_2]");
    }

    @Test
    void addressThatIsNoSingleMailboxIsRefusedWithoutRepeatingIt() {
        for (String to : new String[] {"dana at example.com", "dana@example.com, eve@example.com",
                "dana@example.com\r\nBcc: eve@example.com", "undisclosed-recipients:;", "dana@", "@example.com"}) {
            assertThat(refusal(smtpAt(25), replyTo(to))).as(to)
                    .hasMessage("The reply's address is not a valid e-mail address");
        }
        assertThat(refusal(smtpAt(25), replyTo(" "))).hasMessage("The reply names no address to send it to; write one "
                + "in the review");
    }

    @Test
    void mailboxWithADisplayNameIsAnAddress() {
        assertThat(MailReplyDelivery.address("Dana Berg <dana@example.com>").getAddress()).isEqualTo("dana@example.com");
    }

    @Test
    void subjectIsOneLine() {
        assertThat(MailReplyDelivery.subject("Your checkout\r\nBcc: eve@example.com\tproblem "))
                .isEqualTo("Your checkout Bcc: eve@example.com problem");
        assertThat(refusal(smtpAt(25), ProposedAction.draftReply("dana@example.com", "\r\n", "Hi")))
                .hasMessage("The reply has no subject");
    }

    @Test
    void messageIdsAreOfTheSendersDomainUnlessOneIsConfigured() {
        assertThat(new ReplyDeliveryProperties.Mail("Acme Support <support@acme.example>", null).messageIdDomain())
                .isEqualTo("acme.example");
        assertThat(new ReplyDeliveryProperties.Mail("support@acme.example", "mail.acme.example").messageIdDomain())
                .isEqualTo("mail.acme.example");
        assertThat(new ReplyDeliveryProperties.Mail("support at acme", null).isFromAnAddress()).isFalse();
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
