package io.ticketsmith.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ticketsmith.fixtures.JiraDataCenterPayloads.JOHN;
import static io.ticketsmith.fixtures.JiraDataCenterPayloads.JOHN_ADMIN;
import static io.ticketsmith.fixtures.JiraDataCenterPayloads.issue;
import static io.ticketsmith.fixtures.JiraDataCenterPayloads.searchPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.ticketsmith.fixtures.JiraDataCenterPayloads;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Data Center adapter against a fake Jira Data Center speaking REST v2, with the payloads it really sends: the
 * cases of {@link JiraGatewayContract}, and those only Data Center has (plain wiki-text descriptions, users named by
 * username and looked up by email address, a workflow without a Done resolution). OPS's Bug screen comes in two
 * pages, with its required custom field on the second.
 */
class DataCenterJiraGatewayTest extends JiraGatewayContract {

    @Override
    JiraProperties.Flavor flavor() {
        return JiraProperties.Flavor.DATACENTER;
    }

    @Override
    String flavorName() {
        return "datacenter";
    }

    @Override
    String project() {
        return "OPS";
    }

    @Override
    String taskTypeId() {
        return "3";
    }

    @Override
    String subTaskType() {
        return "Sub-task";
    }

    @Override
    String subTaskTypeId() {
        return "5";
    }

    @Override
    String requiredBugField() {
        return "Affected service (customfield_10010)";
    }

    @Override
    void projectWithCreateMetadata() {
        jira.stubFor(get(urlPathEqualTo(api.path("/search"))).willReturn(okJson(searchPage(0, 1, 0))));
        api.hasCreateMeta("OPS", JiraDataCenterPayloads.OPS_ISSUE_TYPES, Map.of(
                "3", JiraDataCenterPayloads.OPS_TASK_FIELDS,
                "5", JiraDataCenterPayloads.OPS_SUBTASK_FIELDS));
        jira.stubFor(get(urlPathEqualTo(api.createMeta("OPS") + "/1")).withQueryParam("startAt", equalTo("0"))
                .willReturn(okJson(JiraDataCenterPayloads.OPS_BUG_FIELDS_PAGE_1)));
        jira.stubFor(get(urlPathEqualTo(api.createMeta("OPS") + "/1")).withQueryParam("startAt", equalTo("4"))
                .willReturn(okJson(JiraDataCenterPayloads.OPS_BUG_FIELDS_PAGE_2)));
    }

    @Override
    void labelSearchFinds(String jql, String issueKey) {
        jira.stubFor(get(urlPathEqualTo(api.path("/search")))
                .withQueryParam("jql", equalTo(jql))
                .withQueryParam("startAt", equalTo("0")).withQueryParam("maxResults", equalTo("1"))
                .willReturn(okJson(searchPage(0, 1, 1, issue(issueKey, "VPN drops")))));
    }

    @Override
    String userField() {
        return "name";
    }

    @Override
    String knownUser() {
        return "jdoe";
    }

    @Override
    String knownUserId() {
        return "jdoe";
    }

    /** Data Center takes the text as it is, as wiki markup. */
    @Override
    String commentAsSent() {
        return JsonNodeFactory.instance.objectNode().put("body", COMMENT).toString();
    }

    @Override
    String workflow() {
        return JiraDataCenterPayloads.OPS_TRANSITIONS;
    }

    @Override
    String startProgressTransitionId() {
        return "4";
    }

    @Override
    String reachableStatuses() {
        return "In Progress, Resolved, Closed";
    }

    @Override
    String unreachableStatus() {
        return "Done";
    }

    @Override
    String issuePayload(String key, String summary) {
        return issue(key, summary);
    }

    @Override
    JiraGateway.JiraIssue issueAsRead(String key, String summary) {
        return new JiraGateway.JiraIssue(key, summary, "Since Monday the VPN drops.\n\n* Windows\n* macOS", "Open",
                "new", List.of("vpn"), "John Doe", "Bug", "OPS");
    }

    /** Jira Data Center pages by offset, until the total is reached. */
    @Override
    void searchFindsFiveIssuesInPagesOfTwo(String jql) {
        jira.stubFor(get(urlPathEqualTo(api.path("/search"))).withQueryParam("startAt", equalTo("0"))
                .willReturn(okJson(searchPage(0, 2, 5, issue("OPS-1", "One"), issue("OPS-2", "Two")))));
        jira.stubFor(get(urlPathEqualTo(api.path("/search"))).withQueryParam("startAt", equalTo("2"))
                .willReturn(okJson(searchPage(2, 2, 5, issue("OPS-3", "Three"), issue("OPS-4", "Four")))));
        jira.stubFor(get(urlPathEqualTo(api.path("/search"))).withQueryParam("startAt", equalTo("4"))
                .willReturn(okJson(searchPage(4, 2, 5, issue("OPS-5", "Five")))));
    }

