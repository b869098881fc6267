package io.ticketsmith.intake;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.ticketsmith.audit.RequestViews;
import io.ticketsmith.jira.JiraRateLimitedException;
import io.ticketsmith.zendesk.ZendeskProperties;
import io.ticketsmith.zendesk.ZendeskTicket;
import io.ticketsmith.zendesk.ZendeskWebhookSecret;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Zendesk's webhook for new tickets (a trigger on "Ticket is created", or the {@code ticket.created} event), and the
 * operators' on-demand run.
 *
 * <p>Zendesk signs each call: {@code X-Zendesk-Webhook-Signature} is base64(HMAC-SHA256(secret, timestamp + raw
 * body)), the timestamp in {@code X-Zendesk-Webhook-Signature-Timestamp}. A missing or wrong signature, or a timestamp
 * older than {@code ticketsmith.zendesk.webhook-tolerance} (a replay), gets 401; so does every call while no secret is
 * set. The body only names the ticket: what it says is read from Zendesk, so a forged or stale body cannot put words
 * into a request. A redelivery of a ticket already known returns that request.
 */
@RestController
@Tag(name = "Zendesk", description = "Triage of Zendesk tickets")
class ZendeskWebhookController {

    static final String SIGNATURE_HEADER = "X-Zendesk-Webhook-Signature";
    static final String TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp";

    private final ZendeskTriage triage;
    private final ZendeskProperties properties;
    private final ZendeskWebhookSecret secret;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    ZendeskWebhookController(ZendeskTriage triage, ZendeskProperties properties, ZendeskWebhookSecret secret,
            ObjectMapper objectMapper, Clock clock) {
        this.triage = triage;
        this.properties = properties;
        this.secret = secret;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    @PostMapping("/api/zendesk/webhook")
    @Operation(summary = "Zendesk webhook: triage a newly created ticket")
    ResponseEntity<?> ticketCreated(@RequestBody(required = false) byte[] body,
            @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
            @RequestHeader(name = TIMESTAMP_HEADER, required = false) String timestamp) {
        byte[] raw = body == null ? new byte[0] : body;
        if (!authentic(raw, signature, timestamp)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(Map.of("detail", "Missing, wrong or expired webhook signature"));
        }
        if (!fresh(timestamp)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(Map.of("detail", "Missing, wrong or expired webhook signature"));
        }
        if (!triage.connected()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of("detail", "Zendesk is not configured (ticketsmith.zendesk.enabled)"));
        }
        String ticketId = ticketId(raw);
        ZendeskTicket ticket;
        try {
            ticket = triage.read(ticketId);
        } catch (JiraRateLimitedException e) {
            // Zendesk delivers the webhook again after the wait it is told.
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                    .body(Map.of("detail", "Zendesk's rate limit is reached; deliver again later"));
        }
        Optional<RequestIntake.Submitted> submitted = triage.triage(ticket);
        if (submitted.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        String id = submitted.get().request().id();
        return ResponseEntity.accepted().body(Map.of("id", id, "statusUrl", RequestViews.statusUrl(id),
                "created", submitted.get().created()));
    }

    @PostMapping("/api/zendesk/triage")
    @Operation(summary = "Run the Zendesk triage batch now",
            description = "Without a query: tickets changed since the last run, from the incremental export. "
                    + "With one: tickets the Zendesk search finds.")
    ResponseEntity<?> run(@RequestParam(name = "query", required = false) String query) {
        if (!triage.connected()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of("detail", "Zendesk is not configured (ticketsmith.zendesk.enabled)"));
        }
        return ResponseEntity.ok(query == null ? triage.runExport() : triage.runSearch(query));
    }

    private boolean authentic(byte[] body, String signature, String timestamp) {
        if (!secret.configured() || signature == null || timestamp == null) {
            return false;
        }
        byte[] expected = signature(secret.value(), timestamp, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
    }

    /** Signed no longer ago than the tolerance (and not far in the future): an older call is a replay. */
    private boolean fresh(String timestamp) {
        Instant signedAt;
        try {
            signedAt = timestamp.trim().matches("\\d{1,12}") ? Instant.ofEpochSecond(Long.parseLong(timestamp.trim()))
                    : Instant.parse(timestamp.trim());
        } catch (DateTimeParseException | NumberFormatException e) {
            return false;
        }
        Duration age = Duration.between(signedAt, clock.instant());
        return age.compareTo(properties.webhookTolerance()) <= 0 && age.compareTo(properties.webhookTolerance().negated()) >= 0;
    }

    /** The ticket's id: {@code ticket.id} of a trigger's body, {@code detail.id} of an event, or {@code ticket_id}. */
    private String ticketId(byte[] body) {
        JsonNode event;
        try {
            event = objectMapper.readTree(body);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IntakeExceptions.InvalidRequest("The webhook body is not JSON");
        }
        if (event == null) {
            throw new IntakeExceptions.InvalidRequest("The webhook body is empty");
        }
        for (JsonNode id : new JsonNode[] {event.path("ticket").path("id"), event.path("detail").path("id"),
                event.path("ticket_id")}) {
            String value = id.asText("").trim();
            if (value.matches("\\d{1,19}")) {
                return value;
            }
        }
        throw new IntakeExceptions.InvalidRequest("The webhook body names no ticket id (ticket.id)");
    }

    static String signature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
