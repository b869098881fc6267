package io.ticketsmith.safety;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Redacts the text variables that may hold personal data before their history is written. The request
 * text is set when a request starts, and the engine writes a history entry for that first value even
 * though the redaction step replaces it in the same transaction.
 *
 * <p>Form-property events are dropped, not written. Submitting a start or task form (Tasklist does so for every
 * form) makes the engine record each submitted string field once more in {@code ACT_HI_DETAIL}, as it was
 * submitted: before the process could redact it and uncut, so a field longer than the column's 4000 characters
 * fails the whole submission on PostgreSQL. Those records add nothing: every submitted field is also set as a
 * variable, whose history is redacted and cut here, and the user operation log records who submitted the form.
 * Redacting them instead would mean deciding, field by field, which free text may hold personal data, for a copy
 * that Ticketsmith never reads.
 */
public class RedactingHistoryEventHandler implements HistoryEventHandler {

    /** Longest value {@code TEXT_} and {@code TEXT2_} of the engine's history tables take. */
    static final int MAX_TEXT = 4000;

    private final HistoryEventHandler delegate;
    private final PiiRedactor redactor;
    private final Set<String> variableNames;
    private final String reporterVariable;

    /**
     * @param variableNames free-text variables, redacted as text
     * @param reporterVariable the variable naming the person who reported a request, replaced as a whole (see
     *        {@link PiiRedactor#redactWithReporter}); null for none
     */
    public RedactingHistoryEventHandler(HistoryEventHandler delegate, PiiRedactor redactor, Set<String> variableNames,
            String reporterVariable) {
        this.delegate = delegate;
        this.redactor = redactor;
        this.variableNames = Set.copyOf(variableNames);
        this.reporterVariable = reporterVariable;
    }

    @Override
    public void handleEvent(HistoryEvent historyEvent) {
        if (isFormProperty(historyEvent)) {
            return;
        }
        redact(historyEvent);
        delegate.handleEvent(historyEvent);
    }

    @Override
    public void handleEvents(List<HistoryEvent> historyEvents) {
        List<HistoryEvent> written = historyEvents.stream().filter(event -> !isFormProperty(event)).toList();
        written.forEach(this::redact);
        delegate.handleEvents(written);
    }

    private static boolean isFormProperty(HistoryEvent event) {
        return event instanceof HistoricFormPropertyEventEntity;
    }

    /**
     * A value the redaction step has just set is the redactor's own output: the update that replaces the submitted
     * text is written as it is, and only the first, submitted value is read for personal data.
     */
    private boolean needsRedaction(String value) {
        return value != null && !redactor.returnedJustNow(value);
    }

    /**
     * The runtime table holds at most 4000 characters too, so a longer value can only be one the product replaces
     * in the same transaction (the request text, a review comment); its first value must not fail the transaction.
     */
    private static String fit(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    private void redact(HistoryEvent event) {
        if (!(event instanceof HistoricVariableUpdateEventEntity update)) {
            return;
        }
        if (update.getVariableName() != null && update.getVariableName().equals(reporterVariable)) {
            if (needsRedaction(update.getTextValue())) {
                update.setTextValue(redactor.redactWithReporter("", update.getTextValue()).reporter());
            }
            if (needsRedaction(update.getTextValue2())) {
                update.setTextValue2(redactor.redactWithReporter("", update.getTextValue2()).reporter());
            }
        } else if (variableNames.contains(update.getVariableName())) {
            if (needsRedaction(update.getTextValue())) {
                update.setTextValue(redactor.redact(update.getTextValue()).text());
            }
            if (needsRedaction(update.getTextValue2())) {
                update.setTextValue2(redactor.redact(update.getTextValue2()).text());
            }
        }
        update.setTextValue(fit(update.getTextValue()));
        update.setTextValue2(fit(update.getTextValue2()));
    }
}
