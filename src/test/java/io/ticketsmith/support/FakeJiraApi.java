package io.ticketsmith.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.ticketsmith.fixtures.JiraCloudPayloads;
import io.ticketsmith.fixtures.JiraDataCenterPayloads;
import io.ticketsmith.fixtures.JiraPayloads;

/**
 * One Jira REST API version on WireMock, stubbed and checked in the words of a scenario ("Jira creates the issue",
 * "the issue was commented"). The payloads are those of {@code io.ticketsmith.fixtures}.
 */
public final class FakeJiraApi {

    /** The label the application puts on every issue it has handled (ticketsmith.jira.processed-label). */
    public static final String PROCESSED_LABEL = "ai_processed";

    private final WireMockExtension jira;
    private final String api;

    private FakeJiraApi(WireMockExtension jira, String api) {
        this.jira = jira;
        this.api = api;
    }

    /** Jira Cloud's REST API v3. */
    public static FakeJiraApi cloud(WireMockExtension jira) {
        return new FakeJiraApi(jira, JiraCloudPayloads.API);
    }

    /** Jira Data Center's REST API v2. */
    public static FakeJiraApi dataCenter(WireMockExtension jira) {
        return new FakeJiraApi(jira, JiraDataCenterPayloads.API);
    }

    public String path(String path) {
        return api + path;
    }

    /**
     * Jira Cloud as it answers creating a Bug in WEB: no issue carries the action's idempotency label yet, the create
     * metadata of a WEB whose only issue type is a Bug that needs only a summary, and the created issue.
     */
    public void createsBugInWeb(String issueKey) {
        if (!api.equals(JiraCloudPayloads.API)) {
            throw new IllegalStateException("The Bug in WEB is stubbed for Jira Cloud only");
        }
        jira.stubFor(get(urlPathEqualTo(api + "/search/jql")).willReturn(okJson(JiraCloudPayloads.searchPage(null))));
        hasCreateMeta("WEB", JiraCloudPayloads.BUGS_ONLY_WEB_ISSUE_TYPES,
                Map.of("10004", JiraCloudPayloads.BUGS_ONLY_WEB_BUG_FIELDS));
        createsIssue("10101", issueKey);
    }

    /** Issue edits (labels) and assignments succeed with 204, as in Jira. */
    public void acceptsEdits() {
        jira.stubFor(put(urlPathMatching(api + "/issue/[A-Z]+-\\d+(/assignee)?")).willReturn(aResponse().withStatus(204)));
    }

    public void createsIssue(String id, String key) {
        jira.stubFor(post(urlPathEqualTo(api + "/issue")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(JiraPayloads.createdIssue(jira.baseUrl(), api, id, key))));
    }

    /** The project's issue types, and the create-screen fields of each issue type id (one page each). */
    public void hasCreateMeta(String project, String issueTypes, Map<String, String> fieldsByIssueTypeId) {
        jira.stubFor(get(urlPathEqualTo(createMeta(project))).willReturn(okJson(issueTypes)));
        fieldsByIssueTypeId.forEach((id, fields) ->
                jira.stubFor(get(urlPathEqualTo(createMeta(project) + "/" + id)).willReturn(okJson(fields))));
    }

    public String createMeta(String project) {
        return api + "/issue/createmeta/" + project + "/issuetypes";
    }

    public void verifyCreateMetaRead(int times, String project, String issueTypeId) {
        jira.verify(times, getRequestedFor(urlPathEqualTo(createMeta(project))));
        jira.verify(times, getRequestedFor(urlPathEqualTo(createMeta(project) + "/" + issueTypeId)));
    }

    public void findsUsers(String queryParameter, String query, String users) {
        jira.stubFor(get(urlPathEqualTo(api + "/user/search")).withQueryParam(queryParameter, equalTo(query))
                .willReturn(okJson(users)));
    }

    public void verifyUserSearches(int times) {
        jira.verify(times, getRequestedFor(urlPathEqualTo(api + "/user/search")));
    }

