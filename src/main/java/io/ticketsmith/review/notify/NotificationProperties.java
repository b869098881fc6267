package io.ticketsmith.review.notify;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who is told that a review task waits for them, and how. Off unless {@code enabled}; only groups listed under
 * {@code groups} are notified. Webhook URLs carry their own credential, so they come from the environment
 * ({@code TICKETSMITH_NOTIFICATIONS_GROUPS_REVIEWERS_WEBHOOK_URL}) and are never printed; only their host is.
 *
 * @param enabled         send notifications at all
 * @param tasklistBaseUrl where people reach this application; the task link is
 *                        {@code {tasklistBaseUrl}/camunda/app/tasklist/default/#/?task={taskId}}
 * @param zone            time zone the due date is written in
 * @param retryDelays     waits before each retry of a failed delivery; a delivery is tried at most once more than
 *                        there are waits, and never holds a thread while it waits
 * @param threads         threads that send; SMTP and webhook calls run only on these, never on the engine's
 * @param queueCapacity   deliveries waiting or being retried at most; beyond that new ones are dropped and counted
 * @param mail            the sender of e-mails ({@code spring.mail.*} says which SMTP server)
 * @param webhook         timeouts of webhook calls
 * @param groups          per Camunda group id ({@code reviewers}, {@code leads}): its channels
 */
@Validated
@ConfigurationProperties("ticketsmith.notifications")
record NotificationProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("http://localhost:8080") @NotNull URI tasklistBaseUrl,
        @DefaultValue("UTC") @NotNull ZoneId zone,
        @DefaultValue({"1s", "5s", "30s"}) @NotNull List<@NotNull Duration> retryDelays,
        @DefaultValue("2") @Min(1) @Max(16) int threads,
        @DefaultValue("100") @Min(1) int queueCapacity,
        @DefaultValue @Valid Mail mail,
        @DefaultValue @Valid Webhook webhook,
        Map<String, @Valid Group> groups) {

    NotificationProperties {
        retryDelays = retryDelays == null ? List.of() : List.copyOf(retryDelays);
        groups = groups == null ? Map.of() : Map.copyOf(groups);
    }

    /** A base URL without scheme or host would make the link in every notification unusable. */
    @AssertTrue(message = "tasklist-base-url must be an absolute http(s) URL")
    boolean isTasklistBaseUrlHttp() {
        return isHttp(tasklistBaseUrl);
    }

    @AssertTrue(message = "mail.from must be set when a group is notified by e-mail")
    boolean isMailFromSetWhereNeeded() {
        return !enabled || groups.values().stream().noneMatch(Group::sendsMail)
                || (mail.from() != null && !mail.from().isBlank());
    }

    boolean sendsMail() {
        return enabled && groups.values().stream().anyMatch(Group::sendsMail);
    }

    static boolean isHttp(URI uri) {
        return uri != null && uri.isAbsolute() && uri.getHost() != null
                && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
    }

    /**
     * @param from          sender address of the e-mails
     * @param subjectPrefix put before every subject, so mail filters can sort them
     */
    record Mail(@Email String from, @DefaultValue("[Ticketsmith]") @NotNull String subjectPrefix) {
    }

    /**
     * @param connectTimeout connect timeout of a webhook call
     * @param readTimeout    read timeout of a webhook call
     */
    record Webhook(@DefaultValue("5s") @NotNull Duration connectTimeout,
                   @DefaultValue("10s") @NotNull Duration readTimeout) {
    }

    /** The format of a chat webhook. */
    enum WebhookFormat {
        /** Slack incoming webhook: {@code {"text": ..., "blocks": [...]}} */
        SLACK,
        /** Microsoft Teams incoming webhook: a MessageCard */
        TEAMS
    }

    /**
     * @param mail          e-mail the group's members (the addresses of the Camunda users in it)
     * @param mailTo        further addresses to e-mail, e.g. a team's shared mailbox
     * @param webhookUrl    chat webhook of the group; a secret, so from the environment only
     * @param webhookFormat {@code slack} or {@code teams}
     */
    record Group(@DefaultValue("false") boolean mail,
                 List<@NotBlank @Email String> mailTo,
                 URI webhookUrl,
                 @DefaultValue("slack") @NotNull WebhookFormat webhookFormat) {

        Group {
            mailTo = mailTo == null ? List.of() : List.copyOf(mailTo);
        }

        boolean sendsMail() {
            return mail || !mailTo.isEmpty();
        }

        @AssertTrue(message = "webhook-url must be an absolute http(s) URL")
        boolean isWebhookUrlHttp() {
            return webhookUrl == null || isHttp(webhookUrl);
        }

        /** The host of the webhook, the only part of its URL that may be shown. */
        String webhookHost() {
            return webhookUrl == null ? "none" : webhookUrl.getHost();
        }

        /** Never prints the webhook's path or query, which hold its credential, nor anyone's address. */
        @Override
        public String toString() {
            return "Group[mail=" + mail + ", mailTo=" + mailTo.size() + " address(es), webhook="
                    + (webhookUrl == null ? "none" : webhookFormat.name().toLowerCase() + " at " + webhookHost()) + "]";
        }
    }
}
