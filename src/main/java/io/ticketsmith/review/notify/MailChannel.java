package io.ticketsmith.review.notify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Review notifications as plain-text e-mails through Spring's {@link JavaMailSender} (SMTP). */
final class MailChannel {

    private final JavaMailSender sender;
    private final NotificationProperties.Mail settings;

    MailChannel(JavaMailSender sender, NotificationProperties.Mail settings) {
        this.sender = sender;
        this.settings = settings;
    }

    /**
     * One message to all of the group's addresses: they are colleagues told about the same task.
     *
     * @return how many addresses were left out because they are not valid addresses
     */
    int send(ReviewMessage message, List<String> recipients) {
        List<InternetAddress> to = new ArrayList<>();
        for (String recipient : recipients) {
            try {
                to.add(new InternetAddress(recipient, true));
            } catch (AddressException e) {
                // One mistyped address in the user store must not keep the others from being told.
            }
        }
        if (to.isEmpty()) {
            throw DeliveryFailure.permanent("no valid address among " + recipients.size());
        }
        MimeMessage mime = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
            helper.setFrom(settings.from());
            helper.setTo(to.toArray(InternetAddress[]::new));
            helper.setSubject(subject(message));
            helper.setText(body(message));
        } catch (MessagingException e) {
            throw DeliveryFailure.permanent("the e-mail could not be built: " + DeliveryFailure.describe(e));
        }
        try {
            sender.send(mime);
        } catch (MailAuthenticationException e) {
            throw DeliveryFailure.permanent("the SMTP server refused the credentials");
        } catch (MailParseException | MailPreparationException e) {
            throw DeliveryFailure.permanent("the e-mail could not be built: " + DeliveryFailure.describe(e));
        } catch (MailException e) {
            // Connection refused or lost, a timeout, a temporary refusal: worth another attempt.
            throw DeliveryFailure.retryable("SMTP: " + DeliveryFailure.describe(e));
        }
        return recipients.size() - to.size();
    }

    String subject(ReviewMessage message) {
        // Request ids come from API clients; no line break may end up in a header.
        String subject = settings.subjectPrefix().isBlank() ? message.title()
                : settings.subjectPrefix() + " " + message.title();
        return subject.replaceAll("[\\r\\n\\t]+", " ");
    }

    static String body(ReviewMessage message) {
        ReviewNotice notice = message.notice();
        StringBuilder body = new StringBuilder();
        body.append(message.title()).append("\n\n");
        if (notice.escalated()) {
            body.append("The review is overdue and is now offered to ").append(notice.groupId())
                    .append(" as well.\n\n");
        }
        body.append("Request:    ").append(notice.requestId()).append('\n');
        body.append("Summary:    ").append(message.summary()).append('\n');
        body.append("Why review: ").append(message.reason()).append('\n');
        body.append("Due:        ").append(message.due()).append('\n');
        body.append("Escalated:  ").append(message.escalated()).append("\n\n");
        body.append("Open the task in Tasklist:\n").append(message.link()).append('\n');
        return body.toString();
    }
}
