package io.ticketsmith.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Cloud adapter against a fake Jira Cloud speaking REST v3, with the payloads Jira Cloud really sends. */
class CloudJiraGatewayTest {

    private static final String API = "/rest/api/3";
    private static final String ANNA_ACCOUNT_ID = "5b10a2844c20165700ede21g";

    @RegisterExtension
    static WireMockExtension jira = JiraFixtures.fakeJira();

    private final FakeJiraApi cloud = new FakeJiraApi(jira, API);
    private final JiraFixtures.TestClock clock = new JiraFixtures.TestClock();
    private RestJiraGateway gateway;

    @BeforeEach
    void cloudAdapter() {
        gateway = JiraFixtures.gateway(JiraProperties.Flavor.CLOUD, jira.baseUrl(), new SimpleMeterRegistry(), clock);
        cloud.acceptsEdits();
    }

    @Nested
    class CreateIssue {

        @BeforeEach
        void jiraWithWebProject() {
            jira.stubFor(get(urlPathEqualTo(API + "/search/jql")).willReturn(okJson("{\"issues\":[],\"isLast\":true}")));
            cloud.hasCreateMeta("WEB", WEB_ISSUE_TYPES,
                    Map.of("10004", BUG_FIELDS, "10001", TASK_FIELDS, "10003", SUBTASK_FIELDS));
            cloud.findsUsers("query", "Anna Schmidt", "[" + ANNA + "]");
            cloud.createsIssue("10042", "WEB-124");
        }

