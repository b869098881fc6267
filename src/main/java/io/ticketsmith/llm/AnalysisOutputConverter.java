package io.ticketsmith.llm;

import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.ai.converter.BeanOutputConverter;

import io.ticketsmith.analysis.ActionType;
import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.AnalysisValidator;

/**
 * Spring AI's converter for {@link Analysis}, with the generated JSON schema brought in line with the contract that
 * {@link AnalysisValidator} checks. Left as generated, the schema marks all fourteen action fields as required
 * strings, which tells the model to fill {@code parent} or {@code issueKey} with "" on actions where they do not
 * apply, and the validator then rejects the empty keys.
 */
class AnalysisOutputConverter extends BeanOutputConverter<Analysis> {

    AnalysisOutputConverter() {
        super(Analysis.class);
    }

    // Called from the superclass constructor: use no instance fields here.
    @Override
    protected void postProcessSchema(JsonNode schema) {
        JsonNode properties = schema.path("properties");
        if (properties.path("summary") instanceof ObjectNode summary) {
            summary.put("maxLength", AnalysisValidator.MAX_SUMMARY_LENGTH);
        }
        if (properties.path("confidence").path("properties") instanceof ObjectNode confidences) {
            confidences.elements().forEachRemaining(confidence -> {
                if (confidence instanceof ObjectNode range) {
                    range.put("minimum", 0.0).put("maximum", 1.0);
                }
            });
        }
        if (properties.path("actions").path("items") instanceof ObjectNode action) {
            relaxActionFields(action);
        }
    }

    /** Only {@code type} is required of every action; the other fields are optional and may be null. */
    private static void relaxActionFields(ObjectNode action) {
        action.putArray("required").add("type");
        if (!(action.path("properties") instanceof ObjectNode fields)) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            if (!(field.getValue() instanceof ObjectNode definition) || !definition.path("type").isTextual()) {
                continue;
            }
            if ("type".equals(field.getKey())) {
                ArrayNode names = definition.putArray("enum");
                Arrays.stream(ActionType.values()).map(ActionType::wireName).forEach(names::add);
            } else {
                String type = definition.path("type").asText();
                definition.putArray("type").add(type).add("null");
            }
        }
    }
}
