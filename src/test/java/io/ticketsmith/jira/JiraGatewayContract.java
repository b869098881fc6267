package io.ticketsmith.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.ticketsmith.support.FakeJiraApi;
import io.ticketsmith.support.TestClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What both Jira adapters promise, each case written once: {@link CloudJiraGatewayTest} runs them against a fake
 * Jira Cloud (REST v3) and {@link DataCenterJiraGatewayTest} against a fake Jira Data Center (REST v2), each with
 * the payloads its flavour really sends ({@code io.ticketsmith.fixtures}). The subclasses supply the flavour, its
 * project and workflow, how it writes text, names users and pages searches, and hold the cases only their flavour
 * has.
 */
abstract class JiraGatewayContract {

    static final String SEARCH_FIELDS = "summary,description,status,labels,reporter,issuetype,project";

    /** The text of the comment cases; {@link #commentAsSent()} is what each flavour makes of it. */
    static final String COMMENT = """
            Thanks for the report.

            We tried:
            - clearing the cache
            - logging in again

            1. Open https://shop.acme.example/checkout.
            2. Pay with a saved card

            ```
            HTTP 500 at /pay
            ```""";

    @RegisterExtension
    static WireMockExtension jira = JiraFixtures.fakeJira();

    final TestClock clock = JiraFixtures.clock();
    FakeJiraApi api;
    RestJiraGateway gateway;

    // --- The flavour -------------------------------------------------------------------------------------------------

    abstract JiraProperties.Flavor flavor();

    /** How {@link JiraGateway#name()} names the flavour. */
    abstract String flavorName();

    /** The project the cases work in; its create metadata is stubbed by {@link #projectWithCreateMetadata()}. */
    abstract String project();

    abstract String taskTypeId();

    /** The project's sub-task issue type, as Jira names it. */
    abstract String subTaskType();

    abstract String subTaskTypeId();

    /** The custom field the project's Bug screen requires, as a refusal names it. */
    abstract String requiredBugField();

    /** Stubs the search for an idempotency label (finding nothing) and the project's create metadata. */
    abstract void projectWithCreateMetadata();

    /** Stubs the search for an idempotency label, by its exact JQL, to find the given issue. */
    abstract void labelSearchFinds(String jql, String issueKey);

    /** The property assignee values name a user by: {@code accountId} on Cloud, {@code name} on Data Center. */
    abstract String userField();

    /** A user the fake Jira knows, as an action names them, and the value that identifies them in assignee values. */
    abstract String knownUser();

    abstract String knownUserId();

    /** {@link #COMMENT} as the flavour sends it. */
    abstract String commentAsSent();

    /** The transitions of an issue, as Jira lists them with their screens' fields. */
    abstract String workflow();

    abstract String startProgressTransitionId();

    /** The statuses {@link #workflow()} reaches, as a refusal lists them. */
    abstract String reachableStatuses();

    /** A status {@link #workflow()} does not reach. */
    abstract String unreachableStatus();

    /** An issue of the project as {@code GET /issue/{key}} and the searches return it. */
    abstract String issuePayload(String key, String summary);

    /** {@link #issuePayload} as the adapter reads it. */
    abstract JiraGateway.JiraIssue issueAsRead(String key, String summary);

    /** Stubs a search by the given JQL that finds issues 1 to 5 of the project, in pages of two. */
    abstract void searchFindsFiveIssuesInPagesOfTwo(String jql);

    /** The search path, below the API. */
    abstract String searchPath();

    /** The page token each page of {@link #searchFindsFiveIssuesInPagesOfTwo} returns, the last one null. */
    abstract List<String> pageTokens();

    // --- Shared by the cases -----------------------------------------------------------------------------------------

    String issueKey() {
        return project() + "-7";
    }

    String createdKey() {
        return project() + "-124";
    }

    String assignee(String userId) {
        return userId == null ? "{\"" + userField() + "\":null}" : "{\"" + userField() + "\":\"" + userId + "\"}";
    }

