package io.ticketsmith.request;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A JSON-valued process variable with its name and Java type, beside {@link ProcessVariable}: written as Spin JSON
 * through {@link RequestJson}, read back as the type. A step reads each once and passes the value on.
 *
 * @param reading how a stored tree is tidied before it is read (e.g. actions as a form sends them back)
 */
public record JsonVariable<T>(String name, JavaType type, UnaryOperator<JsonNode> reading) {

    public static <T> JsonVariable<T> of(String name, Class<T> type) {
        return new JsonVariable<>(name, RequestJson.types().constructType(type), UnaryOperator.identity());
    }

    public static <T> JsonVariable<List<T>> listOf(String name, Class<T> elementType) {
        return new JsonVariable<>(name, RequestJson.types().constructCollectionType(List.class, elementType),
                UnaryOperator.identity());
    }

    /** A list of JSON objects kept as maps: entries whose shape belongs to whoever writes them. */
    public static JsonVariable<List<Map<String, Object>>> listOfObjects(String name) {
        return new JsonVariable<>(name, RequestJson.types().constructCollectionType(List.class,
                RequestJson.types().constructMapType(Map.class, String.class, Object.class)), UnaryOperator.identity());
    }

    public static <V> JsonVariable<Map<String, V>> mapOf(String name, Class<V> valueType) {
        return new JsonVariable<>(name, RequestJson.types().constructMapType(Map.class, String.class, valueType),
                UnaryOperator.identity());
    }

    JsonVariable<T> readingAs(UnaryOperator<JsonNode> tidy) {
        return new JsonVariable<>(name, type, tidy);
    }

    /** The value, or null when the variable is absent or null. */
    public T get(VariableScope scope) {
        return read(scope.getVariable(name));
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
            String verb = name.endsWith("s") ? " do" : " does";
            throw new IllegalArgumentException(name + verb + " not have the expected fields: " + e.getMessage(), e);
        }
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
