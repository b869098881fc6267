package io.ticketsmith.engine;

import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;

/**
 * The engine's history as history level FULL writes it, except that a variable stored as a byte array (the JSON and
 * serialized variables: the analysis, the actions, the reviews, the decision audit) keeps only its latest value, in
 * {@code ACT_HI_VARINST}, instead of one more copy in {@code ACT_HI_DETAIL} and {@code ACT_GE_BYTEARRAY} at every
 * update. Those copies were most of a request's history, and nothing reads them: what a request went through is
 * kept in variables of its own (the actions as proposed and as approved, each review with its changes, every
 * decision table's matched rules), whose final values remain. Text, number, date and boolean variables keep their
 * update history, so Cockpit still shows how the route, the outcome or the review decision changed.
 */
public class CompactHistoryEventHandler extends DbHistoryEventHandler {

    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity historyEvent) {
        return historyEvent.getByteValue() == null && super.shouldWriteHistoricDetail(historyEvent);
    }
}
