package io.ticketsmith.audit;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.springframework.stereotype.Component;

/** A request's process variables as its history holds them, for the status view and the decision record. */
@Component
class RequestHistory {

    private final HistoryService history;
    private final ObjectMapper objectMapper;

    RequestHistory(HistoryService history, ObjectMapper objectMapper) {
        this.history = history;
        this.objectMapper = objectMapper;
    }

    /** The latest value of every variable; empty when the request has no process (yet). */
    Map<String, Object> variables(String processInstanceId) {
        Map<String, Object> variables = new HashMap<>();
        if (processInstanceId == null) {
            return variables;
        }
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).disableCustomObjectDeserialization().list()) {
            // Java objects stay serialized: the views need none of them, and reading them would trust their type.
            // Only the request's own values: not a task's (the review form's working copies) nor a step's (the
            // priority table's inputs for one new issue), which would shadow them by name.
            if (processInstanceId.equals(variable.getActivityInstanceId()) && variable.getTaskId() == null
                    && !(variable.getTypedValue() instanceof ObjectValue) && variable.getValue() != null) {
                variables.put(variable.getName(), variable.getValue());
            }
        }
        return variables;
    }

    /** A JSON variable as a tree; a value that is not JSON as a text node; null as null. */
    JsonNode json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return objectMapper.readTree(value.toString());
        } catch (JsonProcessingException e) {
            return objectMapper.getNodeFactory().textNode(value.toString());
        }
    }
}
