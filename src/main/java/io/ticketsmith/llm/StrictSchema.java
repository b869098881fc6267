package io.ticketsmith.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ticketsmith.analysis.AnalysisValidator;

/**
 * A JSON schema in the form OpenAI's strict structured outputs accept: every object closed
 * ({@code additionalProperties: false}) and listing all its properties as required, a property that was optional
 * made nullable instead (so the model answers {@code null} rather than leaving it out), and no {@code $schema}.
 * Length and range constraints are left out too: strict mode refuses some of them depending on the model, and
 * {@link AnalysisValidator} checks them on every answer anyway (the one re-ask catches a summary too long).
 */
final class StrictSchema {

    private StrictSchema() {
    }

    static Map<String, Object> of(Map<String, Object> schema) {
        Map<String, Object> strict = strict(schema);
        strict.remove("$schema");
        return strict;
    }

    private static final List<String> CONSTRAINTS = List.of("maxLength", "minLength", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "pattern", "format");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> strict(Map<String, Object> schema) {
        Map<String, Object> copy = new LinkedHashMap<>(schema);
        CONSTRAINTS.forEach(copy::remove);
        if (copy.get("items") instanceof Map<?, ?> items) {
            copy.put("items", strict((Map<String, Object>) items));
        }
        if (copy.get("properties") instanceof Map<?, ?> properties) {
            List<String> required = copy.get("required") instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList() : List.of();
            Map<String, Object> closed = new LinkedHashMap<>();
            ((Map<String, Object>) properties).forEach((name, property) -> {
                Map<String, Object> strictProperty = strict((Map<String, Object>) property);
                closed.put(name, required.contains(name) ? strictProperty : nullable(strictProperty));
            });
            copy.put("properties", closed);
            copy.put("required", new ArrayList<>(closed.keySet()));
            copy.put("additionalProperties", false);
        }
        return copy;
    }

    private static Map<String, Object> nullable(Map<String, Object> property) {
        Map<String, Object> copy = new LinkedHashMap<>(property);
        Object type = copy.get("type");
        if (type instanceof String single && !"null".equals(single)) {
            copy.put("type", List.of(single, "null"));
        } else if (type instanceof List<?> several && !several.contains("null")) {
            List<Object> withNull = new ArrayList<>(several);
            withNull.add("null");
            copy.put("type", withNull);
        }
        if (copy.get("enum") instanceof List<?> values && !values.contains(null)) {
            List<Object> withNull = new ArrayList<>(values);
            withNull.add(null);
            copy.put("enum", withNull);
        }
        return copy;
    }
}
