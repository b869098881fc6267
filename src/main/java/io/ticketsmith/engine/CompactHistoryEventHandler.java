package io.ticketsmith.engine;

import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;

/**
 * The engine's history as history level FULL writes it, without the copies nobody reads:
 * <ul>
 * <li>A request's variables keep their latest value in {@code ACT_HI_VARINST}. A row of {@code ACT_HI_DETAIL} for a
 * single write is kept only for a plain (not JSON) value a person wrote: one they submitted in Tasklist or set
 * through the REST API, in a command with an entry in the user operation log, which the row names
 * ({@code USER_OPERATION_ID_}). What the process writes itself is recorded where auditors read it: each review with
 * its changes, the actions as proposed and as approved, every table's inputs, outputs and matched rules in the
 * decision history.</li>
 * <li>Variables local to an activity or a task (a multi-instance's counters, an input mapping's copy, the review
 * task's card) are the engine's working copies of a request's variables and have no {@code ACT_HI_VARINST} row; the
 * decision record, the Cockpit plugin and the replays read only the request's own variables. A value a person wrote
 * into one keeps its {@code ACT_HI_DETAIL} row, as above.</li>
 * </ul>
 * Each of these rows costs about 0.7 KB with its indexes, and they were most of a request's history.
 */
public class CompactHistoryEventHandler extends DbHistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent historyEvent) {
        if (historyEvent instanceof HistoricVariableUpdateEventEntity variable && isWorkingCopy(variable)) {
            // A value a person wrote into a working copy is kept as their change, like any other.
            if (shouldWriteHistoricDetail(variable)) {
                getDbEntityManager().insert(variable);
            }
            return;
        }
        super.handleEvent(historyEvent);
    }

    /**
     * Whether a variable lives in a task or an activity of a process instance rather than in the instance itself.
     * The same for every event of a variable instance, so its history is written whole or not at all.
     */
    static boolean isWorkingCopy(HistoricVariableUpdateEventEntity variable) {
        String processInstanceId = variable.getProcessInstanceId();
        return processInstanceId != null
                && (variable.getTaskId() != null || !processInstanceId.equals(variable.getScopeActivityInstanceId()));
    }

    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity historyEvent) {
        return historyEvent.getUserOperationId() != null && historyEvent.getByteValue() == null
                && !JsonTextValuesPlugin.JsonSerializer.NAME.equals(historyEvent.getSerializerName())
                && super.shouldWriteHistoricDetail(historyEvent);
    }
}
