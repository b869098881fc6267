package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Reads and writes the JSON process variables (Spin JSON, so Cockpit shows them as JSON and Tasklist's
 * Camunda Forms can bind to them) and the flat variables the review form shows.
 */
@Component
public class RequestVariables {

    private static final TypeReference<List<ProposedAction>> ACTION_LIST = new TypeReference<>() { };

    private final ObjectMapper objectMapper;

    RequestVariables(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** Everything that describes an analysis, as the variables the process and the review form use. */
    public Map<String, Object> analysisVariables(Analysis analysis, String source) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.ANALYSIS, json(analysis));
        variables.put(Variables.ACTIONS, json(analysis.actions()));
        Variables.ANALYSIS_SOURCE.put(variables, source);
        Variables.SUMMARY.put(variables, analysis.summary());
        Variables.CATEGORY.put(variables, analysis.category());
        Variables.URGENCY.put(variables, analysis.urgency());
        Variables.SENTIMENT.put(variables, analysis.sentiment());
        Variables.CONFIDENCE_SUMMARY.put(variables, confidenceSummary(analysis.confidence()));
        Variables.EXPLANATION.put(variables, analysis.explanation());
        return variables;
    }

    public Analysis analysis(VariableScope scope) {
        return read(scope, Variables.ANALYSIS, Analysis.class);
    }

    /** The actions as they stand now (proposed, decided on or edited by a reviewer), normalised. */
    public List<ProposedAction> actions(VariableScope scope) {
        return actionsFrom(scope.getVariable(Variables.ACTIONS));
    }

    public List<ProposedAction> proposedActions(VariableScope scope) {
        return actionsFrom(scope.getVariable(Variables.PROPOSED_ACTIONS));
    }

    /**
     * Reads actions as a form or an API client may send them back: empty text fields become absent and
     * labels typed as "a, b" become a list.
     */
    List<ProposedAction> actionsFrom(Object value) {
        JsonNode node = tree(value);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("actions must be a JSON list of action objects");
        }
        ArrayNode normalised = objectMapper.createArrayNode();
        for (JsonNode action : node) {
            if (!action.isObject()) {
                throw new IllegalArgumentException("actions must contain only JSON objects, found: " + action);
            }
            normalised.add(normalise((ObjectNode) action.deepCopy()));
        }
        try {
            return objectMapper.convertValue(normalised, ACTION_LIST);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("actions do not have the expected fields: " + e.getMessage(), e);
        }
    }

    public <T> T read(VariableScope scope, String name, Class<T> type) {
        JsonNode node = tree(scope.getVariable(name));
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return objectMapper.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Variable " + name + " does not hold a valid " + type.getSimpleName(), e);
        }
    }

    public <T> T read(VariableScope scope, String name, TypeReference<T> type) {
        JsonNode node = tree(scope.getVariable(name));
        return node == null || node.isNull() ? null : objectMapper.convertValue(node, type);
    }

    /** A JSON object of counts (e.g. redacted values per kind); empty when the variable is absent. */
    public Map<String, Integer> readCounts(VariableScope scope, String name) {
        Map<String, Integer> counts = read(scope, name, new TypeReference<Map<String, Integer>>() { });
        return counts == null ? Map.of() : counts;
    }

    /** A value as a Spin JSON variable. */
    public TypedValue json(Object value) {
        try {
            return SpinValues.jsonValue(objectMapper.writeValueAsString(value)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Value cannot be written as JSON", e);
        }
    }

    public String jsonText(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Value cannot be written as JSON", e);
        }
    }

    private JsonNode tree(Object value) {
        if (value == null) {
            return null;
        }
        try {
            if (value instanceof String text) {
                return text.isBlank() ? null : objectMapper.readTree(text);
            }
            // Spin JSON nodes, maps and lists all print as JSON.
            if (value instanceof org.camunda.spin.json.SpinJsonNode spin) {
                return objectMapper.readTree(spin.toString());
            }
            return objectMapper.valueToTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode normalise(ObjectNode action) {
        List<String> blank = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = action.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull() || value.isTextual() && value.asText().isBlank()) {
                blank.add(field.getKey());
            } else if (value.isTextual()) {
                action.put(field.getKey(), value.asText().trim());
            }
        }
        blank.forEach(action::remove);
        JsonNode labels = action.get("labels");
        if (labels != null && labels.isTextual()) {
            ArrayNode list = action.putArray("labels");
            for (String label : labels.asText().split(",")) {
                if (!label.isBlank()) {
                    list.add(label.trim());
                }
            }
        }
        return action;
    }

    static String confidenceSummary(Analysis.Confidence confidence) {
        if (confidence == null) {
            return "";
        }
        return String.format(Locale.ROOT, "intent %.2f · category %.2f · urgency %.2f · sentiment %.2f",
                orZero(confidence.intent()), orZero(confidence.category()), orZero(confidence.urgency()),
                orZero(confidence.sentiment()));
    }

    private static double orZero(Double value) {
        return value == null ? 0.0 : value;
    }
}