    @BeforeEach
    void adapterAgainstTheFake() {
        api = switch (flavor()) {
            case CLOUD -> FakeJiraApi.cloud(jira);
            case DATACENTER -> FakeJiraApi.dataCenter(jira);
        };
        gateway = JiraFixtures.gateway(flavor(), jira.baseUrl(), new SimpleMeterRegistry(), clock);
        api.acceptsEdits();
    }

    /** The project with its create metadata, where creating an issue gives {@link #createdKey()}. */
    void jiraWithProject() {
        projectWithCreateMetadata();
        api.createsIssue("10042", createdKey());
    }

    @Nested
    class CreateIssue {

        @BeforeEach
        void jiraWithTheProject() {
            jiraWithProject();
        }

        @Test
        void missingRequiredCustomFieldIsRefusedBeforeAnythingIsSent() {
            JiraGateway.NewIssue bug = new JiraGateway.NewIssue(project(), "Bug", "Checkout fails", null, null, null,
                    null, null);

            JiraRejectedException refused = catchThrowableOfType(
                    () -> gateway.createIssue(bug, JiraFixtures.IDEMPOTENCY_LABEL), JiraRejectedException.class);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused).hasMessage("Jira requires " + requiredBugField() + " to create a Bug in " + project()
                    + ", and the action does not give it");
            api.verifyCreatedTimes(0);
        }

        @Test
        void customFieldGivenByNameIsRefused() {
            JiraGateway.NewIssue bug = new JiraGateway.NewIssue(project(), "Bug", "Checkout fails", null, null, null,
                    null, null, Map.of("Affected area", "Checkout"));

            assertThat(catchThrowableOfType(() -> gateway.createIssue(bug, JiraFixtures.IDEMPOTENCY_LABEL),
                    JiraRejectedException.class))
                    .hasMessage("Custom fields are given by their id (customfield_NNNNN), not by name: \"Affected area\"");
            api.verifyCreatedTimes(0);
        }

        @Test
        void unknownIssueTypeIsRefusedListingTheProjectsTypes() {
            JiraGateway.NewIssue epic = new JiraGateway.NewIssue(project(), "Epic", "Checkout revamp", null, null,
                    null, null, null);

            assertThat(catchThrowableOfType(() -> gateway.createIssue(epic, JiraFixtures.IDEMPOTENCY_LABEL),
                    JiraRejectedException.class))
                    .hasMessage("Project " + project() + " has no issue type \"Epic\"; available: Bug, Task, "
                            + subTaskType());
            api.verifyCreatedTimes(0);
        }

        @Test
        void priorityIsLeftOutWhenTheCreateScreenHasNoPriorityField() {
            JiraGateway.NewIssue task = new JiraGateway.NewIssue(project(), "Task", "Rotate the TLS certificate",
                    null, "High", null, null, null);

            gateway.createIssue(task, JiraFixtures.IDEMPOTENCY_LABEL);

            api.verifyCreated("""
                    {"fields": {"project": {"key": "%s"}, "issuetype": {"id": "%s"},
                      "summary": "Rotate the TLS certificate", "labels": ["ts-3f9a1c2b7d4e5f60", "ai_processed"]}}
                    """.formatted(project(), taskTypeId()));
        }

        @Test
        void assigneeIsSetRightAfterCreatingWhenTheCreateScreenHasNoAssigneeField() {
            JiraGateway.NewIssue task = new JiraGateway.NewIssue(project(), "Task", "Rotate the TLS certificate",
                    null, null, null, knownUser(), null);

            gateway.createIssue(task, JiraFixtures.IDEMPOTENCY_LABEL);

            api.verifyCreated("""
                    {"fields": {"project": {"key": "%s"}, "issuetype": {"id": "%s"},
                      "summary": "Rotate the TLS certificate", "labels": ["ts-3f9a1c2b7d4e5f60", "ai_processed"]}}
                    """.formatted(project(), taskTypeId()));
            api.verifyAssigned(createdKey(), assignee(knownUserId()));
        }

