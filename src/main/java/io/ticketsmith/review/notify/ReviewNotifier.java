package io.ticketsmith.review.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a group that a review waits for it, by e-mail and chat webhook as {@code ticketsmith.notifications.groups}
 * configures. {@link #notify} only hands the deliveries to {@link Deliveries} and returns: sending, retries and
 * their waits happen on its threads, so a slow or broken mail server or chat never holds up a request.
 */
public class ReviewNotifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReviewNotifier.class);
    static final String MAIL = "mail";
    static final String WEBHOOK = "webhook";

    private final NotificationProperties properties;
    private final MailChannel mail;
    private final WebhookChannel webhooks;
    private final GroupMembers members;
    private final Deliveries deliveries;

    /** @param mail null when no group is notified by e-mail */
    ReviewNotifier(NotificationProperties properties, MailChannel mail, WebhookChannel webhooks, GroupMembers members,
                   Deliveries deliveries) {
        this.properties = properties;
        this.mail = mail;
        this.webhooks = webhooks;
        this.members = members;
        this.deliveries = deliveries;
    }

    public boolean isEnabled() {
        return properties.enabled();
    }

    /** Starts the deliveries of the notice's group and returns at once; never throws for a failed delivery. */
    public void notify(ReviewNotice notice) {
        if (!properties.enabled()) {
            return;
        }
        NotificationProperties.Group group = properties.groups().get(notice.groupId());
        if (group == null) {
            log.debug("Request {}: group {} has no notification channel", notice.requestId(), notice.groupId());
            return;
        }
        ReviewMessage message = ReviewMessage.of(notice, properties.tasklistBaseUrl(), properties.zone());
        String what = "Request " + notice.requestId() + ": " + (notice.escalated() ? "escalation" : "review")
                + " notification to " + notice.groupId();
        if (group.sendsMail()) {
            deliveries.submit(MAIL, what + " by e-mail", () -> mail(notice.groupId(), group, message));
        }
        if (group.webhookUrl() != null) {
            deliveries.submit(WEBHOOK, what + " by webhook at " + group.webhookHost(),
                    () -> webhooks.post(group, message));
        }
    }

    private void mail(String groupId, NotificationProperties.Group group, ReviewMessage message) {
        // Read when sending, not when the task was created, so a member added since is told too.
        Map<String, String> recipients = new LinkedHashMap<>();
        if (group.mail()) {
            members.emailsOf(groupId).forEach(email -> recipients.putIfAbsent(email.toLowerCase(Locale.ROOT), email));
        }
        group.mailTo().forEach(email -> recipients.putIfAbsent(email.toLowerCase(Locale.ROOT), email));
        if (recipients.isEmpty()) {
            throw DeliveryFailure.permanent("group " + groupId + " has no member with an e-mail address and no mail-to");
        }
        int skipped = mail.send(message, new ArrayList<>(recipients.values()));
        if (skipped > 0) {
            log.warn("Request {}: {} address(es) of group {} are not valid e-mail addresses and were left out",
                    message.notice().requestId(), skipped, groupId);
        }
    }

    /** Deliveries started and not yet sent or given up. */
    int pending() {
        return deliveries.pending();
    }

    @Override
    public void close() {
        deliveries.close();
    }
}
