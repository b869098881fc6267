package io.ticketsmith.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ticketsmith.analysis.AnalysisValidator;

/** The schema sent to the model says what the validator accepts. */
class AnalysisOutputConverterTest {

    private final Map<String, Object> schema = new AnalysisOutputConverter().getJsonSchemaMap();

    @Test
    void actionsRequireOnlyTheirTypeAndAcceptNullForTheOtherFields() {
        Map<String, Object> action = map(map(schema, "properties"), "actions", "items");

        assertThat(action.get("required")).isEqualTo(List.of("type"));
        assertThat(map(action, "properties", "type").get("enum")).isEqualTo(List.of("create_issue", "comment",
                "assign", "transition", "add_labels", "draft_reply", "link_issue", "create_page", "tag", "set_priority",
                "internal_note"));
        assertThat(map(action, "properties", "ticketId").get("type")).isEqualTo(List.of("string", "null"));
        assertThat(map(action, "properties", "parent").get("type")).isEqualTo(List.of("string", "null"));
        assertThat(map(action, "properties", "labels").get("type")).isEqualTo(List.of("array", "null"));
        assertThat(map(action, "properties", "linkedIssueKey").get("type")).isEqualTo(List.of("string", "null"));
    }

    @Test
    void confidencesAreBetweenZeroAndOneAndTheSummaryIsShort() {
        Map<String, Object> properties = map(schema, "properties");

        assertThat(map(properties, "confidence", "properties", "urgency"))
                .containsEntry("minimum", 0.0).containsEntry("maximum", 1.0);
        assertThat(map(properties, "summary")).containsEntry("maxLength", AnalysisValidator.MAX_SUMMARY_LENGTH);
        assertThat(schema.get("required")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains("intent", "confidence", "actions");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> node, String... path) {
        Map<String, Object> current = node;
        for (String key : path) {
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }
}