        @Test
        void issueWithoutSummaryIsRefusedBeforeAnythingIsSent() {
            JiraGateway.NewIssue task = new JiraGateway.NewIssue(project(), "Task", " ", null, null, null, null,
                    null);

            assertThat(catchThrowableOfType(() -> gateway.createIssue(task, JiraFixtures.IDEMPOTENCY_LABEL),
                    JiraRejectedException.class)).hasMessage("The action gives no summary for the new issue");
            assertThat(jira.getAllServeEvents()).isEmpty();
        }

        /** The action may write the issue type in any case. */
        @Test
        void subTaskIsCreatedUnderItsParent() {
            JiraGateway.NewIssue subTask = new JiraGateway.NewIssue(project(), subTaskType().toLowerCase(Locale.ROOT),
                    "Add a regression test", null, null, null, null, issueKey());

            gateway.createIssue(subTask, JiraFixtures.IDEMPOTENCY_LABEL);

            api.verifyCreated("""
                    {"fields": {"project": {"key": "%s"}, "issuetype": {"id": "%s"},
                      "summary": "Add a regression test", "parent": {"key": "%s"},
                      "labels": ["ts-3f9a1c2b7d4e5f60", "ai_processed"]}}
                    """.formatted(project(), subTaskTypeId(), issueKey()));
        }

        @Test
        void subTaskWithoutParentIsRefused() {
            for (String noParent : Arrays.asList(null, " ")) {
                JiraGateway.NewIssue subTask = new JiraGateway.NewIssue(project(), subTaskType(),
                        "Add a regression test", null, null, null, null, noParent);

                assertThat(catchThrowableOfType(() -> gateway.createIssue(subTask, JiraFixtures.IDEMPOTENCY_LABEL),
                        JiraRejectedException.class)).as("parent %s", noParent)
                        .hasMessage(subTaskType() + " is a sub-task issue type in " + project()
                                + " and needs a parent issue, but the action gives none");
            }
            api.verifyCreatedTimes(0);
        }

        @Test
        void parentOnAnIssueTypeWithoutParentFieldIsRefused() {
            JiraGateway.NewIssue task = new JiraGateway.NewIssue(project(), "Task", "Rotate the TLS certificate",
                    null, null, null, null, issueKey());

            assertThat(catchThrowableOfType(() -> gateway.createIssue(task, JiraFixtures.IDEMPOTENCY_LABEL),
                    JiraRejectedException.class))
                    .hasMessage("The action gives parent " + issueKey() + ", but Task in " + project()
                            + " is not a sub-task issue type; use a sub-task type or no parent");
            api.verifyCreatedTimes(0);
        }

        @Test
        void issueCarryingTheIdempotencyLabelIsReturnedInsteadOfCreatingAnother() {
            String existing = project() + "-101";
            labelSearchFinds("project = \"" + project() + "\" AND labels = \"ts-3f9a1c2b7d4e5f60\"", existing);
            JiraGateway.NewIssue task = new JiraGateway.NewIssue(project(), "Task", "Checkout fails after payment",
                    null, null, null, null, null);

            JiraGateway.CreatedIssue found = gateway.createIssue(task, JiraFixtures.IDEMPOTENCY_LABEL);

            assertThat(found).isEqualTo(new JiraGateway.CreatedIssue(existing, false));
            api.verifyCreatedTimes(0);
            jira.verify(0, getRequestedFor(urlPathEqualTo(api.createMeta(project()))));
        }

