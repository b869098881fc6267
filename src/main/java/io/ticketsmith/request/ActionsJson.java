package io.ticketsmith.request;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Actions as a form or an API client sends them back, tidied before they are read: empty text fields become
 * absent, text is trimmed, and labels typed as "a, b" become a list.
 */
final class ActionsJson {

    private ActionsJson() {
    }

    static JsonNode tidy(JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("actions must be a JSON list of action objects");
        }
        ArrayNode tidied = JsonNodeFactory.instance.arrayNode();
        for (JsonNode action : node) {
            if (!action.isObject()) {
                throw new IllegalArgumentException("actions must contain only JSON objects, found: " + action);
            }
            tidied.add(tidy((ObjectNode) action.deepCopy()));
        }
        return tidied;
    }

    private static ObjectNode tidy(ObjectNode action) {
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
}
