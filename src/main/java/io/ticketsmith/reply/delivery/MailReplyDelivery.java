package io.ticketsmith.reply.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.jira.ActionExecutor;
import io.ticketsmith.jira.ReplyDelivery;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Replies as plain-text e-mails (UTF-8) over SMTP, through Spring's {@link JavaMailSender}.
 *
 * <p>Idempotent as far as SMTP allows. SMTP has no way to ask whether a message was delivered, so a reply that the
 * ledger shows as begun but not done (the node died between sending and writing the ledger) is sent again. It is
 * sent with the same Message-ID ({@link MessageIds}), which is derived from the action's idempotency key: receiving
 * mail systems, ticket systems and most clients recognise the repeat by it and drop or merge it. What reached the
 * SMTP server before a crash is not sent again otherwise.
 *
 * <p>What a reviewer can fix is refused before anything is sent (a {@link ReplyRejectedException}, back to review):
 * no address, an address that is not one, an address that is still a redaction placeholder such as {@code [EMAIL_1]}
 * because personal data is not put back into actions, no SMTP server or sender configured, an address the server
 * refuses for good (5xx). A connection refused or lost, a timeout or a temporary refusal (4xx) is technical
 * ({@link ReplyDeliveryFailedException}): the job is retried.
 */
final class MailReplyDelivery {

    static final String GATEWAY = "smtp";

    private static final Logger log = LoggerFactory.getLogger(MailReplyDelivery.class);
    /** What the redaction leaves in place of a value ({@code [EMAIL_1]}, {@code [NAME_2]}). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z]+_\\d+]");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");

    /** Null when no SMTP server is configured. */
    private final JavaMailSender sender;
    private final ReplyDeliveryProperties.Mail settings;

    MailReplyDelivery(JavaMailSender sender, ReplyDeliveryProperties.Mail settings) {
        this.sender = sender;
        this.settings = settings;
    }

    /**
     * The e-mail of a reply, checked before anything is sent.
     *
     * @throws ReplyRejectedException when it cannot go as it stands
     */
    ReplyDelivery.Route route(ProposedAction reply) {
        // Refused rather than kept as a draft: a draft nobody is told about would be a reply silently not sent.
        if (sender == null) {
            throw new ReplyRejectedException("The reply would go by e-mail, but no SMTP server is configured "
                    + "(spring.mail.host): send it yourself and remove it from the actions, or ask an operator to "
                    + "configure one");
        }
        if (!settings.hasSender()) {
            throw new ReplyRejectedException("The reply would go by e-mail, but no sender address is configured "
                    + "(ticketsmith.reply.mail.from): send it yourself and remove it from the actions, or ask an "
                    + "operator to configure one");
        }
        InternetAddress to = address(reply.to());
        String subject = subject(reply.subject());
        if (reply.body() == null || reply.body().isBlank()) {
            throw new ReplyRejectedException("The reply has no text");
        }
        return new MailRoute(to, subject, reply.body());
    }

    /** The one address the reply goes to; never part of a message, which is logged. */
    static InternetAddress address(String to) {
        if (to == null || to.isBlank()) {
            throw new ReplyRejectedException("The reply names no address to send it to; write one in the review");
        }
        Matcher placeholder = PLACEHOLDER.matcher(to);
        if (placeholder.find()) {
            throw new ReplyRejectedException("The reply's address is still the placeholder " + placeholder.group()
                    + ": personal data is not put back into actions (ticketsmith.pii.restore-in-actions is off); "
                    + "write the address in the review");
        }
        // A line break would let the value add headers of its own; InternetAddress does not refuse every one.
        if (CONTROL.matcher(to).find()) {
            throw new ReplyRejectedException("The reply's address is not a valid e-mail address");
        }
        try {
            // Strict: exactly one address with a domain, no list, no group.
            InternetAddress address = new InternetAddress(to.trim(), true);
            if (address.isGroup() || address.getAddress() == null || address.getAddress().indexOf('@') < 1) {
                throw new AddressException("not one mailbox");
            }
            return address;
        } catch (AddressException e) {
            throw new ReplyRejectedException("The reply's address is not a valid e-mail address");
        }
    }

