package io.ticketsmith.safety;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Redacts the text variables that may hold personal data before their history is written. The request
 * text is set when a request starts, and the engine writes a history entry for that first value even
 * though the redaction step replaces it in the same transaction.
 */
public class RedactingHistoryEventHandler implements HistoryEventHandler {

    private static final int MAX_TEXT = 4000;

    private final HistoryEventHandler delegate;
    private final PiiRedactor redactor;
    private final Set<String> variableNames;

    public RedactingHistoryEventHandler(HistoryEventHandler delegate, PiiRedactor redactor, Set<String> variableNames) {
        this.delegate = delegate;
        this.redactor = redactor;
        this.variableNames = Set.copyOf(variableNames);
    }

    @Override
    public void handleEvent(HistoryEvent historyEvent) {
        redact(historyEvent);
        delegate.handleEvent(historyEvent);
    }

    @Override
    public void handleEvents(List<HistoryEvent> historyEvents) {
        historyEvents.forEach(this::redact);
        delegate.handleEvents(historyEvents);
    }

    /** The engine stores at most 4000 characters of a string variable; longer submitted texts are cut. */
    private static String fit(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    private void redact(HistoryEvent event) {
        if (event instanceof HistoricVariableUpdateEventEntity update
                && variableNames.contains(update.getVariableName())
                && update.getTextValue() != null) {
            update.setTextValue(fit(redactor.redact(update.getTextValue()).text()));
            if (update.getTextValue2() != null) {
                update.setTextValue2(redactor.redact(update.getTextValue2()).text());
            }
        }
    }
}
