package io.ticketsmith.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ticketsmith.fixtures.JiraCloudPayloads.ANNA;
import static io.ticketsmith.fixtures.JiraCloudPayloads.ANNA_ACCOUNT_ID;
import static io.ticketsmith.fixtures.JiraCloudPayloads.ANNA_APP;
import static io.ticketsmith.fixtures.JiraCloudPayloads.ANNA_BERG;
import static io.ticketsmith.fixtures.JiraCloudPayloads.ANNA_DEACTIVATED;
import static io.ticketsmith.fixtures.JiraCloudPayloads.issue;
import static io.ticketsmith.fixtures.JiraCloudPayloads.searchPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.ticketsmith.fixtures.JiraCloudPayloads;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Cloud adapter against a fake Jira Cloud speaking REST v3, with the payloads Jira Cloud really sends: the
 * cases of {@link JiraGatewayContract}, and those only Cloud has (ADF descriptions, users found by name and
 * identified by account id, a transition screen with a custom field).
 */
class CloudJiraGatewayTest extends JiraGatewayContract {

    @Override
    JiraProperties.Flavor flavor() {
        return JiraProperties.Flavor.CLOUD;
    }

    @Override
    String flavorName() {
        return "cloud";
    }

    @Override
    String project() {
        return "WEB";
    }

    @Override
    String taskTypeId() {
        return "10001";
    }

    @Override
    String subTaskType() {
        return "Subtask";
    }

    @Override
    String subTaskTypeId() {
        return "10003";
    }

    @Override
    String requiredBugField() {
        return "Affected area (customfield_10010)";
    }

    @Override
    void projectWithCreateMetadata() {
        jira.stubFor(get(urlPathEqualTo(api.path("/search/jql"))).willReturn(okJson(searchPage(null))));
        api.hasCreateMeta("WEB", JiraCloudPayloads.WEB_ISSUE_TYPES, Map.of(
                "10004", JiraCloudPayloads.WEB_BUG_FIELDS,
                "10001", JiraCloudPayloads.WEB_TASK_FIELDS,
                "10003", JiraCloudPayloads.WEB_SUBTASK_FIELDS));
        api.findsUsers("query", "Anna Schmidt", "[" + ANNA + "]");
    }

    @Override
    void labelSearchFinds(String jql, String issueKey) {
        jira.stubFor(get(urlPathEqualTo(api.path("/search/jql")))
                .withQueryParam("jql", equalTo(jql))
                .withQueryParam("maxResults", equalTo("1"))
                .willReturn(okJson(searchPage(null, issue(issueKey, "Checkout fails after payment")))));
    }

    @Override
    String userField() {
        return "accountId";
    }

    @Override
    String knownUser() {
        return "Anna Schmidt";
    }

    @Override
    String knownUserId() {
        return ANNA_ACCOUNT_ID;
    }

    @Override
    String commentAsSent() {
        return """
                {"body": {"type": "doc", "version": 1, "content": [
                  {"type": "paragraph", "content": [{"type": "text", "text": "Thanks for the report."}]},
                  {"type": "paragraph", "content": [{"type": "text", "text": "We tried:"}]},
                  {"type": "bulletList", "content": [
                    {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "clearing the cache"}]}]},
                    {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "logging in again"}]}]}]},
                  {"type": "orderedList", "content": [
                    {"type": "listItem", "content": [{"type": "paragraph", "content": [
                      {"type": "text", "text": "Open "},
                      {"type": "text", "text": "https://shop.acme.example/checkout",
                       "marks": [{"type": "link", "attrs": {"href": "https://shop.acme.example/checkout"}}]},
                      {"type": "text", "text": "."}]}]},
                    {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Pay with a saved card"}]}]}]},
                  {"type": "codeBlock", "content": [{"type": "text", "text": "HTTP 500 at /pay"}]}
                ]}}""";
    }

    @Override
    String workflow() {
        return JiraCloudPayloads.WEB_TRANSITIONS;
    }

    @Override
    String startProgressTransitionId() {
        return "21";
    }

    @Override
    String reachableStatuses() {
        return "To Do, In Progress, Done, Declined";
    }

    @Override
    String unreachableStatus() {
        return "Closed";
    }

