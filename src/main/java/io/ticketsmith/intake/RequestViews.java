package io.ticketsmith.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.request.HandleRequestProcess.Variables;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Service;

/** Builds the API's view of a request from its row and its process variables (current or historic). */
@Service
class RequestViews {

    private final RequestRegistry registry;
    private final HistoryService history;
    private final ObjectMapper objectMapper;

    RequestViews(RequestRegistry registry, HistoryService history, ObjectMapper objectMapper) {
        this.registry = registry;
        this.history = history;
        this.objectMapper = objectMapper;
    }

    RequestView view(String id) {
        return view(registry.findById(id).orElseThrow(() -> new IntakeExceptions.UnknownRequest(id)));
    }

    RequestView summary(RequestRegistry.RequestRecord record) {
        return new RequestView(record.id(), record.externalId(), record.source(), record.reporter(),
                record.processInstanceId(), record.status(), record.createdAt(), record.updatedAt(), null, null, null,
                null, null, null, statusUrl(record.id()));
    }

    RequestView view(RequestRegistry.RequestRecord record) {
        Map<String, Object> variables = variables(record.processInstanceId());
        RequestView.Guardrails guardrails = variables.containsKey(Variables.ROUTE.name())
                ? new RequestView.Guardrails(string(variables, Variables.ROUTE.name()),
                        string(variables, Variables.GUARDRAIL_REASON.name()),
                        string(variables, Variables.REVIEWER_GROUP.name()), string(variables, Variables.REVIEW_DUE.name()),
                        guardrailsVersion(variables), matchedGuardrailRules(variables))
                : null;
        RequestView.Review review = variables.containsKey(Variables.REVIEW_DECISION.name())
                ? new RequestView.Review(string(variables, Variables.REVIEW_DECISION.name()),
                        string(variables, Variables.REVIEW_COMMENT.name()),
                        string(variables, Variables.REVIEWED_BY.name()),
                        variables.get(Variables.REVIEWED_AT.name()) instanceof java.util.Date at ? at.toInstant() : null,
                        json(variables.get(Variables.REVIEW_CHANGES)))
                : null;
        return new RequestView(record.id(), record.externalId(), record.source(), record.reporter(),
                record.processInstanceId(), record.status(), record.createdAt(), record.updatedAt(),
                string(variables, Variables.ANALYSIS_SOURCE.name()), json(variables.get(Variables.ANALYSIS)), guardrails,
                review, json(variables.get(Variables.ACTIONS)), json(variables.get(Variables.ACTION_RESULTS)),
                statusUrl(record.id()));
    }

    static String statusUrl(String id) {
        return "/api/requests/" + id;
    }

    private Map<String, Object> variables(String processInstanceId) {
        Map<String, Object> variables = new HashMap<>();
        if (processInstanceId == null) {
            return variables;
        }
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).disableCustomObjectDeserialization().list()) {
            // Java objects stay serialized: the view needs none of them, and reading them would trust their type.
            if (variable.getTypedValue() instanceof org.camunda.bpm.engine.variable.value.ObjectValue) {
                continue;
            }
            if (variable.getValue() != null) {
                variables.put(variable.getName(), variable.getValue());
            }
        }
        return variables;
    }

    private JsonNode guardrailsEntry(Map<String, Object> variables) {
        JsonNode audit = json(variables.get(Variables.DECISION_AUDIT));
        JsonNode found = null;
        if (audit != null) {
            for (JsonNode entry : audit) {
                if ("guardrails".equals(entry.path("decision").asText())) {
                    found = entry;
                }
            }
        }
        return found;
    }

    private Integer guardrailsVersion(Map<String, Object> variables) {
        JsonNode entry = guardrailsEntry(variables);
        return entry == null || !entry.has("version") ? null : entry.get("version").asInt();
    }

    private List<String> matchedGuardrailRules(Map<String, Object> variables) {
        JsonNode entry = guardrailsEntry(variables);
        List<String> rules = new ArrayList<>();
        if (entry != null) {
            entry.path("matchedRules").forEach(rule -> rules.add(rule.asText()));
        }
        return rules;
    }

    private JsonNode json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return objectMapper.readTree(value.toString());
        } catch (JsonProcessingException e) {
            return objectMapper.getNodeFactory().textNode(value.toString());
        }
    }

    private static String string(Map<String, Object> variables, String name) {
        Object value = variables.get(name);
        return value == null ? null : value.toString();
    }
}
