package io.ticketsmith.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ticketsmith.analysis.ProposedAction;

import org.junit.jupiter.api.Test;

/** What a reviewer changed in the proposed actions, field by field. */
class ActionChangesTest {

    private static ProposedAction loginBug() {
        return ProposedAction.createIssue("WEB", "Bug", "Login broken", "Since the deploy.", List.of("login"), null);
    }

    private static Map<String, Object> change(int action, String kind, String field, Object from, Object to) {
        Map<String, Object> change = new HashMap<>();
        change.put("action", action);
        change.put("kind", kind);
        if (field != null) {
            change.put("field", field);
        }
        change.put("from", from);
        change.put("to", to);
        return change;
    }

    @Test
    void unchangedActionsGiveNoChanges() {
        assertThat(ActionChanges.between(List.of(loginBug(), ProposedAction.comment("WEB-1", "Hi")),
                List.of(loginBug(), ProposedAction.comment("WEB-1", "Hi")))).isEmpty();
    }

    @Test
    void noActionsGiveNoChanges() {
        assertThat(ActionChanges.between(List.of(), List.of())).isEmpty();
    }

    @Test
    void changedFieldIsReportedWithOldAndNewValue() {
        var decided = ProposedAction.createIssue("OPS", "Bug", "Login broken", "Since the deploy.", List.of("login"),
                null);

        assertThat(ActionChanges.between(List.of(loginBug()), List.of(decided)))
                .containsExactly(change(0, "changed", "project", "WEB", "OPS"));
    }

    @Test
    void eachChangedFieldIsReportedSeparately() {
        var decided = ProposedAction.createIssue("WEB", "Task", "Login broken", "Since the deploy.",
                List.of("login", "urgent"), null);

        assertThat(ActionChanges.between(List.of(loginBug()), List.of(decided))).containsExactly(
                change(0, "changed", "issueType", "Bug", "Task"),
                change(0, "changed", "labels", List.of("login"), List.of("login", "urgent")));
    }

    @Test
    void changeNamesThePositionOfTheAction() {
        var proposed = List.of(ProposedAction.comment("WEB-1", "Hi"), ProposedAction.assign("WEB-1", "anna"));
        var decided = List.of(ProposedAction.comment("WEB-1", "Hi"), ProposedAction.assign("WEB-1", "ben"));

        assertThat(ActionChanges.between(proposed, decided))
                .containsExactly(change(1, "changed", "assignee", "anna", "ben"));
    }

    @Test
    void fieldSetByReviewerIsChangedFromNull() {
        var decided = ProposedAction.createIssue("WEB", "Bug", "Login broken", "Since the deploy.", List.of("login"),
                "anna");

        assertThat(ActionChanges.between(List.of(loginBug()), List.of(decided)))
                .containsExactly(change(0, "changed", "assignee", null, "anna"));
    }

    @Test
    void fieldClearedByReviewerIsChangedToNull() {
        var decided = ProposedAction.createIssue("WEB", "Bug", "Login broken", null, List.of("login"), null);

        assertThat(ActionChanges.between(List.of(loginBug()), List.of(decided)))
                .containsExactly(change(0, "changed", "description", "Since the deploy.", null));
    }

    @Test
    void removedActionIsReportedByItsType() {
        var proposed = List.of(loginBug(), ProposedAction.comment("WEB-1", "Hi"));

        assertThat(ActionChanges.between(proposed, List.of(loginBug())))
                .containsExactly(change(1, "removed", null, "comment", null));
    }

    @Test
    void addedActionIsReportedByItsType() {
        var decided = List.of(loginBug(), ProposedAction.assign("WEB-1", "anna"),
                ProposedAction.comment("WEB-1", "Hi"));

        assertThat(ActionChanges.between(List.of(loginBug()), decided)).containsExactly(
                change(1, "added", null, null, "assign"),
                change(2, "added", null, null, "comment"));
    }

    @Test
    void replacedActionTypeIsAChangedTypeField() {
        var changes = ActionChanges.between(List.of(ProposedAction.comment("WEB-1", "Hi")),
                List.of(ProposedAction.assign("WEB-1", "anna")));

        assertThat(changes).containsExactly(
                change(0, "changed", "type", "comment", "assign"),
                change(0, "changed", "body", "Hi", null),
                change(0, "changed", "assignee", null, "anna"));
    }
}