    @Override
    String issuePayload(String key, String summary) {
        return issue(key, summary);
    }

    @Override
    JiraGateway.JiraIssue issueAsRead(String key, String summary) {
        return new JiraGateway.JiraIssue(key, summary,
                "Customers see a blank page in:\n\n- Chrome\n- Firefox\n\nSee https://status.acme.example",
                "In Progress", "indeterminate", List.of("checkout", "customer"), "Anna Schmidt", "Bug", "WEB");
    }

    /** Jira Cloud pages by token: the pages after the first are asked for by the token the previous one returned. */
    @Override
    void searchFindsFiveIssuesInPagesOfTwo(String jql) {
        jira.stubFor(get(urlPathEqualTo(api.path("/search/jql"))).withQueryParam("nextPageToken", equalTo("CAEaAggC"))
                .willReturn(okJson(searchPage("CAEaAggE", issue("WEB-3", "Three"), issue("WEB-4", "Four")))));
        jira.stubFor(get(urlPathEqualTo(api.path("/search/jql"))).withQueryParam("nextPageToken", equalTo("CAEaAggE"))
                .willReturn(okJson(searchPage(null, issue("WEB-5", "Five")))));
        jira.stubFor(get(urlPathEqualTo(api.path("/search/jql"))).atPriority(10)
                .willReturn(okJson(searchPage("CAEaAggC", issue("WEB-1", "One"), issue("WEB-2", "Two")))));
    }

    @Override
    String searchPath() {
        return "/search/jql";
    }

    @Override
    List<String> pageTokens() {
        return Arrays.asList("CAEaAggC", "CAEaAggE", null);
    }

    @Nested
    class CreateIssueOnCloud {

        @BeforeEach
        void jiraWithWebProject() {
            jiraWithProject();
        }

        @Test
        void bugWithCustomFieldPriorityAssigneeAndAdfDescriptionIsCreatedFromItsCreateMetadata() {
            JiraGateway.NewIssue bug = new JiraGateway.NewIssue("WEB", "bug", "Checkout fails after payment",
                    "Customers see a blank page.\n\nSee https://status.acme.example", "High", List.of("checkout"),
                    "Anna Schmidt", null, Map.of("customfield_10010", Map.of("id", "10020")));

            JiraGateway.CreatedIssue created = gateway.createIssue(bug, JiraFixtures.IDEMPOTENCY_LABEL);

            assertThat(created).isEqualTo(new JiraGateway.CreatedIssue("WEB-124", true));
            jira.verify(getRequestedFor(urlPathEqualTo(api.createMeta("WEB")))
                    .withQueryParam("startAt", equalTo("0")).withQueryParam("maxResults", equalTo("50")));
            api.verifyCreated("""
                    {"fields": {
                      "project": {"key": "WEB"},
                      "issuetype": {"id": "10004"},
                      "summary": "Checkout fails after payment",
                      "description": {"type": "doc", "version": 1, "content": [
                        {"type": "paragraph", "content": [{"type": "text", "text": "Customers see a blank page."}]},
                        {"type": "paragraph", "content": [
                          {"type": "text", "text": "See "},
                          {"type": "text", "text": "https://status.acme.example",
                           "marks": [{"type": "link", "attrs": {"href": "https://status.acme.example"}}]}]}]},
                      "priority": {"name": "High"},
                      "labels": ["checkout", "ts-3f9a1c2b7d4e5f60", "ai_processed"],
                      "customfield_10010": {"id": "10020"},
                      "assignee": {"accountId": "5b10a2844c20165700ede21g"}
                    }}""");
        }

        @Test
        void unknownAssigneeIsRefusedBeforeTheIssueIsCreated() {
            api.findsUsers("query", "Anna", "[" + ANNA + ", " + ANNA_BERG + "]");
            JiraGateway.NewIssue task = new JiraGateway.NewIssue("WEB", "Task", "Rotate the TLS certificate", null,
                    null, null, "Anna", null);

            assertThat(catchThrowableOfType(() -> gateway.createIssue(task, JiraFixtures.IDEMPOTENCY_LABEL),
                    JiraRejectedException.class))
                    .hasMessage("No active Jira user is \"Anna\"; candidates: Anna Schmidt, Anna Berg");
            api.verifyCreatedTimes(0);
        }
    }

