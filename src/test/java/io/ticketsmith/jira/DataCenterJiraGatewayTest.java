package io.ticketsmith.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Data Center adapter against a fake Jira Data Center speaking REST v2, with the payloads it really sends. */
class DataCenterJiraGatewayTest {

    private static final String API = "/rest/api/2";
    private static final String SEARCH_FIELDS = "summary,description,status,labels,reporter,issuetype,project";

    @RegisterExtension
    static WireMockExtension jira = JiraFixtures.fakeJira();

    private final FakeJiraApi dataCenter = new FakeJiraApi(jira, API);
    private RestJiraGateway gateway;

    @BeforeEach
    void dataCenterAdapter() {
        gateway = JiraFixtures.gateway(JiraProperties.Flavor.DATACENTER, jira.baseUrl(), new SimpleMeterRegistry(),
                new JiraFixtures.TestClock());
        dataCenter.acceptsEdits();
    }

    @Nested
    class CreateIssue {

        @BeforeEach
        void jiraWithOpsProject() {
            jira.stubFor(get(urlPathEqualTo(API + "/search")).willReturn(okJson(
                    "{\"startAt\":0,\"maxResults\":1,\"total\":0,\"issues\":[]}")));
            dataCenter.hasCreateMeta("OPS", OPS_ISSUE_TYPES, Map.of("3", TASK_FIELDS, "5", SUBTASK_FIELDS));
            // The Bug's create screen comes in two pages.
            jira.stubFor(get(urlPathEqualTo(dataCenter.createMeta("OPS") + "/1"))
                    .withQueryParam("startAt", equalTo("0")).willReturn(okJson(BUG_FIELDS_PAGE_1)));
            jira.stubFor(get(urlPathEqualTo(dataCenter.createMeta("OPS") + "/1"))
                    .withQueryParam("startAt", equalTo("4")).willReturn(okJson(BUG_FIELDS_PAGE_2)));
            dataCenter.createsIssue("10400", "OPS-88");
        }

