package io.ticketsmith.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;

import org.camunda.spin.Spin;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading actions back as Tasklist forms and API clients send them, and the confidence line of the review form. */
class RequestVariablesTest {

    private static final String COMMENT_AND_ASSIGN_JSON = """
            [{"type": "comment", "issueKey": "WEB-1", "body": "Looking into it."},
             {"type": "assign", "issueKey": "WEB-1", "assignee": "anna"}]""";

    private static final List<ProposedAction> COMMENT_AND_ASSIGN = List.of(
            ProposedAction.comment("WEB-1", "Looking into it."),
            ProposedAction.assign("WEB-1", "anna"));



    /** One action as Tasklist submits it: every form field present, untouched ones as empty text. */
    private static Map<String, Object> formAction(String type, String issueKey, String assignee) {
        Map<String, Object> action = new HashMap<>();
        action.put("type", type);
        action.put("project", "");
        action.put("issueType", "");
        action.put("issueKey", issueKey);
        action.put("summary", "");
        action.put("labels", "");
        action.put("assignee", assignee);
        action.put("parent", null);
        action.put("body", "   ");
        return action;
    }

    @Nested
    class ActionsFrom {

        @Test
        void readsJsonText() {
            assertThat(RequestVariables.actionsFrom(COMMENT_AND_ASSIGN_JSON)).isEqualTo(COMMENT_AND_ASSIGN);
        }

        @Test
        void readsSpinJsonNode() {
            assertThat(RequestVariables.actionsFrom(Spin.JSON(COMMENT_AND_ASSIGN_JSON))).isEqualTo(COMMENT_AND_ASSIGN);
        }

        @Test
        void readsListOfMapsAsTasklistSubmitsIt() {
            var submitted = List.of(formAction("assign", "WEB-1", "anna"), formAction("assign", "WEB-2", "ben"));

            assertThat(RequestVariables.actionsFrom(submitted)).containsExactly(
                    ProposedAction.assign("WEB-1", "anna"),
                    ProposedAction.assign("WEB-2", "ben"));
        }

        @Test
        void blankTextFieldsBecomeAbsent() {
            var action = RequestVariables.actionsFrom(List.of(formAction("assign", "WEB-1", "anna"))).get(0);

            assertThat(action.project()).isNull();
            assertThat(action.issueType()).isNull();
            assertThat(action.summary()).isNull();
            assertThat(action.labels()).isNull();
            assertThat(action.body()).isNull();
            assertThat(action.parent()).isNull();
        }

        @Test
        void textFieldsAreTrimmed() {
            var actions = RequestVariables.actionsFrom("[{\"type\": \" assign \", \"issueKey\": \"WEB-1 \", "
                    + "\"assignee\": \"  anna\"}]");

            assertThat(actions).containsExactly(ProposedAction.assign("WEB-1", "anna"));
        }

        @Test
        void labelsTypedWithCommasBecomeList() {
            var actions = RequestVariables.actionsFrom(
                    "[{\"type\": \"add_labels\", \"issueKey\": \"WEB-1\", \"labels\": \"a, b\"}]");

            assertThat(actions).containsExactly(ProposedAction.addLabels("WEB-1", List.of("a", "b")));
        }

        @Test
        void emptyPartsOfTypedLabelsAreDropped() {
            var actions = RequestVariables.actionsFrom(
                    "[{\"type\": \"add_labels\", \"issueKey\": \"WEB-1\", \"labels\": \"login,, regression ,\"}]");

            assertThat(actions.get(0).labels()).containsExactly("login", "regression");
        }

        @Test
        void labelsGivenAsListStayList() {
            var actions = RequestVariables.actionsFrom(
                    "[{\"type\": \"add_labels\", \"issueKey\": \"WEB-1\", \"labels\": [\"login\", \"ui\"]}]");

            assertThat(actions.get(0).labels()).containsExactly("login", "ui");
        }

        @Test
        void unknownFieldsAreIgnored() {
            var actions = RequestVariables.actionsFrom(
                    "[{\"type\": \"comment\", \"issueKey\": \"WEB-1\", \"body\": \"Hi\", \"$$hashKey\": \"x\"}]");

            assertThat(actions).containsExactly(ProposedAction.comment("WEB-1", "Hi"));
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "  ", "null"})
        void missingActionsAreAnEmptyList(String value) {
            assertThat(RequestVariables.actionsFrom(value)).isEmpty();
        }

        @Test
        void emptyJsonListIsAnEmptyList() {
            assertThat(RequestVariables.actionsFrom("[]")).isEmpty();
        }

        @Test
        void jsonObjectInsteadOfListIsRejected() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> RequestVariables.actionsFrom("{\"type\": \"comment\"}"))
                    .withMessage("actions must be a JSON list of action objects");
        }

        @Test
        void mapInsteadOfListIsRejected() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> RequestVariables.actionsFrom(formAction("assign", "WEB-1", "anna")))
                    .withMessage("actions must be a JSON list of action objects");
        }

        @Test
        void listItemThatIsNotAnObjectIsRejected() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> RequestVariables.actionsFrom("[{\"type\": \"comment\"}, \"assign WEB-1\"]"))
                    .withMessage("actions must contain only JSON objects, found: \"assign WEB-1\"");
        }

        @Test
        void listOfNumbersIsRejected() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> RequestVariables.actionsFrom(List.of(1, 2)))
                    .withMessageStartingWith("actions must contain only JSON objects");
        }

        @Test
        void invalidJsonTextIsRejected() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> RequestVariables.actionsFrom("[{\"type\": "))
                    .withMessageStartingWith("Not valid JSON");
        }

        @Test
        void fieldOfWrongShapeIsRejected() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> RequestVariables.actionsFrom("[{\"type\": \"comment\", \"body\": {\"text\": \"Hi\"}}]"))
                    .withMessageStartingWith("actions do not have the expected fields");
        }
    }

    @Nested
    class ConfidenceSummary {

        @Test
        void listsTheFourConfidencesWithTwoDecimals() {
            assertThat(RequestVariables.confidenceSummary(new Analysis.Confidence(0.9, 0.6, 0.85, 1.0)))
                    .isEqualTo("intent 0.90 · category 0.60 · urgency 0.85 · sentiment 1.00");
        }

        @Test
        void missingValueShowsAsZero() {
            assertThat(RequestVariables.confidenceSummary(new Analysis.Confidence(0.9, null, 0.5, 0.5)))
                    .isEqualTo("intent 0.90 · category 0.00 · urgency 0.50 · sentiment 0.50");
        }

        @Test
        void missingConfidenceIsEmpty() {
            assertThat(RequestVariables.confidenceSummary(null)).isEmpty();
        }
    }
}