    public void acceptsComments(String issueKey) {
        jira.stubFor(post(urlPathEqualTo(api + "/issue/" + issueKey + "/comment")).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(JiraPayloads.createdComment("10100"))));
    }

    /**
     * The issue's comments as Jira lists them: newest first, in pages of two ({@code startAt}, {@code maxResults},
     * {@code total}), each body in the flavour's format (Cloud: a document, Data Center: wiki text).
     */
    public void hasComments(String issueKey, String... texts) {
        boolean cloud = api.equals(JiraCloudPayloads.API);
        for (int startAt = 0; startAt == 0 || startAt < texts.length; startAt += 2) {
            StringBuilder comments = new StringBuilder();
            for (int i = startAt; i < Math.min(texts.length, startAt + 2); i++) {
                String text = texts[i].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
                String body = cloud ? "{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":"
                        + "[{\"type\":\"text\",\"text\":\"" + text + "\"}]}]}" : "\"" + text + "\"";
                comments.append(comments.isEmpty() ? "" : ",").append("{\"id\":\"").append(10100 + i)
                        .append("\",\"body\":").append(body).append("}");
            }
            jira.stubFor(get(urlPathEqualTo(api + "/issue/" + issueKey + "/comment"))
                    .withQueryParam("startAt", equalTo(Integer.toString(startAt)))
                    .withQueryParam("orderBy", equalTo("-created"))
                    .willReturn(okJson("{\"startAt\":" + startAt + ",\"maxResults\":2,\"total\":" + texts.length
                            + ",\"comments\":[" + comments + "]}")));
        }
    }

    public void verifyCommentPagesRead(String issueKey, int pages) {
        jira.verify(pages, getRequestedFor(urlPathEqualTo(api + "/issue/" + issueKey + "/comment")));
    }

    public void verifyCommented(String issueKey, String exactBody) {
        jira.verify(postRequestedFor(urlPathEqualTo(api + "/issue/" + issueKey + "/comment"))
                .withRequestBody(equalToJson(exactBody, false, false)));
    }

    /** Jira Service Management's own API, the same path on Cloud and Data Center. */
    public static final String SERVICE_DESK_API = "/rest/servicedeskapi";
    /** The page size the application asks Jira Service Management for. */
    public static final int SERVICE_DESK_LIMIT = 50;

    private static String requestComments(String issueKey) {
        return SERVICE_DESK_API + "/request/" + issueKey + "/comment";
    }

    /** Jira Service Management takes a comment on the customer request: 201 with the comment, as it answers. */
    public void acceptsPublicComments(String issueKey) {
        jira.stubFor(post(urlPathEqualTo(requestComments(issueKey))).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"10200\",\"body\":\"…\",\"public\":true,\"created\":{\"iso8601\":"
                        + "\"2026-03-02T10:00:00+0000\",\"epochMillis\":1772445600000}}")));
    }

    /** An issue that is no customer request (a software project's): 404 with Jira Service Management's errorMessage. */
    public void isNoCustomerRequest(String issueKey) {
        jira.stubFor(post(urlPathEqualTo(requestComments(issueKey))).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessage\":\"The request could not be found.\",\"i18nErrorMessage\":"
                        + "{\"i18nKey\":\"sd.request.error.not.found\",\"parameters\":[]}}")));
    }

    /**
     * The customer request's public comments as Jira Service Management lists them: oldest first, and in pages of
     * two although the application asks for {@link #SERVICE_DESK_LIMIT} ({@code start}, {@code limit}, {@code size},
     * {@code isLastPage}), each body plain text. Only the exact query the application sends is answered.
     */
    public void hasPublicComments(String issueKey, String... texts) {
        for (int start = 0; start == 0 || start < texts.length; start += 2) {
            StringBuilder comments = new StringBuilder();
            int end = Math.min(texts.length, start + 2);
            for (int i = start; i < end; i++) {
                comments.append(comments.isEmpty() ? "" : ",").append("{\"id\":\"").append(10100 + i)
                        .append("\",\"body\":\"").append(jsonText(texts[i])).append("\",\"public\":true,")
                        .append("\"author\":{\"displayName\":\"Support\"},\"created\":{\"epochMillis\":")
                        .append(1772445600000L + i).append("}}");
            }
            jira.stubFor(get(urlPathEqualTo(requestComments(issueKey)))
                    .withQueryParam("public", equalTo("true"))
                    .withQueryParam("internal", equalTo("false"))
                    .withQueryParam("start", equalTo(Integer.toString(start)))
                    .withQueryParam("limit", equalTo(Integer.toString(SERVICE_DESK_LIMIT)))
                    .willReturn(okJson("{\"_expands\":[],\"size\":" + (end - start) + ",\"start\":" + start
                            + ",\"limit\":2,\"isLastPage\":" + (end >= texts.length) + ",\"_links\":{},"
                            + "\"values\":[" + comments + "]}")));
        }
    }

    public void verifyPublicCommentPagesRead(String issueKey, int pages) {
        jira.verify(pages, getRequestedFor(urlPathEqualTo(requestComments(issueKey))));
    }

    /** Jira Service Management was asked for exactly this public comment. */
    public void verifyPublicCommented(String issueKey, String text) {
        jira.verify(postRequestedFor(urlPathEqualTo(requestComments(issueKey))).withRequestBody(
                equalToJson("{\"body\":\"" + jsonText(text) + "\",\"public\":true}", false, false)));
    }

    public void verifyPublicCommentedTimes(String issueKey, int times) {
        jira.verify(times, postRequestedFor(urlPathEqualTo(requestComments(issueKey))));
    }

    /** No comment of any kind was posted on the issue, through either API. */
    public void verifyNotCommented(String issueKey) {
        jira.verify(0, postRequestedFor(urlPathEqualTo(api + "/issue/" + issueKey + "/comment")));
        jira.verify(0, postRequestedFor(urlPathEqualTo(requestComments(issueKey))));
    }

    private static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    public void hasWorkflow(String issueKey, String transitions) {
        jira.stubFor(get(urlPathEqualTo(api + "/issue/" + issueKey + "/transitions"))
                .withQueryParam("expand", equalTo("transitions.fields")).willReturn(okJson(transitions)));
        jira.stubFor(post(urlPathEqualTo(api + "/issue/" + issueKey + "/transitions"))
                .willReturn(aResponse().withStatus(204)));
    }

    public void issueIsIn(String issueKey, String status) {
        jira.stubFor(get(urlPathEqualTo(api + "/issue/" + issueKey)).withQueryParam("fields", equalTo("status"))
                .willReturn(okJson("{\"key\":\"" + issueKey + "\",\"fields\":{\"status\":{\"name\":\"" + status
                        + "\"}}}")));
    }

    public void verifyCreated(String exactBody) {
        jira.verify(postRequestedFor(urlPathEqualTo(api + "/issue")).withRequestBody(equalToJson(exactBody, false, false)));
    }

    public void verifyCreatedTimes(int times) {
        jira.verify(times, postRequestedFor(urlPathEqualTo(api + "/issue")));
    }

    public void verifyAssigned(String issueKey, String exactBody) {
        jira.verify(putRequestedFor(urlPathEqualTo(api + "/issue/" + issueKey + "/assignee"))
                .withRequestBody(equalToJson(exactBody, false, false)));
    }

    public void verifyNotAssigned(String issueKey) {
        jira.verify(0, putRequestedFor(urlPathEqualTo(api + "/issue/" + issueKey + "/assignee")));
    }

    public void verifyTransitioned(String issueKey, String exactBody) {
        jira.verify(postRequestedFor(urlPathEqualTo(api + "/issue/" + issueKey + "/transitions"))
                .withRequestBody(equalToJson(exactBody, false, false)));
    }

    public void verifyNotTransitioned(String issueKey) {
        jira.verify(0, postRequestedFor(urlPathEqualTo(api + "/issue/" + issueKey + "/transitions")));
    }

    /**
     * Jira accepts issue links: 201 with an empty body, as Jira answers; a link type other than the instance's
     * (Duplicate, Relates, Blocks) gets Jira's 404 "No issue link type with name '…' found."
     */
    public void acceptsIssueLinks() {
        jira.stubFor(post(urlPathEqualTo(api + "/issueLink")).atPriority(5).willReturn(aResponse().withStatus(201)));
        jira.stubFor(post(urlPathEqualTo(api + "/issueLink")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notMatching(
                        ".*\"type\":\\{\"name\":\"(Duplicate|Relates|Blocks)\".*"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"errorMessages\":[\"No issue link type with name 'unknown' found.\"],"
                                + "\"errors\":{}}")));
    }

    /** The issue's links as Jira shows them on the issue: the other end as inward or outward issue, with the type. */
    public void hasIssueLinks(String issueKey, String linkType, String... inwardIssueKeys) {
        StringBuilder links = new StringBuilder();
        for (String other : inwardIssueKeys) {
            links.append(links.isEmpty() ? "" : ",").append("{\"id\":\"10001\",\"type\":{\"id\":\"10002\",")
                    .append("\"name\":\"").append(linkType).append("\",\"inward\":\"is duplicated by\",")
                    .append("\"outward\":\"duplicates\"},\"inwardIssue\":{\"id\":\"10004\",\"key\":\"")
                    .append(other).append("\",\"fields\":{\"summary\":\"Login 500\"}}}");
        }
        jira.stubFor(get(urlPathEqualTo(api + "/issue/" + issueKey)).withQueryParam("fields", equalTo("issuelinks"))
                .willReturn(okJson("{\"id\":\"10010\",\"key\":\"" + issueKey + "\",\"fields\":{\"issuelinks\":["
                        + links + "]}}")));
    }

    /** Jira was asked to link {@code issueKey} (outward) to {@code linkedIssueKey} (inward) by that type. */
    public void verifyLinked(String issueKey, String linkedIssueKey, String linkType) {
        jira.verify(postRequestedFor(urlPathEqualTo(api + "/issueLink")).withRequestBody(equalToJson(
                "{\"type\":{\"name\":\"" + linkType + "\"},\"outwardIssue\":{\"key\":\"" + issueKey
                        + "\"},\"inwardIssue\":{\"key\":\"" + linkedIssueKey + "\"}}")));
    }

    /**
     * Jira accepts remote links on the issue: 201 with the link's id and address, as Jira answers a new link (a link
     * sent again with the same globalId is updated, 200). Only the exact path of the issue's remote links matches.
     */
    public void acceptsRemoteLinks(String issueKey) {
        jira.stubFor(post(urlPathEqualTo(api + "/issue/" + issueKey + "/remotelink")).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":10000,\"self\":\"" + jira.baseUrl() + api + "/issue/" + issueKey
                        + "/remotelink/10000\"}")));
    }

    /** Jira was asked for exactly this remote link: its global id and the object's address and title, nothing else. */
    public void verifyRemoteLinked(String issueKey, String globalId, String url, String title) {
        jira.verify(postRequestedFor(urlPathEqualTo(api + "/issue/" + issueKey + "/remotelink"))
                .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("application/json"))
                .withRequestBody(equalToJson("{\"globalId\":\"" + globalId + "\",\"object\":{\"url\":\""
                        + url + "\",\"title\":\"" + title + "\"}}")));
    }

    public void verifyRemoteLinkedTimes(String issueKey, int times) {
        jira.verify(times, postRequestedFor(urlPathEqualTo(api + "/issue/" + issueKey + "/remotelink")));
    }

    public void verifyLabelledProcessed(String issueKey) {
        jira.verify(putRequestedFor(urlPathEqualTo(api + "/issue/" + issueKey)).withRequestBody(
                equalToJson("{\"update\":{\"labels\":[{\"add\":\"" + PROCESSED_LABEL + "\"}]}}", false, false)));
    }
}
