package io.ticketsmith.intake;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.ticketsmith.audit.RequestRegistry;
import io.ticketsmith.observability.TicketsmithMetrics;
import io.ticketsmith.request.HandleRequestProcess.Variables;
import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.request.StartInput;

import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Accepts a request: starts its process, whose start registers the request's row in the same transaction
 * (see {@code RequestStatusPlugin}), so a request is either fully there or not at all. The unique external id
 * makes concurrent duplicates meet in the database: the second start waits for the first transaction and then
 * finds its request.
 */
@Service
public class RequestIntake {

    private static final Logger log = LoggerFactory.getLogger(RequestIntake.class);

    private final RequestRegistry registry;
    private final RuntimeService runtimeService;
    private final IntakeProperties properties;

    RequestIntake(RequestRegistry registry, RuntimeService runtimeService, IntakeProperties properties) {
        this.registry = registry;
        this.runtimeService = runtimeService;
        this.properties = properties;
    }

    /** A request as it comes in. */
    public record NewRequest(String text, String source, String reporter, String externalId, String replyTone) {

        public NewRequest(String text, String source, String reporter, String externalId) {
            this(text, source, reporter, externalId, null);
        }
    }

    /** @param created false when the external id was known and the existing request is returned */
    public record Submitted(RequestRegistry.RequestRecord request, boolean created) {
    }

    public Submitted submit(NewRequest request, String submittedBy) {
        checkText(request.text());
        String source = blankToNull(request.source()) == null ? HandleRequestProcess.Sources.API : request.source().trim();
        // As given, before trimming, which would silently drop leading and trailing control characters.
        String refused = StartInput.refusal(request.text(), source, request.reporter(), request.externalId());
        if (refused == null) {
            refused = StartInput.refusalOfTone(blankToNull(request.replyTone()));
        }
        if (refused != null) {
            throw new IntakeExceptions.InvalidRequest(refused);
        }
        String externalId = blankToNull(request.externalId());
        String scope = RequestRegistry.externalScope(source, submittedBy);
        if (externalId != null) {
            var known = registry.findByExternalId(scope, externalId);
            if (known.isPresent()) {
                return new Submitted(known.get(), false);
            }
        }
        String id = UUID.randomUUID().toString();
        Map<String, Object> variables = new HashMap<>();
        // Redacted, cut and put in the vault by the process's first step, in this same transaction.
        Variables.REQUEST_TEXT.put(variables, request.text());
        Variables.SOURCE.put(variables, source);
        Variables.REPORTER.put(variables, blankToNull(request.reporter()));
        Variables.EXTERNAL_ID.put(variables, externalId);
        String tone = blankToNull(request.replyTone());
        if (tone != null) {
            Variables.REPLY_TONE.put(variables, tone.trim().toLowerCase(java.util.Locale.ROOT));
        }
        variables.put(Variables.SUBMITTED_BY.name(), org.camunda.bpm.engine.variable.Variables.stringValue(submittedBy, true));
        if (HandleRequestProcess.Sources.JIRA.equals(source)) {
            Variables.JIRA_ISSUE_KEYS.put(variables, externalId);
        }
        try {
            runtimeService.startProcessInstanceByKey(HandleRequestProcess.KEY, id, variables);
        } catch (RuntimeException e) {
            if (!isDuplicate(e)) {
                throw e;
            }
            // Another submission with the same external id registered first (ts_request keeps it unique).
            return new Submitted(registry.findByExternalId(scope, externalId).orElseThrow(() -> e), false);
        }
        log.info("Request {} accepted from {} (source {})", id, submittedBy, TicketsmithMetrics.sourceLabel(source));
        return new Submitted(registry.findById(id).orElseThrow(), true);
    }

    void checkText(String text) {
        if (text == null || text.isBlank()) {
            throw new IntakeExceptions.InvalidRequest("'text' is required and must not be blank");
        }
        String refused = StartInput.refusal(text, null, null, null);
        if (refused != null) {
            throw new IntakeExceptions.InvalidRequest(refused.replace("'requestText'", "'text'"));
        }
        long size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > properties.maxTextSize().toBytes()) {
            throw new IntakeExceptions.TextTooLarge(size, properties.maxTextSize().toBytes());
        }
    }

    private static boolean isDuplicate(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof DuplicateKeyException) {
                return true;
            }
        }
        return false;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