    @Override
    String searchPath() {
        return "/search";
    }

    @Override
    List<String> pageTokens() {
        return Arrays.asList("2", "4", null);
    }

    @Nested
    class CreateIssueOnDataCenter {

        @BeforeEach
        void jiraWithOpsProject() {
            jiraWithProject();
        }

        @Test
        void bugIsCreatedFromPagedCreateMetadataWithPlainDescriptionAndUsername() {
            JiraGateway.NewIssue bug = new JiraGateway.NewIssue("OPS", "Bug", "VPN drops every 10 minutes",
                    "Since Monday the VPN drops.\n\nSee https://status.acme.internal", "High", List.of("vpn"), "jdoe",
                    null, Map.of("customfield_10010", Map.of("value", "Network")));

            JiraGateway.CreatedIssue created = gateway.createIssue(bug, JiraFixtures.IDEMPOTENCY_LABEL);

            assertThat(created).isEqualTo(new JiraGateway.CreatedIssue("OPS-124", true));
            jira.verify(2, getRequestedFor(urlPathEqualTo(api.createMeta("OPS") + "/1")));
            api.verifyCreated("""
                    {"fields": {
                      "project": {"key": "OPS"},
                      "issuetype": {"id": "1"},
                      "summary": "VPN drops every 10 minutes",
                      "description": "Since Monday the VPN drops.\\n\\nSee https://status.acme.internal",
                      "priority": {"name": "High"},
                      "labels": ["vpn", "ts-3f9a1c2b7d4e5f60", "ai_processed"],
                      "customfield_10010": {"value": "Network"},
                      "assignee": {"name": "jdoe"}
                    }}""");
            api.verifyUserSearches(0);
        }
    }

    @Nested
    class AssignOnDataCenter {

        @Test
        void usernameIsUsedAsGiven() {
            gateway.assign("OPS-12", "jdoe");

            api.verifyAssigned("OPS-12", "{\"name\":\"jdoe\"}");
            api.verifyUserSearches(0);
        }

        @Test
        void emailIsResolvedToTheUsernameOnce() {
            api.findsUsers("username", "j.doe@acme.example", "[" + JOHN + "]");

            gateway.assign("OPS-12", "j.doe@acme.example");
            gateway.assign("OPS-12", "J.Doe@acme.example");

            jira.verify(2, putRequestedFor(urlPathEqualTo(api.path("/issue/OPS-12/assignee"))));
            api.verifyAssigned("OPS-12", "{\"name\":\"jdoe\"}");
            api.verifyUserSearches(1);
        }

        @Test
        void emailOfSeveralAccountsIsRefusedNamingThem() {
            api.findsUsers("username", "j.doe@acme.example", "[" + JOHN + ", " + JOHN_ADMIN + "]");

            assertThat(catchThrowableOfType(() -> gateway.assign("OPS-12", "j.doe@acme.example"),
                    JiraRejectedException.class))
                    .hasMessage("\"j.doe@acme.example\" matches 2 Jira users: John Doe, John Doe (admin); "
                            + "name the person by username");
            api.verifyNotAssigned("OPS-12");
        }

        @Test
        void unknownEmailIsRefused() {
            api.findsUsers("username", "nobody@acme.example", "[]");

            assertThat(catchThrowableOfType(() -> gateway.assign("OPS-12", "nobody@acme.example"),
                    JiraRejectedException.class))
                    .hasMessage("No active Jira user is \"nobody@acme.example\"");
            api.verifyNotAssigned("OPS-12");
        }
    }

    @Nested
    class TransitionOnDataCenter {

        @BeforeEach
        void workflowOfTheIssue() {
            api.hasWorkflow("OPS-12", workflow());
        }

        @Test
        void resolutionFixedIsSuppliedWhenTheWorkflowHasNoDone() {
            gateway.transition("OPS-12", "Resolved");

            api.verifyTransitioned("OPS-12",
                    "{\"transition\":{\"id\":\"5\"},\"fields\":{\"resolution\":{\"id\":\"1\"}}}");
            api.verifyLabelledProcessed("OPS-12");
        }
    }
}
