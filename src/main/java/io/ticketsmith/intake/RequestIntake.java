package io.ticketsmith.intake;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.request.RequestProperties;
import io.ticketsmith.request.RequestVariables;
import io.ticketsmith.safety.PiiRedactor;
import io.ticketsmith.safety.PiiVault;
import io.ticketsmith.request.HandleRequestProcess.Variables;

import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts a request: records it and starts its process in one transaction, so a request is either fully
 * there or not at all. The unique external id makes concurrent duplicates meet in the database: the second
 * insert waits for the first transaction and then finds its request.
 */
@Service
public class RequestIntake {

    private static final Logger log = LoggerFactory.getLogger(RequestIntake.class);

    private final RequestRegistry registry;
    private final RuntimeService runtimeService;
    private final TransactionTemplate transaction;
    private final IntakeProperties properties;
    private final PiiRedactor redactor;
    private final RequestProperties requestProperties;
    private final RequestVariables requestVariables;
    private final PiiVault vault;

    RequestIntake(RequestRegistry registry, RuntimeService runtimeService, PlatformTransactionManager transactionManager,
            IntakeProperties properties, PiiRedactor redactor, RequestProperties requestProperties,
            RequestVariables requestVariables, PiiVault vault) {
        this.registry = registry;
        this.runtimeService = runtimeService;
        this.transaction = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.redactor = redactor;
        this.requestProperties = requestProperties;
        this.requestVariables = requestVariables;
        this.vault = vault;
    }

    /** A request as it comes in. */
    public record NewRequest(String text, String source, String reporter, String externalId) {
    }

    /** @param created false when the external id was known and the existing request is returned */
    public record Submitted(RequestRegistry.RequestRecord request, boolean created) {
    }

    public Submitted submit(NewRequest request, String submittedBy) {
        checkText(request.text());
        String externalId = blankToNull(request.externalId());
        if (externalId != null) {
            var known = registry.findByExternalId(externalId);
            if (known.isPresent()) {
                return new Submitted(known.get(), false);
            }
        }
        String id = UUID.randomUUID().toString();
        String source = blankToNull(request.source()) == null ? HandleRequestProcess.Sources.API : request.source().trim();
        try {
            transaction.executeWithoutResult(status -> {
                registry.insert(id, externalId, source, blankToNull(request.reporter()), submittedBy);
                Map<String, Object> variables = new HashMap<>();
                PiiRedactor.Redaction redaction = redactor.redact(request.text());
                vault.store(id, redaction.originals());
                // Redacted here already, so the text as submitted never reaches the engine.
                Variables.REQUEST_TEXT.put(variables, requestProperties.fitRequestText(redaction.text()));
                variables.put(Variables.REDACTED_KINDS, requestVariables.json(redaction.counts()));
                Variables.SOURCE.put(variables, source);
                Variables.REPORTER.put(variables, blankToNull(request.reporter()));
                Variables.EXTERNAL_ID.put(variables, externalId);
                if (HandleRequestProcess.Sources.JIRA.equals(source)) {
                    Variables.JIRA_ISSUE_KEYS.put(variables, externalId);
                }
                runtimeService.startProcessInstanceByKey(HandleRequestProcess.KEY, id, variables);
            });
        } catch (DuplicateKeyException concurrentDuplicate) {
            return new Submitted(registry.findByExternalId(externalId).orElseThrow(() -> concurrentDuplicate), false);
        }
        log.info("Request {} accepted from {} (source {})", id, submittedBy, source);
        return new Submitted(registry.findById(id).orElseThrow(), true);
    }

    void checkText(String text) {
        if (text == null || text.isBlank()) {
            throw new IntakeExceptions.InvalidRequest("'text' is required and must not be blank");
        }
        long size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > properties.maxTextSize().toBytes()) {
            throw new IntakeExceptions.TextTooLarge(size, properties.maxTextSize().toBytes());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
