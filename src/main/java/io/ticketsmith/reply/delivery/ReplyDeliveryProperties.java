package io.ticketsmith.reply.delivery;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How approved replies go out. Which SMTP server sends e-mailed replies is {@code spring.mail.*}
 * ({@code SPRING_MAIL_HOST}, with its credentials from the environment), shared with the review notifications.
 *
 * @param jiraVisibility who sees a reply posted on a Jira issue: {@code internal} (the team only; on a Jira Service
 *                       Management request an internal note) or {@code public} (the customer, through Jira Service
 *                       Management, which notifies them)
 * @param mail           the sender of e-mailed replies
 */
@Validated
@ConfigurationProperties("ticketsmith.reply")
record ReplyDeliveryProperties(
        @DefaultValue("internal") @NotNull JiraVisibility jiraVisibility,
        @DefaultValue @Valid Mail mail) {

    enum JiraVisibility {
        INTERNAL,
        PUBLIC
    }

    /**
     * @param from   the sender of e-mailed replies, an address with or without a name:
     *               {@code Acme Support <support@acme.example>}; without it no reply is e-mailed
     * @param domain the right-hand side of the replies' Message-IDs, e.g. {@code acme.example}; by default the
     *               domain of {@code from}
     */
    record Mail(String from,
                @Pattern(regexp = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*",
                        message = "must be a domain name such as acme.example") String domain) {

        boolean hasSender() {
            return from != null && !from.isBlank();
        }

        @AssertTrue(message = "from must be one e-mail address, e.g. Acme Support <support@acme.example>")
        boolean isFromAnAddress() {
            return !hasSender() || sender() != null;
        }

        /** The sender as an address; null when there is none or it is not one. */
        InternetAddress sender() {
            try {
                InternetAddress sender = new InternetAddress(from.trim(), true);
                return sender.getAddress().indexOf('@') > 0 ? sender : null;
            } catch (AddressException | RuntimeException e) {
                return null;
            }
        }

        /** The domain of the Message-IDs; null without a sender. */
        String messageIdDomain() {
            if (domain != null && !domain.isBlank()) {
                return domain.trim();
            }
            if (!hasSender()) {
                return null;
            }
            String address = sender().getAddress();
            return address.substring(address.lastIndexOf('@') + 1);
        }
    }
}