        /** The ledger enters every action before its first call: an action never begun has no issue in Jira yet. */
        @Test
        void issueOfAnActionNeverBegunIsCreatedWithoutSearchingForItsLabel() {
            labelSearchFinds("project = \"" + project() + "\" AND labels = \"ts-3f9a1c2b7d4e5f60\"", project() + "-101");
            JiraGateway.NewIssue task = new JiraGateway.NewIssue(project(), "Task", "Rotate the TLS certificate",
                    null, null, null, null, null);

            JiraGateway.CreatedIssue created = gateway.createIssue(task, JiraFixtures.IDEMPOTENCY_LABEL, false);

            assertThat(created).isEqualTo(new JiraGateway.CreatedIssue(createdKey(), true));
            api.verifyCreatedTimes(1);
            jira.verify(0, anyRequestedFor(urlPathEqualTo(api.path(searchPath()))));
        }

        @Test
        void createMetadataIsCachedForItsTimeToLive() {
            JiraGateway.NewIssue task = new JiraGateway.NewIssue(project(), "Task", "Rotate the TLS certificate",
                    null, null, null, null, null);

            gateway.createIssue(task, "ts-0000000000000001");
            gateway.createIssue(task, "ts-0000000000000002");

            api.verifyCreatedTimes(2);
            api.verifyCreateMetaRead(1, project(), taskTypeId());

            clock.advance(JiraFixtures.CACHE_TTL.plus(Duration.ofSeconds(1)));
            gateway.createIssue(task, "ts-0000000000000003");

            api.verifyCreateMetaRead(2, project(), taskTypeId());
        }
    }

    @Nested
    class Comment {

        @Test
        void commentIsSentInTheFlavoursTextFormatThenTheIssueIsLabelled() {
            api.acceptsComments(issueKey());

            gateway.addComment(issueKey(), COMMENT);

            api.verifyCommented(issueKey(), commentAsSent());
            api.verifyLabelledProcessed(issueKey());
        }

        @Test
        void commentIsFoundByItsMarkerOnALaterPage() {
            api.hasComments(issueKey(), "Customer called again", "Looking into it",
                    "Checked the logs\n—\nTicketsmith request REQ-1 · ts-0123456789abcdef", "Opened");

            assertThat(gateway.hasComment(issueKey(), "ts-0123456789abcdef")).isTrue();
            api.verifyCommentPagesRead(issueKey(), 2);
        }

        @Test
        void commentWithoutTheMarkerIsNotFoundAfterTheLastPage() {
            api.hasComments(issueKey(), "Customer called again", "Looking into it", "Opened");

            assertThat(gateway.hasComment(issueKey(), "ts-0123456789abcdef")).isFalse();
            api.verifyCommentPagesRead(issueKey(), 2);
        }
    }

    @Nested
    class Reply {

        static final String REPLY = "We restarted the payment service.\nPlease try the checkout again.";

        @Test
        void internalReplyIsACommentInTheFlavoursFormatThatServiceManagementKeepsFromTheCustomer() throws Exception {
            api.acceptsComments(issueKey());

            gateway.addInternalComment(issueKey(), COMMENT);

            var internal = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(commentAsSent());
            internal.putArray("properties").addObject().put("key", "sd.public.comment")
                    .putObject("value").put("internal", true);
            api.verifyCommented(issueKey(), internal.toString());
            api.verifyLabelledProcessed(issueKey());
        }

        @Test
        void publicReplyGoesThroughServiceManagementAsPlainTextThenTheIssueIsLabelled() {
            api.acceptsPublicComments(issueKey());

            gateway.addPublicComment(issueKey(), REPLY);

            api.verifyPublicCommented(issueKey(), REPLY);
            api.verifyLabelledProcessed(issueKey());
        }

        @Test
        void publicReplyOnAnIssueThatIsNoCustomerRequestIsRefusedSayingSo() {
            api.isNoCustomerRequest(issueKey());

            JiraRejectedException refused = catchThrowableOfType(() -> gateway.addPublicComment(issueKey(), REPLY),
                    JiraRejectedException.class);

            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused).hasMessage(issueKey() + " is not a Jira Service Management request (or not one this "
                    + "account may comment on), so no public reply can be posted on it: The request could not be found.");
        }

        @Test
        void publicReplyIsFoundByItsExactTextOnALaterPage() {
            api.hasPublicComments(issueKey(), "Checkout fails with a saved card", "Any news?", REPLY + "\n", "Thanks!");

            assertThat(gateway.hasPublicComment(issueKey(), REPLY)).isTrue();
            api.verifyPublicCommentPagesRead(issueKey(), 2);
        }

        @Test
        void publicReplyWithOtherTextIsNotFoundAfterTheLastPage() {
            api.hasPublicComments(issueKey(), "Checkout fails with a saved card", "Any news?",
                    "We restarted the payment service.\nPlease try the checkout again tomorrow.");

            assertThat(gateway.hasPublicComment(issueKey(), REPLY)).isFalse();
            api.verifyPublicCommentPagesRead(issueKey(), 2);
        }
    }

    @Nested
    class Framing {

        @Test
        void bodiesGoWithTheirContentLengthSoAProxyThatRefusesChunkedOnesLetsThemThrough() {
            jira.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                    com.github.tomakehurst.wiremock.client.WireMock.anyUrl()).atPriority(1)
                    .withHeader("Transfer-Encoding", equalTo("chunked"))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(411)
                            .withBody("<html><body><h1>411 Length Required</h1></body></html>")));
            api.acceptsComments(issueKey());

            gateway.addComment(issueKey(), COMMENT);

            api.verifyCommented(issueKey(), commentAsSent());
            var sent = jira.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    urlPathEqualTo(api.path("/issue/" + issueKey() + "/comment")))).get(0);
            assertThat(sent.getHeader("Content-Length")).isEqualTo(Integer.toString(sent.getBody().length));
        }
    }

    @Nested
    class Link {

        @Test
        void linkIsSentWithTheIssueOutwardAndTheRepeatedOneInwardThenTheIssueIsLabelled() {
            api.acceptsIssueLinks();

            gateway.linkIssues(issueKey(), "WEB-1412", "Duplicate");

            api.verifyLinked(issueKey(), "WEB-1412", "Duplicate");
            api.verifyLabelledProcessed(issueKey());
        }

        @Test
        void linkTypeTheInstanceDoesNotHaveIsRejectedInJirasWords() {
            api.acceptsIssueLinks();

            assertThatThrownBy(() -> gateway.linkIssues(issueKey(), "WEB-1412", "Clones"))
                    .isInstanceOf(JiraRejectedException.class)
                    .hasMessageContaining("No issue link type with name");
        }

        @Test
        void existingLinkIsFoundByTypeAndOtherEnd() {
            api.hasIssueLinks(issueKey(), "Duplicate", "WEB-1412");

            assertThat(gateway.hasLink(issueKey(), "WEB-1412", "Duplicate")).isTrue();
            assertThat(gateway.hasLink(issueKey(), "WEB-1412", "Relates")).isFalse();
            assertThat(gateway.hasLink(issueKey(), "WEB-9", "Duplicate")).isFalse();
        }
    }

    @Nested
    class RemoteLink {

        @Test
        void pageIsLinkedFromTheIssueUnderItsGlobalId() {
            api.acceptsRemoteLinks(issueKey());

            gateway.addRemoteLink(issueKey(), "confluence-page:98765", "https://acme.atlassian.net/wiki/x/AbC",
                    "Checkout outage post-mortem");

            api.verifyRemoteLinked(issueKey(), "confluence-page:98765", "https://acme.atlassian.net/wiki/x/AbC",
                    "Checkout outage post-mortem");
        }

        @Test
        void issueJiraDoesNotKnowIsRejectedInJirasWords() {
            jira.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(
                    api.path("/issue/" + issueKey() + "/remotelink"))).willReturn(
                            com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(404)
                                    .withHeader("Content-Type", "application/json")
                                    .withBody("{\"errorMessages\":[\"Issue does not exist or you do not have "
                                            + "permission to see it.\"],\"errors\":{}}")));

            assertThatThrownBy(() -> gateway.addRemoteLink(issueKey(), "confluence-page:98765",
                    "https://acme.atlassian.net/wiki/x/AbC", "Checkout outage post-mortem"))
                    .isInstanceOf(JiraRejectedException.class)
                    .hasMessageContaining("Issue does not exist");
        }
    }

    @Nested
    class Assign {

        @Test
        void minusOneAssignsTheProjectDefault() {
            gateway.assign(issueKey(), "-1");

            api.verifyAssigned(issueKey(), assignee("-1"));
            api.verifyUserSearches(0);
        }

        @Test
        void nullUnassigns() {
            gateway.assign(issueKey(), null);

            api.verifyAssigned(issueKey(), assignee(null));
            api.verifyLabelledProcessed(issueKey());
        }
    }

    @Nested
    class Transition {

        @BeforeEach
        void workflowOfTheIssue() {
            api.hasWorkflow(issueKey(), workflow());
        }

        @Test
        void transitionWithoutScreenIsPostedWithoutFields() {
            gateway.transition(issueKey(), "In Progress");

            api.verifyTransitioned(issueKey(), "{\"transition\":{\"id\":\"" + startProgressTransitionId() + "\"}}");
        }

        @Test
        void unreachableStatusIsRefusedListingTheReachableOnes() {
            api.issueIsIn(issueKey(), "In Review");

            JiraRejectedException refused = catchThrowableOfType(
                    () -> gateway.transition(issueKey(), unreachableStatus()), JiraRejectedException.class);

            assertThat(refused).hasMessage(issueKey() + " cannot move to \"" + unreachableStatus()
                    + "\" from In Review; reachable: " + reachableStatuses());
            api.verifyNotTransitioned(issueKey());
        }

        @Test
        void statusAlreadyReachedIsNotARefusal() {
            api.issueIsIn(issueKey(), unreachableStatus());

            gateway.transition(issueKey(), unreachableStatus().toLowerCase(Locale.ROOT));

            api.verifyNotTransitioned(issueKey());
            api.verifyLabelledProcessed(issueKey());
        }
    }

    @Nested
    class SearchAndRead {

        @Test
        void searchWalksEveryPageWithTheTokenEachReturns() {
            String jql = "project = " + project() + " AND labels != ai_processed ORDER BY created";
            searchFindsFiveIssuesInPagesOfTwo(jql);

            List<String> keys = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            String token = null;
            do {
                JiraGateway.SearchPage page = gateway.search(jql, token, 2);
                page.issues().forEach(found -> keys.add(found.key()));
                token = page.nextPageToken();
                tokens.add(token);
            } while (token != null);

            assertThat(keys).containsExactly(project() + "-1", project() + "-2", project() + "-3", project() + "-4",
                    project() + "-5");
            assertThat(tokens).containsExactlyElementsOf(pageTokens());
            jira.verify(3, getRequestedFor(urlPathEqualTo(api.path(searchPath())))
                    .withQueryParam("jql", equalTo(jql))
                    .withQueryParam("maxResults", equalTo("2"))
                    .withQueryParam("fields", equalTo(SEARCH_FIELDS)));
        }

        @Test
        void issueIsReadWithItsDescriptionAsPlainText() {
            jira.stubFor(get(urlPathEqualTo(api.path("/issue/" + issueKey())))
                    .withQueryParam("fields", equalTo(SEARCH_FIELDS))
                    .willReturn(okJson(issuePayload(issueKey(), "Checkout fails after payment"))));

            JiraGateway.JiraIssue read = gateway.getIssue(issueKey());

            assertThat(read).isEqualTo(issueAsRead(issueKey(), "Checkout fails after payment"));
        }

        @Test
        void browseUrlAndNameNameTheSite() {
            assertThat(gateway.browseUrl(issueKey())).isEqualTo(jira.baseUrl() + "/browse/" + issueKey());
            assertThat(gateway.name()).isEqualTo(flavorName() + " " + jira.baseUrl());
            assertThat(gateway.sendsToJira()).isTrue();
        }
    }
}
