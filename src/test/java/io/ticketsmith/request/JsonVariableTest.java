package io.ticketsmith.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;

import io.ticketsmith.analysis.ProposedAction;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.Spin;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;

/** Reading a request's JSON variables from the engine: from the stored text where there is one. */
class JsonVariableTest {

    private static final JsonVariable<Map<String, Integer>> KINDS = JsonVariable.mapOf("redactedKinds", Integer.class);

    private final VariableScope scope = mock(VariableScope.class);

    private void stored(String name, TypedValue value) {
        when(scope.getVariableTyped(name, false)).thenReturn(value);
    }

    @Test
    void aStoredJsonTextIsReadIntoTheTypeWithoutTheEngineParsingItFirst() {
        stored("redactedKinds", SpinValues.jsonValue("{\"EMAIL\": 2, \"PHONE\": 1}").create());

        assertThat(KINDS.get(scope)).isEqualTo(Map.of("EMAIL", 2, "PHONE", 1));
        verify(scope, never()).getVariable(anyString());
    }

    @Test
    void actionsStoredAsAFormSentThemAreTidiedAsBefore() {
        stored("actions", SpinValues.jsonValue("""
                [{"type": "assign", "issueKey": "WEB-1", "assignee": "anna", "summary": "", "labels": ""}]""")
                .create());

        assertThat(HandleRequestProcess.Variables.ACTIONS.get(scope))
                .containsExactly(ProposedAction.assign("WEB-1", "anna"));
        verify(scope, never()).getVariable(anyString());
    }

    @Test
    void aValueTheCommandHoldsAsATreeIsReadFromTheTree() {
        stored("redactedKinds", SpinValues.jsonValue(Spin.JSON("{\"EMAIL\": 3}")).create());

        assertThat(KINDS.get(scope)).isEqualTo(Map.of("EMAIL", 3));
    }

    @Test
    void aValueKeptInAnotherFormatIsReadAsTheEngineDeserializesIt() {
        stored("redactedKinds", Variables.serializedObjectValue("<kinds><EMAIL>4</EMAIL></kinds>")
                .serializationDataFormat("application/xml").objectTypeName("java.util.HashMap").create());
        when(scope.getVariable("redactedKinds")).thenReturn(Map.of("EMAIL", 4));

        assertThat(KINDS.get(scope)).isEqualTo(Map.of("EMAIL", 4));
    }

    @Test
    void aJsonObjectValueNamingAnyClassIsReadAsTheVariablesOwnTypeWithoutTheEngineDeserializingIt() {
        // What a user of the engine REST API can send: JSON that names a class for the engine to build.
        stored("redactedKinds", Variables.serializedObjectValue("{\"EMAIL\": 5}")
                .serializationDataFormat("application/json").objectTypeName("java.lang.ProcessBuilder").create());

        assertThat(KINDS.get(scope)).isEqualTo(Map.of("EMAIL", 5));
        verify(scope, never()).getVariable(anyString());
    }

    @Test
    void aPlainTextVariableIsReadAsJsonText() {
        stored("redactedKinds", Variables.stringValue("{\"URL\": 1}"));

        assertThat(KINDS.get(scope)).isEqualTo(Map.of("URL", 1));
    }

    @Test
    void anAbsentBlankOrNullValueIsNull() {
        assertThat(KINDS.get(scope)).isNull();

        stored("redactedKinds", SpinValues.jsonValue("null").create());
        assertThat(KINDS.get(scope)).isNull();

        stored("redactedKinds", SpinValues.jsonValue("  ").create());
        assertThat(KINDS.get(scope)).isNull();
    }

    @Test
    void aStoredTextOfTheWrongShapeIsRefusedNamingTheVariable() {
        stored("redactedKinds", SpinValues.jsonValue("[\"EMAIL\"]").create());

        assertThatIllegalArgumentException().isThrownBy(() -> KINDS.get(scope))
                .withMessageStartingWith("redactedKinds do not have the expected fields");
    }

    @Test
    void aStoredTextThatIsNotJsonIsRefusedNamingTheVariable() {
        stored("redactedKinds", SpinValues.jsonValue("{\"EMAIL\": ").create());

        assertThatIllegalArgumentException().isThrownBy(() -> KINDS.get(scope))
                .withMessageStartingWith("redactedKinds is not valid JSON");
    }

    @Test
    void aListIsReadWithItsElementType() {
        stored("analysisErrors", SpinValues.jsonValue("[\"urgency missing\", \"no actions\"]").create());

        assertThat(HandleRequestProcess.Variables.ANALYSIS_ERRORS.get(scope))
                .isEqualTo(List.of("urgency missing", "no actions"));
    }
}
