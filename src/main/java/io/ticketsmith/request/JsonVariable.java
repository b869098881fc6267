package io.ticketsmith.request;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.DataFormats;

/**
 * A JSON-valued process variable with its name and Java type, beside {@link ProcessVariable}: written as Spin JSON
 * through {@link RequestJson}, read back as the type. A step reads each once and passes the value on.
 *
 * <p>A variable is read from its stored text straight into the type: the engine is not asked to parse it into a
 * Spin tree first, which the type would then be converted from.
 *
 * @param reading how a stored tree is tidied before it is read (e.g. actions as a form sends them back)
 */
public record JsonVariable<T>(String name, JavaType type, UnaryOperator<JsonNode> reading) {

    /** Read as stored: no tidying, so a stored text can be read straight into the type. */
    private static final UnaryOperator<JsonNode> AS_STORED = UnaryOperator.identity();

    public static <T> JsonVariable<T> of(String name, Class<T> type) {
        return new JsonVariable<>(name, RequestJson.types().constructType(type), AS_STORED);
    }

    public static <T> JsonVariable<List<T>> listOf(String name, Class<T> elementType) {
        return new JsonVariable<>(name, RequestJson.types().constructCollectionType(List.class, elementType),
                AS_STORED);
    }

    /** A list of JSON objects kept as maps: entries whose shape belongs to whoever writes them. */
    public static JsonVariable<List<Map<String, Object>>> listOfObjects(String name) {
        return new JsonVariable<>(name, RequestJson.types().constructCollectionType(List.class,
                RequestJson.types().constructMapType(Map.class, String.class, Object.class)), AS_STORED);
    }

    public static <V> JsonVariable<Map<String, V>> mapOf(String name, Class<V> valueType) {
        return new JsonVariable<>(name, RequestJson.types().constructMapType(Map.class, String.class, valueType),
                AS_STORED);
    }

    JsonVariable<T> readingAs(UnaryOperator<JsonNode> tidy) {
        return new JsonVariable<>(name, type, tidy);
    }

    /** The value, or null when the variable is absent or null. */
    public T get(VariableScope scope) {
        TypedValue stored = scope.getVariableTyped(name, false);
        if (stored == null) {
            return null;
        }
        if (stored instanceof SerializableValue serializable && !serializable.isDeserialized()) {
            return DataFormats.JSON_DATAFORMAT_NAME.equals(serializable.getSerializationDataFormat())
                    ? readText(serializable.getValueSerialized())
                    : read(scope.getVariable(name));
        }
        return read(stored.getValue());
    }

    public T getOrDefault(VariableScope scope, T fallback) {
        T value = get(scope);
        return value == null ? fallback : value;
    }

    public T get(Map<String, ?> variables) {
        return read(variables.get(name));
    }

    public T read(Object stored) {
        JsonNode node = RequestJson.tree(stored);
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode tidied = reading.apply(node);
        try {
            return RequestJson.convert(tidied, type);
        } catch (IllegalArgumentException e) {
            throw unexpectedFields(e);
        }
    }

    private T readText(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (reading != AS_STORED) {
            return read(text);
        }
        try {
            return RequestJson.mapper().readValue(text, type);
        } catch (DatabindException e) {
            throw unexpectedFields(e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private IllegalArgumentException unexpectedFields(Exception e) {
        String verb = name.endsWith("s") ? " do" : " does";
        return new IllegalArgumentException(name + verb + " not have the expected fields: " + e.getMessage(), e);
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, RequestJson.value(value));
    }

    public void setLocal(VariableScope scope, Object value) {
        scope.setVariableLocal(name, RequestJson.value(value));
    }

    public void put(Map<String, Object> variables, T value) {
        variables.put(name, RequestJson.value(value));
    }
}