    /** One line: a line break in a subject would start a header of its own. */
    static String subject(String subject) {
        String oneLine = subject == null ? "" : LINE_BREAKS.matcher(subject).replaceAll(" ").strip();
        if (oneLine.isEmpty()) {
            throw new ReplyRejectedException("The reply has no subject");
        }
        return oneLine;
    }

    private final class MailRoute implements ReplyDelivery.Route {

        private final InternetAddress to;
        private final String subject;
        private final String body;

        MailRoute(InternetAddress to, String subject, String body) {
            this.to = to;
            this.subject = subject;
            this.body = body;
        }

        @Override
        public String gateway() {
            return GATEWAY;
        }

        @Override
        public String issueKey() {
            return null;
        }

        /** SMTP cannot tell; the same Message-ID lets receivers drop the repeat (see the class). */
        @Override
        public boolean foundDelivered(ReplyDelivery.Reply reply) {
            return false;
        }

        @Override
        public ReplyDelivery.Delivered deliver(ReplyDelivery.Reply reply) {
            String domain = settings.messageIdDomain();
            String messageId = MessageIds.reply(reply.requestId(), reply.idempotencyKey(), domain);
            String thread = MessageIds.thread(reply.requestId(), domain);
            MimeMessage mime = sender.createMimeMessage();
            try {
                MimeMessageHelper helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
                helper.setFrom(settings.sender());
                helper.setTo(to);
                helper.setSubject(subject);
                helper.setText(body, false);
                // JavaMailSenderImpl keeps a Message-ID set before sending instead of making up a new one.
                mime.setHeader("Message-ID", messageId);
                mime.setHeader("In-Reply-To", thread);
                mime.setHeader("References", thread);
            } catch (MessagingException e) {
                throw new ReplyRejectedException("The reply could not be written as an e-mail: " + describe(e));
            }
            try {
                sender.send(mime);
            } catch (MailParseException | MailPreparationException e) {
                throw new ReplyRejectedException("The reply could not be written as an e-mail: " + describe(e));
            } catch (MailSendException e) {
                Optional<Integer> refusal = permanentAddressRefusal(e);
                if (refusal.isPresent()) {
                    throw new ReplyRejectedException("The SMTP server refused the reply's address (" + refusal.get()
                            + "); check it in the review");
                }
                throw new ReplyDeliveryFailedException("The reply could not be e-mailed: " + describe(e));
            } catch (MailException e) {
                // Refused credentials, a lost connection, a timeout: worth another attempt, then an incident.
                throw new ReplyDeliveryFailedException("The reply could not be e-mailed: " + describe(e));
            }
            log.info("Request {}: reply e-mailed as {}", reply.requestId(), messageId);
            return new ReplyDelivery.Delivered(ActionExecutor.STATUS_DONE, true, "e-mailed as " + messageId);
        }
    }

    /**
     * The SMTP code with which the server refused the recipient for good (5xx on RCPT TO), if that is why sending
     * failed; a temporary refusal (4xx) is not one.
     */
    static Optional<Integer> permanentAddressRefusal(MailSendException e) {
        for (Exception failure : e.getFailedMessages().values()) {
            for (Throwable cause = failure; cause != null; cause = next(cause)) {
                if (cause instanceof SMTPAddressFailedException refused) {
                    return refused.getReturnCode() >= 500 ? Optional.of(refused.getReturnCode()) : Optional.empty();
                }
                if (cause instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                        && failed.getInvalidAddresses().length > 0 && next(cause) == null) {
                    // Refused by address, with no code to tell temporary from permanent: the address is the suspect.
                    return Optional.of(550);
                }
            }
        }
        return Optional.empty();
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof MessagingException messaging && messaging.getNextException() != null) {
            return messaging.getNextException();
        }
        return cause.getCause() == cause ? null : cause.getCause();
    }

    /** The exception's type and those of its causes, e.g. {@code MailSendException < ConnectException}. */
    static String describe(Throwable error) {
        StringBuilder types = new StringBuilder(error.getClass().getSimpleName());
        Throwable cause = next(error);
        if (cause == null && error instanceof MailSendException send && !send.getFailedMessages().isEmpty()) {
            cause = send.getFailedMessages().values().iterator().next();
        }
        for (int depth = 0; cause != null && depth < 4; depth++) {
            types.append(" < ").append(cause.getClass().getSimpleName());
            cause = next(cause);
        }
        return types.toString();
    }
}
