package io.ticketsmith.intake;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.ticketsmith.audit.RequestViews;
import io.ticketsmith.jira.JiraGateway;
import io.ticketsmith.jira.JiraProperties;
import io.ticketsmith.jira.JiraText;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jira's {@code jira:issue_created} webhook. Jira Cloud signs the body with the webhook's secret
 * ({@code X-Hub-Signature: sha256=<HMAC>}); Jira Data Center cannot sign, so it sends the secret itself in
 * {@code X-Ticketsmith-Webhook-Secret}. Calls with neither, or a wrong one, get 401; with no secret configured
 * every call does.
 */
@RestController
@Tag(name = "Jira webhook", description = "Triage of new Jira issues")
class JiraWebhookController {

    static final String SIGNATURE_HEADER = "X-Hub-Signature";
    static final String SECRET_HEADER = "X-Ticketsmith-Webhook-Secret";
    private static final Logger log = LoggerFactory.getLogger(JiraWebhookController.class);

    private final JiraTriage triage;
    private final JiraTriageProperties properties;
    private final JiraProperties jiraProperties;
    private final ObjectMapper objectMapper;

    JiraWebhookController(JiraTriage triage, JiraTriageProperties properties, JiraProperties jiraProperties,
            ObjectMapper objectMapper) {
        this.triage = triage;
        this.properties = properties;
        this.jiraProperties = jiraProperties;
        this.objectMapper = objectMapper;
    }

    @PostMapping("/api/webhooks/jira")
    @Operation(summary = "Jira webhook: triage a newly created issue")
    ResponseEntity<?> issueEvent(@RequestBody(required = false) byte[] body,
            @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
            @RequestHeader(name = SECRET_HEADER, required = false) String secret) {
        if (!authentic(body == null ? new byte[0] : body, signature, secret)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(Map.of("detail", "Missing or wrong webhook signature"));
        }
        JsonNode event;
        try {
            event = objectMapper.readTree(body);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IntakeExceptions.InvalidRequest("The webhook body is not JSON");
        }
        if (event == null || !"jira:issue_created".equals(event.path("webhookEvent").asText())) {
            return ResponseEntity.noContent().build();
        }
        JiraGateway.JiraIssue issue = JiraText.issue(event.path("issue"));
        if (issue.key() == null || issue.key().isBlank()) {
            throw new IntakeExceptions.InvalidRequest("The event has no issue key");
        }
        if (issue.labels().contains(jiraProperties.processedLabel())) {
            log.debug("Webhook for {} ignored: already labelled {}", issue.key(), jiraProperties.processedLabel());
            return ResponseEntity.noContent().build();
        }
        RequestIntake.Submitted submitted = triage.triage(issue);
        String id = submitted.request().id();
        return ResponseEntity.accepted().body(Map.of("id", id, "statusUrl", RequestViews.statusUrl(id),
                "created", submitted.created()));
    }

    private boolean authentic(byte[] body, String signature, String secret) {
        String expected = properties.webhookSecret();
        if (expected == null || expected.isBlank()) {
            return false;
        }
        if (signature != null && signature.startsWith("sha256=")) {
            return MessageDigest.isEqual(hmacSha256(expected, body).getBytes(StandardCharsets.US_ASCII),
                    signature.substring("sha256=".length()).toLowerCase().getBytes(StandardCharsets.US_ASCII));
        }
        return secret != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8));
    }

    static String hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