    @Nested
    class AssignOnCloud {

        @Test
        void nameIsResolvedToTheAccountIdOfTheOneActiveHumanAndTheSearchIsCached() {
            api.findsUsers("query", "anna schmidt", "[" + ANNA + ", " + ANNA_DEACTIVATED + ", " + ANNA_APP + "]");

            gateway.assign("WEB-7", "anna schmidt");
            gateway.assign("WEB-8", "anna schmidt");

            api.verifyAssigned("WEB-7", "{\"accountId\":\"" + ANNA_ACCOUNT_ID + "\"}");
            api.verifyAssigned("WEB-8", "{\"accountId\":\"" + ANNA_ACCOUNT_ID + "\"}");
            api.verifyUserSearches(1);
            api.verifyLabelledProcessed("WEB-7");
        }

        @Test
        void emailIsResolvedToTheAccountId() {
            api.findsUsers("query", "Anna.Schmidt@acme.example", "[" + ANNA + "]");

            gateway.assign("WEB-7", "Anna.Schmidt@acme.example");

            api.verifyAssigned("WEB-7", "{\"accountId\":\"" + ANNA_ACCOUNT_ID + "\"}");
        }

        @Test
        void accountIdIsUsedAsGivenWithoutSearching() {
            gateway.assign("WEB-7", "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077");

            api.verifyAssigned("WEB-7", "{\"accountId\":\"557058:f58131cb-b67d-43c7-b30d-6b58d40bd077\"}");
            api.verifyUserSearches(0);
        }

        @Test
        void ambiguousNameIsRefusedNamingTheCandidates() {
            api.findsUsers("query", "Max Müller", """
                    [{"accountId": "5d53f3cbc6b9320d9ea5bdc2", "accountType": "atlassian",
                      "emailAddress": "max.mueller@acme.example", "displayName": "Max Müller", "active": true},
                     {"accountId": "61a4b2c9e5d3f1006a1b2c3d", "accountType": "atlassian",
                      "displayName": "Max Müller", "active": true}]""");

            JiraRejectedException refused = catchThrowableOfType(() -> gateway.assign("WEB-7", "Max Müller"),
                    JiraRejectedException.class);

            assertThat(refused).hasMessage("\"Max Müller\" matches 2 Jira users: Max Müller, Max Müller; "
                    + "name the person by email address or account id");
            assertThat(refused.getMessage()).doesNotContain("max.mueller@acme.example");
            api.verifyNotAssigned("WEB-7");
        }

        @Test
        void unknownNameIsRefusedNamingWhomJiraFound() {
            api.findsUsers("query", "Anna", "[" + ANNA + ", " + ANNA_BERG + "]");

            JiraRejectedException refused = catchThrowableOfType(() -> gateway.assign("WEB-7", "Anna"),
                    JiraRejectedException.class);

            assertThat(refused).hasMessage("No active Jira user is \"Anna\"; candidates: Anna Schmidt, Anna Berg");
            assertThat(refused.status()).isEqualTo(400);
            api.verifyNotAssigned("WEB-7");
        }
    }

    @Nested
    class TransitionOnCloud {

        @BeforeEach
        void workflowOfTheIssue() {
            api.hasWorkflow("WEB-7", workflow());
        }

        @Test
        void transitionLeadingToTheStatusIsPostedByIdWithTheResolutionTheScreenRequires() {
            gateway.transition("WEB-7", "done");

            api.verifyTransitioned("WEB-7",
                    "{\"transition\":{\"id\":\"31\"},\"fields\":{\"resolution\":{\"id\":\"10000\"}}}");
            api.verifyLabelledProcessed("WEB-7");
        }

        @Test
        void otherRequiredScreenFieldIsRefusedNamingIt() {
            assertThat(catchThrowableOfType(() -> gateway.transition("WEB-7", "Declined"), JiraRejectedException.class))
                    .hasMessage("Moving WEB-7 to Declined requires Decline reason (customfield_10050), which the action "
                            + "cannot fill; set it in Jira or choose another status");
            api.verifyNotTransitioned("WEB-7");
        }
    }
}