        @Test
        void bugIsCreatedFromPagedCreateMetadataWithPlainDescriptionAndUsername() {
            JiraGateway.NewIssue bug = new JiraGateway.NewIssue("OPS", "Bug", "VPN drops every 10 minutes",
                    "Since Monday the VPN drops.\n\nSee https://status.acme.internal", "High", List.of("vpn"), "jdoe",
                    null, Map.of("customfield_10010", Map.of("value", "Network")));

            JiraGateway.CreatedIssue created = gateway.createIssue(bug, JiraFixtures.IDEMPOTENCY_LABEL);

            assertThat(created).isEqualTo(new JiraGateway.CreatedIssue("OPS-88", true));
            jira.verify(2, getRequestedFor(urlPathEqualTo(dataCenter.createMeta("OPS") + "/1")));
            dataCenter.verifyCreated("""
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
            dataCenter.verifyUserSearches(0);
        }

        @Test
        void missingRequiredCustomFieldOnTheSecondMetadataPageIsRefusedBeforeAnythingIsSent() {
            JiraGateway.NewIssue bug = new JiraGateway.NewIssue("OPS", "Bug", "VPN drops", null, null, null, null,
                    null);

            JiraRejectedException refused = catchThrowableOfType(
                    () -> gateway.createIssue(bug, JiraFixtures.IDEMPOTENCY_LABEL), JiraRejectedException.class);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused).hasMessage("Jira requires Affected service (customfield_10010) to create a Bug in OPS, "
                    + "and the action does not give it");
            dataCenter.verifyCreatedTimes(0);
        }

        @Test
        void subTaskIsCreatedUnderItsParent() {
            JiraGateway.NewIssue subTask = new JiraGateway.NewIssue("OPS", "sub-task", "Renew the VPN certificate",
                    null, null, null, null, "OPS-80");

            gateway.createIssue(subTask, JiraFixtures.IDEMPOTENCY_LABEL);

            dataCenter.verifyCreated("""
                    {"fields": {"project": {"key": "OPS"}, "issuetype": {"id": "5"},
                      "summary": "Renew the VPN certificate", "parent": {"key": "OPS-80"},
                      "labels": ["ts-3f9a1c2b7d4e5f60", "ai_processed"]}}
                    """);
        }

        @Test
        void subTaskWithoutParentIsRefused() {
            JiraGateway.NewIssue subTask = new JiraGateway.NewIssue("OPS", "Sub-task", "Renew the VPN certificate",
                    null, null, null, null, " ");

            assertThat(catchThrowableOfType(() -> gateway.createIssue(subTask, JiraFixtures.IDEMPOTENCY_LABEL),
                    JiraRejectedException.class))
                    .hasMessage("Sub-task is a sub-task issue type in OPS and needs a parent issue, but the action gives none");
            dataCenter.verifyCreatedTimes(0);
        }

        @Test
        void issueCarryingTheIdempotencyLabelIsReturnedInsteadOfCreatingAnother() {
            jira.stubFor(get(urlPathEqualTo(API + "/search"))
                    .withQueryParam("jql", equalTo("project = \"OPS\" AND labels = \"ts-3f9a1c2b7d4e5f60\""))
                    .withQueryParam("startAt", equalTo("0")).withQueryParam("maxResults", equalTo("1"))
                    .willReturn(okJson("{\"startAt\":0,\"maxResults\":1,\"total\":1,\"issues\":["
                            + issue("OPS-81", "VPN drops") + "]}")));
            JiraGateway.NewIssue task = new JiraGateway.NewIssue("OPS", "Task", "VPN drops", null, null, null, null,
                    null);

            assertThat(gateway.createIssue(task, JiraFixtures.IDEMPOTENCY_LABEL))
                    .isEqualTo(new JiraGateway.CreatedIssue("OPS-81", false));
            dataCenter.verifyCreatedTimes(0);
        }

        @Test
        void createMetadataIsAskedForOnceForSeveralIssues() {
            JiraGateway.NewIssue task = new JiraGateway.NewIssue("OPS", "Task", "Patch the VPN gateway", null, null,
                    null, null, null);

            gateway.createIssue(task, "ts-0000000000000001");
            gateway.createIssue(task, "ts-0000000000000002");

            dataCenter.verifyCreatedTimes(2);
            dataCenter.verifyCreateMetaRead(1, "OPS", "3");
        }
    }

    @Nested
    class Comment {

        @Test
        void commentIsSentAsPlainWikiTextThenTheIssueIsLabelled() {
            dataCenter.acceptsComments("OPS-12");
            String body = "We reset your VPN profile.\n\n- reconnect\n- tell us if it drops again\n\n```\nvpn --reset\n```";

            gateway.addComment("OPS-12", body);

            dataCenter.verifyCommented("OPS-12", "{\"body\":\"We reset your VPN profile.\\n\\n- reconnect\\n"
                    + "- tell us if it drops again\\n\\n```\\nvpn --reset\\n```\"}");
            dataCenter.verifyLabelledProcessed("OPS-12");
        }
    }

    @Nested
    class Assign {

        @Test
        void usernameIsUsedAsGiven() {
            gateway.assign("OPS-12", "jdoe");

            dataCenter.verifyAssigned("OPS-12", "{\"name\":\"jdoe\"}");
            dataCenter.verifyUserSearches(0);
        }

        @Test
        void emailIsResolvedToTheUsernameOnce() {
            dataCenter.findsUsers("username", "j.doe@acme.example", "[" + JOHN + "]");

            gateway.assign("OPS-12", "j.doe@acme.example");
            gateway.assign("OPS-12", "J.Doe@acme.example");

            jira.verify(2, putRequestedFor(urlPathEqualTo(API + "/issue/OPS-12/assignee")));
            dataCenter.verifyAssigned("OPS-12", "{\"name\":\"jdoe\"}");
            dataCenter.verifyUserSearches(1);
        }

        @Test
        void emailOfSeveralAccountsIsRefusedNamingThem() {
            dataCenter.findsUsers("username", "j.doe@acme.example", "[" + JOHN + ", " + JOHN_ADMIN + "]");

            assertThat(catchThrowableOfType(() -> gateway.assign("OPS-12", "j.doe@acme.example"),
                    JiraRejectedException.class))
                    .hasMessage("\"j.doe@acme.example\" matches 2 Jira users: John Doe, John Doe (admin); "
                            + "name the person by username");
            dataCenter.verifyNotAssigned("OPS-12");
        }

        @Test
        void unknownEmailIsRefused() {
            dataCenter.findsUsers("username", "nobody@acme.example", "[]");

            assertThat(catchThrowableOfType(() -> gateway.assign("OPS-12", "nobody@acme.example"),
                    JiraRejectedException.class))
                    .hasMessage("No active Jira user is \"nobody@acme.example\"");
            dataCenter.verifyNotAssigned("OPS-12");
        }

        @Test
        void minusOneAssignsTheProjectDefault() {
            gateway.assign("OPS-12", "-1");

            dataCenter.verifyAssigned("OPS-12", "{\"name\":\"-1\"}");
        }

        @Test
        void nullUnassigns() {
            gateway.assign("OPS-12", null);

            dataCenter.verifyAssigned("OPS-12", "{\"name\":null}");
        }
    }

    @Nested
    class Transition {

        @BeforeEach
        void workflow() {
            dataCenter.hasWorkflow("OPS-12", TRANSITIONS);
        }

        @Test
        void resolutionFixedIsSuppliedWhenTheWorkflowHasNoDone() {
            gateway.transition("OPS-12", "Resolved");

            dataCenter.verifyTransitioned("OPS-12",
                    "{\"transition\":{\"id\":\"5\"},\"fields\":{\"resolution\":{\"id\":\"1\"}}}");
            dataCenter.verifyLabelledProcessed("OPS-12");
        }

        @Test
        void unreachableStatusIsRefusedListingTheReachableOnes() {
            dataCenter.issueIsIn("OPS-12", "Open");

            assertThat(catchThrowableOfType(() -> gateway.transition("OPS-12", "Done"), JiraRejectedException.class))
                    .hasMessage("OPS-12 cannot move to \"Done\" from Open; reachable: In Progress, Resolved, Closed");
            dataCenter.verifyNotTransitioned("OPS-12");
        }
    }

    @Nested
    class SearchAndRead {

        @Test
        void searchPagesByStartAtUntilTheTotalIsReached() {
            jira.stubFor(get(urlPathEqualTo(API + "/search")).withQueryParam("startAt", equalTo("0"))
                    .willReturn(okJson(searchPage(0, issue("OPS-1", "One"), issue("OPS-2", "Two")))));
            jira.stubFor(get(urlPathEqualTo(API + "/search")).withQueryParam("startAt", equalTo("2"))
                    .willReturn(okJson(searchPage(2, issue("OPS-3", "Three"), issue("OPS-4", "Four")))));
            jira.stubFor(get(urlPathEqualTo(API + "/search")).withQueryParam("startAt", equalTo("4"))
                    .willReturn(okJson(searchPage(4, issue("OPS-5", "Five")))));

            FakeJiraApi.SearchWalk walk = FakeJiraApi.walk(gateway, "project = OPS AND labels != ai_processed", 2);

            assertThat(walk.keys()).containsExactly("OPS-1", "OPS-2", "OPS-3", "OPS-4", "OPS-5");
            assertThat(walk.tokens()).containsExactly("2", "4", null);
            jira.verify(3, getRequestedFor(urlPathEqualTo(API + "/search"))
                    .withQueryParam("jql", equalTo("project = OPS AND labels != ai_processed"))
                    .withQueryParam("maxResults", equalTo("2")).withQueryParam("fields", equalTo(SEARCH_FIELDS)));
        }

        @Test
        void issueIsReadWithItsWikiTextDescription() {
            jira.stubFor(get(urlPathEqualTo(API + "/issue/OPS-12")).withQueryParam("fields", equalTo(SEARCH_FIELDS))
                    .willReturn(okJson(issue("OPS-12", "VPN drops every 10 minutes"))));

            assertThat(gateway.getIssue("OPS-12")).isEqualTo(new JiraGateway.JiraIssue("OPS-12",
                    "VPN drops every 10 minutes", "Since Monday the VPN drops.\n\n* Windows\n* macOS", "Open", "new",
                    List.of("vpn"), "John Doe", "Bug", "OPS"));
        }

        @Test
        void browseUrlAndNameNameTheServer() {
            assertThat(gateway.browseUrl("OPS-12")).isEqualTo(jira.baseUrl() + "/browse/OPS-12");
            assertThat(gateway.name()).isEqualTo("datacenter " + jira.baseUrl());
        }
    }

    private static String searchPage(int startAt, String... issues) {
        return "{\"expand\":\"schema,names\",\"startAt\":" + startAt + ",\"maxResults\":2,\"total\":5,\"issues\":["
                + String.join(",", issues) + "]}";
    }

    private static String issue(String key, String summary) {
        return """
                {"expand": "operations,versionedRepresentations,editmeta,changelog,renderedFields",
                 "id": "104%s", "self": "https://jira.acme.internal/rest/api/2/issue/104%s", "key": "%s",
                 "fields": {
                   "summary": "%s",
                   "issuetype": {"self": "https://jira.acme.internal/rest/api/2/issuetype/1", "id": "1",
                                 "name": "Bug", "subtask": false},
                   "project": {"id": "10200", "key": "OPS", "name": "Operations"},
                   "labels": ["vpn"],
                   "reporter": {"name": "jdoe", "key": "JIRAUSER10100", "emailAddress": "j.doe@acme.example",
                                "displayName": "John Doe", "active": true},
                   "status": {"name": "Open", "id": "1",
                              "statusCategory": {"id": 2, "key": "new", "colorName": "blue-gray", "name": "To Do"}},
                   "description": "Since Monday the VPN drops.\\n\\n* Windows\\n* macOS"
                 }}""".formatted(key.substring(4), key.substring(4), key, summary);
    }

    private static final String JOHN = """
            {"self": "https://jira.acme.internal/rest/api/2/user?username=jdoe", "key": "JIRAUSER10100",
             "name": "jdoe", "emailAddress": "j.doe@acme.example", "displayName": "John Doe", "active": true,
             "deleted": false, "timeZone": "Europe/Berlin", "locale": "en_US"}""";

    private static final String JOHN_ADMIN = """
            {"self": "https://jira.acme.internal/rest/api/2/user?username=jdoe-admin", "key": "JIRAUSER10177",
             "name": "jdoe-admin", "emailAddress": "j.doe@acme.example", "displayName": "John Doe (admin)",
             "active": true, "deleted": false}""";

    private static final String OPS_ISSUE_TYPES = """
            {"maxResults": 50, "startAt": 0, "total": 3, "isLast": true, "values": [
              {"self": "https://jira.acme.internal/rest/api/2/issuetype/1", "id": "1",
               "description": "A problem which impairs or prevents the functions of the product.",
               "iconUrl": "https://jira.acme.internal/secure/viewavatar?size=xsmall&avatarId=10303&avatarType=issuetype",
               "name": "Bug", "subtask": false},
              {"self": "https://jira.acme.internal/rest/api/2/issuetype/3", "id": "3",
               "description": "A task that needs to be done.", "name": "Task", "subtask": false},
              {"self": "https://jira.acme.internal/rest/api/2/issuetype/5", "id": "5",
               "description": "The sub-task of the issue", "name": "Sub-task", "subtask": true}]}""";

    private static final String BASE_FIELDS = """
              {"required": true, "schema": {"type": "issuetype", "system": "issuetype"}, "name": "Issue Type",
               "fieldId": "issuetype", "hasDefaultValue": false, "operations": []},
              {"required": true, "schema": {"type": "project", "system": "project"}, "name": "Project",
               "fieldId": "project", "hasDefaultValue": false, "operations": ["set"]},
              {"required": true, "schema": {"type": "string", "system": "summary"}, "name": "Summary",
               "fieldId": "summary", "hasDefaultValue": false, "operations": ["set"]},
              {"required": true, "schema": {"type": "user", "system": "reporter"}, "name": "Reporter",
               "fieldId": "reporter", "hasDefaultValue": false, "operations": ["set"]}""";

    private static final String MORE_FIELDS = """
              {"required": false, "schema": {"type": "string", "system": "description"}, "name": "Description",
               "fieldId": "description", "hasDefaultValue": false, "operations": ["set"]},
              {"required": false, "schema": {"type": "array", "items": "string", "system": "labels"},
               "name": "Labels", "fieldId": "labels", "hasDefaultValue": false, "operations": ["add", "set", "remove"]}""";

    private static final String BUG_FIELDS_PAGE_1 = """
            {"maxResults": 4, "startAt": 0, "total": 9, "isLast": false, "values": [%s]}""".formatted(BASE_FIELDS);

    private static final String BUG_FIELDS_PAGE_2 = """
            {"maxResults": 4, "startAt": 4, "total": 9, "isLast": true, "values": [%s,
              {"required": false, "schema": {"type": "priority", "system": "priority"}, "name": "Priority",
               "fieldId": "priority", "hasDefaultValue": true, "operations": ["set"],
               "allowedValues": [{"name": "Blocker", "id": "1"}, {"name": "High", "id": "2"}, {"name": "Medium", "id": "3"}]},
              {"required": false, "schema": {"type": "user", "system": "assignee"}, "name": "Assignee",
               "fieldId": "assignee", "hasDefaultValue": false, "operations": ["set"]},
              {"required": true, "schema": {"type": "option", "custom":
                 "com.atlassian.jira.plugin.system.customfieldtypes:select", "customId": 10010},
               "name": "Affected service", "fieldId": "customfield_10010", "hasDefaultValue": false,
               "operations": ["set"], "allowedValues": [{"value": "Network", "id": "10100"}, {"value": "Email", "id": "10101"}]}
            ]}""".formatted(MORE_FIELDS);

    private static final String TASK_FIELDS = """
            {"maxResults": 50, "startAt": 0, "total": 6, "isLast": true, "values": [%s, %s]}"""
            .formatted(BASE_FIELDS, MORE_FIELDS);

    private static final String SUBTASK_FIELDS = """
            {"maxResults": 50, "startAt": 0, "total": 7, "isLast": true, "values": [%s, %s,
              {"required": true, "schema": {"type": "issuelink", "system": "parent"}, "name": "Parent",
               "fieldId": "parent", "hasDefaultValue": false, "operations": ["set"]}]}""".formatted(BASE_FIELDS, MORE_FIELDS);

    private static final String RESOLUTION_SCREEN = """
            {"resolution": {"required": true, "schema": {"type": "resolution", "system": "resolution"},
               "name": "Resolution", "operations": ["set"], "allowedValues": [
                 {"self": "https://jira.acme.internal/rest/api/2/resolution/2", "name": "Won't Fix", "id": "2"},
                 {"self": "https://jira.acme.internal/rest/api/2/resolution/1", "name": "Fixed", "id": "1"},
                 {"self": "https://jira.acme.internal/rest/api/2/resolution/3", "name": "Duplicate", "id": "3"}]},
             "fixVersions": {"required": false, "schema": {"type": "array", "items": "version", "system": "fixVersions"},
               "name": "Fix Version/s", "operations": ["set", "add", "remove"], "allowedValues": []}}""";

    private static final String TRANSITIONS = """
            {"expand": "transitions", "transitions": [
              {"id": "4", "name": "Start Progress",
               "to": {"self": "https://jira.acme.internal/rest/api/2/status/3", "name": "In Progress", "id": "3",
                      "statusCategory": {"id": 4, "key": "indeterminate", "colorName": "yellow", "name": "In Progress"}},
               "fields": {}},
              {"id": "5", "name": "Resolve Issue",
               "to": {"self": "https://jira.acme.internal/rest/api/2/status/5", "name": "Resolved", "id": "5",
                      "statusCategory": {"id": 3, "key": "done", "colorName": "green", "name": "Done"}},
               "fields": %s},
              {"id": "2", "name": "Close Issue",
               "to": {"self": "https://jira.acme.internal/rest/api/2/status/6", "name": "Closed", "id": "6",
                      "statusCategory": {"id": 3, "key": "done", "colorName": "green", "name": "Done"}},
               "fields": %s}]}""".formatted(RESOLUTION_SCREEN, RESOLUTION_SCREEN);
}
