package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import io.ticketsmith.safety.PiiRedactor;
import io.ticketsmith.safety.PiiVault;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Replaces the request text and its reporter with their redacted forms: the one place a request's text is redacted, whichever door it
 * came through. It runs in the transaction that starts the request, so the text as submitted is never committed to
 * the runtime tables (history is covered by {@link io.ticketsmith.safety.RedactingHistoryEventHandler}).
 */
@Component
class RedactRequestDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(RedactRequestDelegate.class);

    private final PiiRedactor redactor;
    private final RequestProperties properties;
    private final PiiVault vault;

    RedactRequestDelegate(PiiRedactor redactor, RequestProperties properties, PiiVault vault) {
        this.redactor = redactor;
        this.properties = properties;
        this.vault = vault;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String text = Variables.REQUEST_TEXT.get(execution);
        if (text == null || text.isBlank()) {
            // Refuses the start: the caller gets this message and nothing is created.
            throw new BadUserRequestException("The request needs a non-empty 'requestText'");
        }
        // The reporter names a person: redacted with the text, so the same person has the same placeholder in both.
        PiiRedactor.WithReporter redacted = redactor.redactWithReporter(text, Variables.REPORTER.get(execution));
        PiiRedactor.Redaction redaction = redacted.redaction();
        Variables.REQUEST_TEXT.set(execution, properties.fitRequestText(redaction.text()));
        Variables.REPORTER.set(execution, redacted.reporter());
        java.util.Map<String, Integer> kinds = new java.util.TreeMap<>(redaction.counts());
        Variables.REDACTED_KINDS.set(execution, kinds);
        Variables.REDACTED_ITEMS.set(execution, kinds.values().stream().mapToInt(Integer::intValue).sum());
        vault.store(execution.getProcessBusinessKey(), redaction.originals());
        log.debug("Request {}: redacted {}", execution.getProcessBusinessKey(), redaction.counts());
    }
}
