package io.ticketsmith.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;

import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * The one codec of the request's JSON variables. They are stored as Spin JSON, so Cockpit shows them as JSON and
 * Camunda Forms bind to them; they are read into the product's records straight from the tree Spin already holds,
 * without printing and parsing it again.
 */
public final class RequestJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private RequestJson() {
    }

    public static TypeFactory types() {
        return MAPPER.getTypeFactory();
    }

    /** A value as a Spin JSON variable. */
    public static TypedValue value(Object value) {
        return SpinValues.jsonValue(text(value)).create();
    }

    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Value cannot be written as JSON", e);
        }
    }

    /** A variable's value (Spin JSON, JSON text, a tree, or plain maps and lists) as a tree; null stays null. */
    public static JsonNode tree(Object value) {
        if (value == null) {
            return null;
        }
        try {
            if (value instanceof JsonNode node) {
                return node;
            }
            if (value instanceof SpinJsonNode spin) {
                return spin.unwrap() instanceof JsonNode node ? node : MAPPER.readTree(spin.toString());
            }
            if (value instanceof String text) {
                return text.isBlank() ? null : MAPPER.readTree(text);
            }
            return MAPPER.valueToTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T convert(JsonNode node, JavaType type) {
        return MAPPER.convertValue(node, type);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
