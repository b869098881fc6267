package io.ticketsmith.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.ticketsmith.jira.ActionResult;

import org.junit.jupiter.api.Test;

/** The issue keys auditors search requests by: where the request came from, then what its actions touched. */
class JiraIssueKeysTest {

    private static ActionResult result(int index, String issueKey) {
        return new ActionResult(index, "comment", "DONE", issueKey, "key-" + index, "cloud", null);
    }

    @Test
    void sourceIssueComesFirstAndEachKeyOnce() {
        assertThat(ExecuteActionsDelegate.issueKeys("SUP-7", List.of(result(0, "WEB-101"), result(1, "SUP-7"),
                result(2, "WEB-101")))).isEqualTo("SUP-7 WEB-101");
    }

    @Test
    void resultsWithoutIssueKeepTheKnownKeys() {
        assertThat(ExecuteActionsDelegate.issueKeys("SUP-7 WEB-3", List.of(result(0, null)))).isEqualTo("SUP-7 WEB-3");
    }

    @Test
    void noKeyAtAllIsNull() {
        assertThat(ExecuteActionsDelegate.issueKeys(null, List.of(result(0, " ")))).isNull();
    }
}