        @Test
        void bugWithCustomFieldPriorityAssigneeAndAdfDescriptionIsCreatedFromItsCreateMetadata() {
            JiraGateway.NewIssue bug = new JiraGateway.NewIssue("WEB", "bug", "Checkout fails after payment",
                    "Customers see a blank page.\n\nSee https://status.acme.example", "High", List.of("checkout"),
                    "Anna Schmidt", null, Map.of("customfield_10010", Map.of("id", "10020")));

            JiraGateway.CreatedIssue created = gateway.createIssue(bug, JiraFixtures.IDEMPOTENCY_LABEL);

            assertThat(created).isEqualTo(new JiraGateway.CreatedIssue("WEB-124", true));
            jira.verify(getRequestedFor(urlPathEqualTo(cloud.createMeta("WEB")))
                    .withQueryParam("startAt", equalTo("0")).withQueryParam("maxResults", equalTo("50")));
            cloud.verifyCreated("""
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
        void missingRequiredCustomFieldIsRefusedBeforeAnythingIsSent() {
            JiraGateway.NewIssue bug = new JiraGateway.NewIssue("WEB", "Bug", "Checkout fails", null, null, null,
                    null, null);

            JiraRejectedException refused = catchThrowableOfType(
                    () -> gateway.createIssue(bug, JiraFixtures.IDEMPOTENCY_LABEL), JiraRejectedException.class);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused).hasMessage("Jira requires Affected area (customfield_10010) to create a Bug in WEB, "
                    + "and the action does not give it");
            cloud.verifyCreatedTimes(0);
        }

        @Test
        void customFieldGivenByNameIsRefused() {
            JiraGateway.NewIssue bug = new JiraGateway.NewIssue("WEB", "Bug", "Checkout fails", null, null, null,
                    null, null, Map.of("Affected area", "Checkout"));

            assertThat(catchThrowableOfType(() -> gateway.createIssue(bug, JiraFixtures.IDEMPOTENCY_LABEL),
                    JiraRejectedException.class))
                    .hasMessage("Custom fields are given by their id (customfield_NNNNN), not by name: \"Affected area\"");
            cloud.verifyCreatedTimes(0);
        }

        @Test
        void unknownIssueTypeIsRefusedListingTheProjectsTypes() {
            JiraGateway.NewIssue epic = new JiraGateway.NewIssue("WEB", "Epic", "Checkout revamp", null, null, null,
                    null, null);

            assertThat(catchThrowableOfType(() -> gateway.createIssue(epic, JiraFixtures.IDEMPOTENCY_LABEL),
                    JiraRejectedException.class))
                    .hasMessage("Project WEB has no issue type \"Epic\"; available: Bug, Task, Subtask");
            cloud.verifyCreatedTimes(0);
        }

        @Test
        void priorityIsLeftOutWhenTheCreateScreenHasNoPriorityField() {
            JiraGateway.NewIssue task = new JiraGateway.NewIssue("WEB", "Task", "Rotate the TLS certificate", null,
                    "High", null, null, null);

            gateway.createIssue(task, JiraFixtures.IDEMPOTENCY_LABEL);

            cloud.verifyCreated("""
                    {"fields": {"project": {"key": "WEB"}, "issuetype": {"id": "10001"},
                      "summary": "Rotate the TLS certificate", "labels": ["ts-3f9a1c2b7d4e5f60", "ai_processed"]}}
                    """);
        }

        @Test
        void assigneeIsSetRightAfterCreatingWhenTheCreateScreenHasNoAssigneeField() {
            JiraGateway.NewIssue task = new JiraGateway.NewIssue("WEB", "Task", "Rotate the TLS certificate", null,
                    null, null, "Anna Schmidt", null);

            gateway.createIssue(task, JiraFixtures.IDEMPOTENCY_LABEL);

            cloud.verifyCreated("""
                    {"fields": {"project": {"key": "WEB"}, "issuetype": {"id": "10001"},
                      "summary": "Rotate the TLS certificate", "labels": ["ts-3f9a1c2b7d4e5f60", "ai_processed"]}}
                    """);
            cloud.verifyAssigned("WEB-124", "{\"accountId\":\"" + ANNA_ACCOUNT_ID + "\"}");
        }

        @Test
        void unknownAssigneeIsRefusedBeforeTheIssueIsCreated() {
            cloud.findsUsers("query", "Anna", "[" + ANNA + ", " + ANNA_BERG + "]");
            JiraGateway.NewIssue task = new JiraGateway.NewIssue("WEB", "Task", "Rotate the TLS certificate", null,
                    null, null, "Anna", null);

            assertThat(catchThrowableOfType(() -> gateway.createIssue(task, JiraFixtures.IDEMPOTENCY_LABEL),
                    JiraRejectedException.class))
                    .hasMessage("No active Jira user is \"Anna\"; candidates: Anna Schmidt, Anna Berg");
            cloud.verifyCreatedTimes(0);
        }

        @Test
        void issueWithoutSummaryIsRefusedBeforeAnythingIsSent() {
            JiraGateway.NewIssue task = new JiraGateway.NewIssue("WEB", "Task", " ", null, null, null, null, null);

            assertThat(catchThrowableOfType(() -> gateway.createIssue(task, JiraFixtures.IDEMPOTENCY_LABEL),
                    JiraRejectedException.class)).hasMessage("The action gives no summary for the new issue");
            assertThat(jira.getAllServeEvents()).isEmpty();
        }

        @Test
        void subTaskIsCreatedUnderItsParent() {
            JiraGateway.NewIssue subTask = new JiraGateway.NewIssue("WEB", "Subtask", "Add a regression test", null,
                    null, null, null, "WEB-124");

            gateway.createIssue(subTask, JiraFixtures.IDEMPOTENCY_LABEL);

            cloud.verifyCreated("""
                    {"fields": {"project": {"key": "WEB"}, "issuetype": {"id": "10003"},
                      "summary": "Add a regression test", "parent": {"key": "WEB-124"},
                      "labels": ["ts-3f9a1c2b7d4e5f60", "ai_processed"]}}
                    """);
        }

        @Test
        void subTaskWithoutParentIsRefused() {
            JiraGateway.NewIssue subTask = new JiraGateway.NewIssue("WEB", "Subtask", "Add a regression test", null,
                    null, null, null, null);

            assertThat(catchThrowableOfType(() -> gateway.createIssue(subTask, JiraFixtures.IDEMPOTENCY_LABEL),
                    JiraRejectedException.class))
                    .hasMessage("Subtask is a sub-task issue type in WEB and needs a parent issue, but the action gives none");
            cloud.verifyCreatedTimes(0);
        }

        @Test
        void parentOnAnIssueTypeWithoutParentFieldIsRefused() {
            JiraGateway.NewIssue task = new JiraGateway.NewIssue("WEB", "Task", "Rotate the TLS certificate", null,
                    null, null, null, "WEB-124");

            assertThat(catchThrowableOfType(() -> gateway.createIssue(task, JiraFixtures.IDEMPOTENCY_LABEL),
                    JiraRejectedException.class))
                    .hasMessage("The action gives parent WEB-124, but Task in WEB is not a sub-task issue type; "
                            + "use a sub-task type or no parent");
            cloud.verifyCreatedTimes(0);
        }

        @Test
        void issueCarryingTheIdempotencyLabelIsReturnedInsteadOfCreatingAnother() {
            jira.stubFor(get(urlPathEqualTo(API + "/search/jql"))
                    .withQueryParam("jql", equalTo("project = \"WEB\" AND labels = \"ts-3f9a1c2b7d4e5f60\""))
                    .withQueryParam("maxResults", equalTo("1"))
                    .willReturn(okJson("{\"issues\":[" + issue("WEB-101", "Checkout fails after payment") + "],"
                            + "\"isLast\":true}")));
            JiraGateway.NewIssue task = new JiraGateway.NewIssue("WEB", "Task", "Checkout fails after payment", null,
                    null, null, null, null);

            JiraGateway.CreatedIssue found = gateway.createIssue(task, JiraFixtures.IDEMPOTENCY_LABEL);

            assertThat(found).isEqualTo(new JiraGateway.CreatedIssue("WEB-101", false));
            cloud.verifyCreatedTimes(0);
            jira.verify(0, getRequestedFor(urlPathEqualTo(cloud.createMeta("WEB"))));
        }

        @Test
        void createMetadataIsCachedForItsTimeToLive() {
            JiraGateway.NewIssue task = new JiraGateway.NewIssue("WEB", "Task", "Rotate the TLS certificate", null,
                    null, null, null, null);

            gateway.createIssue(task, "ts-0000000000000001");
            gateway.createIssue(task, "ts-0000000000000002");

            cloud.verifyCreatedTimes(2);
            cloud.verifyCreateMetaRead(1, "WEB", "10001");

            clock.advance(JiraFixtures.CACHE_TTL.plus(Duration.ofSeconds(1)));
            gateway.createIssue(task, "ts-0000000000000003");

            cloud.verifyCreateMetaRead(2, "WEB", "10001");
        }
    }

    @Nested
    class Comment {

        @Test
        void commentIsSentAsAtlassianDocumentThenTheIssueIsLabelled() {
            cloud.acceptsComments("WEB-7");

            gateway.addComment("WEB-7", """
                    Thanks for the report.

                    We tried:
                    - clearing the cache
                    - logging in again

                    1. Open https://shop.acme.example/checkout.
                    2. Pay with a saved card

                    ```
                    HTTP 500 at /pay
                    ```""");

            cloud.verifyCommented("WEB-7", """
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
                    ]}}""");
            cloud.verifyLabelledProcessed("WEB-7");
        }
    }

    @Nested
    class Assign {

        @Test
        void nameIsResolvedToTheAccountIdOfTheOneActiveHumanAndTheSearchIsCached() {
            cloud.findsUsers("query", "anna schmidt", "[" + ANNA + ", " + ANNA_DEACTIVATED + ", " + ANNA_APP + "]");

            gateway.assign("WEB-7", "anna schmidt");
            gateway.assign("WEB-8", "anna schmidt");

            cloud.verifyAssigned("WEB-7", "{\"accountId\":\"" + ANNA_ACCOUNT_ID + "\"}");
            cloud.verifyAssigned("WEB-8", "{\"accountId\":\"" + ANNA_ACCOUNT_ID + "\"}");
            cloud.verifyUserSearches(1);
            cloud.verifyLabelledProcessed("WEB-7");
        }

        @Test
        void emailIsResolvedToTheAccountId() {
            cloud.findsUsers("query", "Anna.Schmidt@acme.example", "[" + ANNA + "]");

            gateway.assign("WEB-7", "Anna.Schmidt@acme.example");

            cloud.verifyAssigned("WEB-7", "{\"accountId\":\"" + ANNA_ACCOUNT_ID + "\"}");
        }

        @Test
        void accountIdIsUsedAsGivenWithoutSearching() {
            gateway.assign("WEB-7", "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077");

            cloud.verifyAssigned("WEB-7", "{\"accountId\":\"557058:f58131cb-b67d-43c7-b30d-6b58d40bd077\"}");
            cloud.verifyUserSearches(0);
        }

        @Test
        void ambiguousNameIsRefusedNamingTheCandidates() {
            cloud.findsUsers("query", "Max Müller", """
                    [{"accountId": "5d53f3cbc6b9320d9ea5bdc2", "accountType": "atlassian",
                      "emailAddress": "max.mueller@acme.example", "displayName": "Max Müller", "active": true},
                     {"accountId": "61a4b2c9e5d3f1006a1b2c3d", "accountType": "atlassian",
                      "displayName": "Max Müller", "active": true}]""");

            JiraRejectedException refused = catchThrowableOfType(() -> gateway.assign("WEB-7", "Max Müller"),
                    JiraRejectedException.class);

            assertThat(refused).hasMessage("\"Max Müller\" matches 2 Jira users: Max Müller, Max Müller; "
                    + "name the person by email address or account id");
            assertThat(refused.getMessage()).doesNotContain("max.mueller@acme.example");
            cloud.verifyNotAssigned("WEB-7");
        }

        @Test
        void unknownNameIsRefusedNamingWhomJiraFound() {
            cloud.findsUsers("query", "Anna", "[" + ANNA + ", " + ANNA_BERG + "]");

            JiraRejectedException refused = catchThrowableOfType(() -> gateway.assign("WEB-7", "Anna"),
                    JiraRejectedException.class);

            assertThat(refused).hasMessage("No active Jira user is \"Anna\"; candidates: Anna Schmidt, Anna Berg");
            assertThat(refused.status()).isEqualTo(400);
            cloud.verifyNotAssigned("WEB-7");
        }

        @Test
        void minusOneAssignsTheProjectDefault() {
            gateway.assign("WEB-7", "-1");

            cloud.verifyAssigned("WEB-7", "{\"accountId\":\"-1\"}");
            cloud.verifyUserSearches(0);
        }

        @Test
        void nullUnassigns() {
            gateway.assign("WEB-7", null);

            cloud.verifyAssigned("WEB-7", "{\"accountId\":null}");
            cloud.verifyLabelledProcessed("WEB-7");
        }
    }

    @Nested
    class Transition {

        @BeforeEach
        void workflow() {
            cloud.hasWorkflow("WEB-7", TRANSITIONS);
        }

        @Test
        void transitionLeadingToTheStatusIsPostedByIdWithTheResolutionTheScreenRequires() {
            gateway.transition("WEB-7", "done");

            cloud.verifyTransitioned("WEB-7",
                    "{\"transition\":{\"id\":\"31\"},\"fields\":{\"resolution\":{\"id\":\"10000\"}}}");
            cloud.verifyLabelledProcessed("WEB-7");
        }

        @Test
        void transitionWithoutScreenIsPostedWithoutFields() {
            gateway.transition("WEB-7", "In Progress");

            cloud.verifyTransitioned("WEB-7", "{\"transition\":{\"id\":\"21\"}}");
        }

        @Test
        void unreachableStatusIsRefusedListingTheReachableOnes() {
            cloud.issueIsIn("WEB-7", "In Review");

            JiraRejectedException refused = catchThrowableOfType(() -> gateway.transition("WEB-7", "Closed"),
                    JiraRejectedException.class);

            assertThat(refused).hasMessage("WEB-7 cannot move to \"Closed\" from In Review; "
                    + "reachable: To Do, In Progress, Done, Declined");
            cloud.verifyNotTransitioned("WEB-7");
        }

        @Test
        void statusAlreadyReachedIsNotARefusal() {
            cloud.issueIsIn("WEB-7", "Closed");

            gateway.transition("WEB-7", "closed");

            cloud.verifyNotTransitioned("WEB-7");
            cloud.verifyLabelledProcessed("WEB-7");
        }

        @Test
        void otherRequiredScreenFieldIsRefusedNamingIt() {
            assertThat(catchThrowableOfType(() -> gateway.transition("WEB-7", "Declined"), JiraRejectedException.class))
                    .hasMessage("Moving WEB-7 to Declined requires Decline reason (customfield_10050), which the action "
                            + "cannot fill; set it in Jira or choose another status");
            cloud.verifyNotTransitioned("WEB-7");
        }
    }

    @Nested
    class SearchAndRead {

        @Test
        void searchFollowsNextPageTokensToTheLastPage() {
            jira.stubFor(get(urlPathEqualTo(API + "/search/jql")).withQueryParam("nextPageToken", equalTo("CAEaAggC"))
                    .willReturn(okJson("{\"issues\":[" + issue("WEB-3", "Three") + "," + issue("WEB-4", "Four")
                            + "],\"nextPageToken\":\"CAEaAggE\",\"isLast\":false}")));
            jira.stubFor(get(urlPathEqualTo(API + "/search/jql")).withQueryParam("nextPageToken", equalTo("CAEaAggE"))
                    .willReturn(okJson("{\"issues\":[" + issue("WEB-5", "Five") + "],\"isLast\":true}")));
            jira.stubFor(get(urlPathEqualTo(API + "/search/jql")).atPriority(10)
                    .willReturn(okJson("{\"issues\":[" + issue("WEB-1", "One") + "," + issue("WEB-2", "Two")
                            + "],\"nextPageToken\":\"CAEaAggC\",\"isLast\":false}")));

            FakeJiraApi.SearchWalk walk = FakeJiraApi.walk(gateway, "labels != ai_processed ORDER BY created", 2);

            assertThat(walk.keys()).containsExactly("WEB-1", "WEB-2", "WEB-3", "WEB-4", "WEB-5");
            assertThat(walk.tokens()).containsExactly("CAEaAggC", "CAEaAggE", null);
            jira.verify(3, getRequestedFor(urlPathEqualTo(API + "/search/jql"))
                    .withQueryParam("jql", equalTo("labels != ai_processed ORDER BY created"))
                    .withQueryParam("maxResults", equalTo("2"))
                    .withQueryParam("fields", equalTo("summary,description,status,labels,reporter,issuetype,project")));
        }

        @Test
        void issueIsReadWithItsDescriptionFlattenedToPlainText() {
            jira.stubFor(get(urlPathEqualTo(API + "/issue/WEB-7"))
                    .withQueryParam("fields", equalTo("summary,description,status,labels,reporter,issuetype,project"))
                    .willReturn(okJson(issue("WEB-7", "Checkout fails after payment"))));

            JiraGateway.JiraIssue read = gateway.getIssue("WEB-7");

            assertThat(read).isEqualTo(new JiraGateway.JiraIssue("WEB-7", "Checkout fails after payment",
                    "Customers see a blank page in:\n\n- Chrome\n- Firefox\n\nSee https://status.acme.example",
                    "In Progress", "indeterminate", List.of("checkout", "customer"), "Anna Schmidt", "Bug", "WEB"));
        }

        @Test
        void browseUrlAndNameNameTheSite() {
            assertThat(gateway.browseUrl("WEB-7")).isEqualTo(jira.baseUrl() + "/browse/WEB-7");
            assertThat(gateway.name()).isEqualTo("cloud " + jira.baseUrl());
            assertThat(gateway.sendsToJira()).isTrue();
        }
    }

    private static String issue(String key, String summary) {
        return """
                {"expand": "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
                 "id": "100%s", "self": "https://acme.atlassian.net/rest/api/3/issue/100%s", "key": "%s",
                 "fields": {
                   "summary": "%s",
                   "issuetype": {"id": "10004", "name": "Bug", "subtask": false},
                   "project": {"id": "10000", "key": "WEB", "name": "Web shop"},
                   "labels": ["checkout", "customer"],
                   "reporter": {"accountId": "5b10a2844c20165700ede21g", "displayName": "Anna Schmidt",
                                "active": true, "accountType": "atlassian"},
                   "status": {"name": "In Progress", "id": "3",
                              "statusCategory": {"id": 4, "key": "indeterminate", "name": "In Progress"}},
                   "description": {"type": "doc", "version": 1, "content": [
                     {"type": "paragraph", "content": [{"type": "text", "text": "Customers see a blank page in:"}]},
                     {"type": "bulletList", "content": [
                       {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Chrome"}]}]},
                       {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Firefox"}]}]}]},
                     {"type": "paragraph", "content": [{"type": "text", "text": "See "},
                       {"type": "text", "text": "https://status.acme.example",
                        "marks": [{"type": "link", "attrs": {"href": "https://status.acme.example"}}]}]}]}
                 }}""".formatted(key.substring(4), key.substring(4), key, summary);
    }

    private static final String ANNA = """
            {"self": "https://acme.atlassian.net/rest/api/3/user?accountId=5b10a2844c20165700ede21g",
             "accountId": "5b10a2844c20165700ede21g", "accountType": "atlassian",
             "emailAddress": "anna.schmidt@acme.example", "displayName": "Anna Schmidt", "active": true,
             "timeZone": "Europe/Berlin", "locale": "en_US"}""";

    private static final String ANNA_DEACTIVATED = """
            {"accountId": "5b10ac8d82e05b22cc7d4ef5", "accountType": "atlassian",
             "displayName": "Anna Schmidt", "active": false}""";

    private static final String ANNA_APP = """
            {"accountId": "557058:0867a421-a9ee-4659-801a-bc0ee4a4487e", "accountType": "app",
             "displayName": "Anna Schmidt", "active": true}""";

    private static final String ANNA_BERG = """
            {"accountId": "5c2a3e4f5a6b7c001d8e9f01", "accountType": "atlassian",
             "displayName": "Anna Berg", "active": true}""";

    private static final String WEB_ISSUE_TYPES = """
            {"maxResults": 50, "startAt": 0, "total": 3, "issueTypes": [
              {"self": "https://acme.atlassian.net/rest/api/3/issuetype/10004", "id": "10004",
               "description": "A problem which impairs or prevents the functions of the product.",
               "iconUrl": "https://acme.atlassian.net/images/icons/issuetypes/bug.svg", "name": "Bug",
               "untranslatedName": "Bug", "subtask": false, "hierarchyLevel": 0},
              {"self": "https://acme.atlassian.net/rest/api/3/issuetype/10001", "id": "10001",
               "description": "A small, distinct piece of work.", "name": "Task", "untranslatedName": "Task",
               "subtask": false, "hierarchyLevel": 0},
              {"self": "https://acme.atlassian.net/rest/api/3/issuetype/10003", "id": "10003",
               "description": "A small piece of work that's part of a larger task.", "name": "Subtask",
               "untranslatedName": "Subtask", "subtask": true, "hierarchyLevel": -1}]}""";

    private static final String COMMON_FIELDS = """
              {"required": true, "schema": {"type": "issuetype", "system": "issuetype"}, "name": "Issue Type",
               "fieldId": "issuetype", "hasDefaultValue": false, "operations": []},
              {"required": true, "schema": {"type": "project", "system": "project"}, "name": "Project",
               "fieldId": "project", "hasDefaultValue": false, "operations": ["set"]},
              {"required": true, "schema": {"type": "string", "system": "summary"}, "name": "Summary",
               "fieldId": "summary", "hasDefaultValue": false, "operations": ["set"]},
              {"required": true, "schema": {"type": "user", "system": "reporter"}, "name": "Reporter",
               "fieldId": "reporter", "hasDefaultValue": true, "operations": ["set"]},
              {"required": false, "schema": {"type": "string", "system": "description"}, "name": "Description",
               "fieldId": "description", "hasDefaultValue": false, "operations": ["set"]},
              {"required": false, "schema": {"type": "array", "items": "string", "system": "labels"},
               "name": "Labels", "fieldId": "labels", "hasDefaultValue": false, "operations": ["add", "set", "remove"]}""";

    private static final String BUG_FIELDS = """
            {"maxResults": 50, "startAt": 0, "total": 9, "fields": [%s,
              {"required": false, "schema": {"type": "priority", "system": "priority"}, "name": "Priority",
               "fieldId": "priority", "hasDefaultValue": true, "operations": ["set"],
               "allowedValues": [{"name": "Highest", "id": "1"}, {"name": "High", "id": "2"},
                                 {"name": "Medium", "id": "3"}, {"name": "Low", "id": "4"}]},
              {"required": false, "schema": {"type": "user", "system": "assignee"}, "name": "Assignee",
               "fieldId": "assignee", "hasDefaultValue": false, "operations": ["set"]},
              {"required": true, "schema": {"type": "option", "custom":
                 "com.atlassian.jira.plugin.system.customfieldtypes:select", "customId": 10010},
               "name": "Affected area", "fieldId": "customfield_10010", "hasDefaultValue": false,
               "operations": ["set"], "allowedValues": [{"value": "Checkout", "id": "10020"},
                                                         {"value": "Login", "id": "10021"}]}]}""".formatted(COMMON_FIELDS);

    private static final String TASK_FIELDS = """
            {"maxResults": 50, "startAt": 0, "total": 6, "fields": [%s]}""".formatted(COMMON_FIELDS);

    private static final String SUBTASK_FIELDS = """
            {"maxResults": 50, "startAt": 0, "total": 7, "fields": [%s,
              {"required": true, "schema": {"type": "issuelink", "system": "parent"}, "name": "Parent",
               "fieldId": "parent", "hasDefaultValue": false, "operations": ["set"]}]}""".formatted(COMMON_FIELDS);

    private static final String TRANSITIONS = """
            {"expand": "transitions", "transitions": [
              {"id": "11", "name": "To Do", "hasScreen": false, "isGlobal": true, "isInitial": false,
               "isAvailable": true, "isConditional": false, "isLooped": false,
               "to": {"name": "To Do", "id": "10000", "statusCategory": {"id": 2, "key": "new", "name": "To Do"}},
               "fields": {}},
              {"id": "21", "name": "Start progress", "hasScreen": false, "isGlobal": false,
               "to": {"name": "In Progress", "id": "3",
                      "statusCategory": {"id": 4, "key": "indeterminate", "name": "In Progress"}},
               "fields": {}},
              {"id": "31", "name": "Resolve", "hasScreen": true, "isGlobal": false,
               "to": {"name": "Done", "id": "10001", "statusCategory": {"id": 3, "key": "done", "name": "Done"}},
               "fields": {
                 "resolution": {"required": true, "schema": {"type": "resolution", "system": "resolution"},
                   "name": "Resolution", "key": "resolution", "operations": ["set"],
                   "allowedValues": [{"id": "10001", "name": "Won't Do"}, {"id": "10000", "name": "Done"},
                                     {"id": "10002", "name": "Duplicate"}]},
                 "comment": {"required": false, "schema": {"type": "comments-page", "system": "comment"},
                   "name": "Comment", "key": "comment", "operations": ["add", "edit", "remove"]}}},
              {"id": "41", "name": "Decline", "hasScreen": true, "isGlobal": false,
               "to": {"name": "Declined", "id": "10002", "statusCategory": {"id": 3, "key": "done", "name": "Done"}},
               "fields": {
                 "customfield_10050": {"required": true, "schema": {"type": "string", "customId": 10050},
                   "name": "Decline reason", "key": "customfield_10050", "hasDefaultValue": false,
                   "operations": ["set"]}}}]}""";
}
