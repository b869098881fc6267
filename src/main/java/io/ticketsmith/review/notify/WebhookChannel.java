package io.ticketsmith.review.notify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.engine.RetryAfter;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Review notifications to a chat: Slack's incoming webhooks ({@code {"text", "blocks"}}) or Microsoft Teams' incoming
 * webhooks (a MessageCard). The URL is the credential, so no message or log line of this class contains it.
 */
final class WebhookChannel {

    static final String OPEN_IN_TASKLIST = "Open in Tasklist";
    // Slack refuses a section text over 3000 and a field over 2000 characters.
    private static final int SLACK_TEXT_LIMIT = 3000;
    private static final int SLACK_FIELD_LIMIT = 2000;
    // What Teams' legacy connectors answer with status 200 when they were rate limited.
    private static final String TEAMS_THROTTLED = "HTTP error 429";

    private final RestClient rest;
    private final ObjectMapper json;

    /**
     * @param restClientBuilder     Boot's builder; copied, not changed
     * @param requestFactoryBuilder the application's HTTP client, given the webhooks' own timeouts here
     */
    WebhookChannel(RestClient.Builder restClientBuilder, ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder,
                   NotificationProperties.Webhook settings, ObjectMapper json) {
        this.json = json;
        this.rest = restClientBuilder.clone()
                .requestFactory(requestFactoryBuilder.build(ClientHttpRequestFactorySettings.defaults()
                        .withConnectTimeout(settings.connectTimeout())
                        .withReadTimeout(settings.readTimeout())))
                .build();
    }

    void post(NotificationProperties.Group group, ReviewMessage message) {
        byte[] body = body(group.webhookFormat(), message);
        Answer answer;
        try {
            answer = rest.post().uri(group.webhookUrl())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange((request, response) -> new Answer(response.getStatusCode().value(),
                            response.getHeaders().getFirst("Retry-After"),
                            group.webhookFormat() == NotificationProperties.WebhookFormat.TEAMS
                                    ? new String(response.getBody().readNBytes(512), StandardCharsets.UTF_8) : ""));
        } catch (RestClientException e) {
            // The exception's message names the URL; only the types are kept.
            throw DeliveryFailure.retryable("I/O: " + DeliveryFailure.describe(e));
        }
        if (answer.status() == 429 || answer.status() == 408 || answer.status() >= 500) {
            throw new DeliveryFailure("HTTP " + answer.status(), true,
                    RetryAfter.parse(answer.retryAfter(), Instant.now()).orElse(null));
        }
        if (answer.status() >= 300) {
            // A wrong or revoked URL, or a payload refused: the same again would be refused again.
            throw DeliveryFailure.permanent("HTTP " + answer.status());
        }
        if (answer.body().contains(TEAMS_THROTTLED)) {
            throw DeliveryFailure.retryable("HTTP 200 saying " + TEAMS_THROTTLED);
        }
    }

    byte[] body(NotificationProperties.WebhookFormat format, ReviewMessage message) {
        Map<String, Object> payload = switch (format) {
            case SLACK -> slack(message);
            case TEAMS -> teams(message);
        };
        try {
            return json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw DeliveryFailure.permanent("the message could not be written as JSON");
        }
    }

    /** Slack's Block Kit; all text is escaped, so a summary cannot mention {@code <!channel>} or fake a link. */
    static Map<String, Object> slack(ReviewMessage message) {
        String title = slackEscape(message.title());
        String summary = slackEscape(message.summary());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", abbreviate(title + "\n" + summary + "\n<" + message.link() + "|" + OPEN_IN_TASKLIST + ">",
                SLACK_TEXT_LIMIT));
        payload.put("blocks", List.of(
                Map.of("type", "section", "text", mrkdwn(abbreviate("*" + title + "*\n" + summary, SLACK_TEXT_LIMIT))),
                Map.of("type", "section", "fields", List.of(
                        mrkdwn(abbreviate("*Why review*\n" + slackEscape(message.reason()), SLACK_FIELD_LIMIT)),
                        mrkdwn("*Due*\n" + slackEscape(message.due())),
                        mrkdwn("*Escalated*\n" + message.escalated()))),
                Map.of("type", "actions", "elements", List.of(Map.of(
                        "type", "button",
                        "text", Map.of("type", "plain_text", "text", OPEN_IN_TASKLIST),
                        "url", message.link().toString())))));
        return payload;
    }

    /** Teams' MessageCard, which its incoming webhooks accept. */
    static Map<String, Object> teams(ReviewMessage message) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("@type", "MessageCard");
        payload.put("@context", "https://schema.org/extensions");
        payload.put("summary", message.title());
        payload.put("themeColor", message.notice().escalated() ? "D83B01" : "0078D7");
        payload.put("title", message.title());
        payload.put("text", message.summary());
        payload.put("sections", List.of(Map.of("facts", List.of(
                fact("Why review", message.reason()),
                fact("Due", message.due()),
                fact("Escalated", message.escalated())))));
        payload.put("potentialAction", List.of(Map.of(
                "@type", "OpenUri",
                "name", OPEN_IN_TASKLIST,
                "targets", List.of(Map.of("os", "default", "uri", message.link().toString())))));
        return payload;
    }

    static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Map<String, Object> mrkdwn(String text) {
        return Map.of("type", "mrkdwn", "text", text);
    }

    private static Map<String, Object> fact(String name, String value) {
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("name", name);
        fact.put("value", value);
        return fact;
    }

    private static String abbreviate(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }

    private record Answer(int status, String retryAfter, String body) {
    }
}
