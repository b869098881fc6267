package io.ticketsmith.jira;

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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** Stubs and checks of one Jira REST API version on the fake, so the adapter tests read as scenarios. */
final class FakeJiraApi {

    private final WireMockExtension jira;
    private final String api;

    /** @param api {@code /rest/api/3} or {@code /rest/api/2} */
    FakeJiraApi(WireMockExtension jira, String api) {
        this.jira = jira;
        this.api = api;
    }

    String path(String path) {
        return api + path;
    }

    /** Issue edits (labels) and assignments succeed with 204, as in Jira. */
    void acceptsEdits() {
        jira.stubFor(put(urlPathMatching(api + "/issue/[A-Z]+-\\d+(/assignee)?")).willReturn(aResponse().withStatus(204)));
    }

    void createsIssue(String id, String key) {
        jira.stubFor(post(urlPathEqualTo(api + "/issue")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + id + "\",\"key\":\"" + key + "\",\"self\":\"https://jira.example" + api
                        + "/issue/" + id + "\"}")));
    }

    /** The project's issue types, and the create-screen fields of each issue type id (one page each). */
    void hasCreateMeta(String project, String issueTypes, Map<String, String> fieldsByIssueTypeId) {
        jira.stubFor(get(urlPathEqualTo(createMeta(project))).willReturn(okJson(issueTypes)));
        fieldsByIssueTypeId.forEach((id, fields) ->
                jira.stubFor(get(urlPathEqualTo(createMeta(project) + "/" + id)).willReturn(okJson(fields))));
    }

    String createMeta(String project) {
        return api + "/issue/createmeta/" + project + "/issuetypes";
    }

    void verifyCreateMetaRead(int times, String project, String issueTypeId) {
        jira.verify(times, getRequestedFor(urlPathEqualTo(createMeta(project))));
        jira.verify(times, getRequestedFor(urlPathEqualTo(createMeta(project) + "/" + issueTypeId)));
    }

    void findsUsers(String queryParameter, String query, String users) {
        jira.stubFor(get(urlPathEqualTo(api + "/user/search")).withQueryParam(queryParameter, equalTo(query))
                .willReturn(okJson(users)));
    }

    void verifyUserSearches(int times) {
        jira.verify(times, getRequestedFor(urlPathEqualTo(api + "/user/search")));
    }

    void acceptsComments(String issueKey) {
        jira.stubFor(post(urlPathEqualTo(api + "/issue/" + issueKey + "/comment")).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":\"10100\"}")));
    }

    void verifyCommented(String issueKey, String exactBody) {
        jira.verify(postRequestedFor(urlPathEqualTo(api + "/issue/" + issueKey + "/comment"))
                .withRequestBody(equalToJson(exactBody, false, false)));
    }

    void hasWorkflow(String issueKey, String transitions) {
        jira.stubFor(get(urlPathEqualTo(api + "/issue/" + issueKey + "/transitions"))
                .withQueryParam("expand", equalTo("transitions.fields")).willReturn(okJson(transitions)));
        jira.stubFor(post(urlPathEqualTo(api + "/issue/" + issueKey + "/transitions"))
                .willReturn(aResponse().withStatus(204)));
    }

    void issueIsIn(String issueKey, String status) {
        jira.stubFor(get(urlPathEqualTo(api + "/issue/" + issueKey)).withQueryParam("fields", equalTo("status"))
                .willReturn(okJson("{\"key\":\"" + issueKey + "\",\"fields\":{\"status\":{\"name\":\"" + status
                        + "\"}}}")));
    }

    void verifyCreated(String exactBody) {
        jira.verify(postRequestedFor(urlPathEqualTo(api + "/issue")).withRequestBody(equalToJson(exactBody, false, false)));
    }

    void verifyCreatedTimes(int times) {
        jira.verify(times, postRequestedFor(urlPathEqualTo(api + "/issue")));
    }

    void verifyAssigned(String issueKey, String exactBody) {
        jira.verify(putRequestedFor(urlPathEqualTo(api + "/issue/" + issueKey + "/assignee"))
                .withRequestBody(equalToJson(exactBody, false, false)));
    }

    void verifyNotAssigned(String issueKey) {
        jira.verify(0, putRequestedFor(urlPathEqualTo(api + "/issue/" + issueKey + "/assignee")));
    }

    void verifyTransitioned(String issueKey, String exactBody) {
        jira.verify(postRequestedFor(urlPathEqualTo(api + "/issue/" + issueKey + "/transitions"))
                .withRequestBody(equalToJson(exactBody, false, false)));
    }

    void verifyNotTransitioned(String issueKey) {
        jira.verify(0, postRequestedFor(urlPathEqualTo(api + "/issue/" + issueKey + "/transitions")));
    }

    void verifyLabelledProcessed(String issueKey) {
        jira.verify(putRequestedFor(urlPathEqualTo(api + "/issue/" + issueKey)).withRequestBody(
                equalToJson("{\"update\":{\"labels\":[{\"add\":\"" + JiraFixtures.PROCESSED + "\"}]}}", false, false)));
    }

    /** Every page of a search, as a caller walks them with the returned tokens. */
    static SearchWalk walk(JiraGateway gateway, String jql, int pageSize) {
        List<String> keys = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        String token = null;
        do {
            JiraGateway.SearchPage page = gateway.search(jql, token, pageSize);
            page.issues().forEach(found -> keys.add(found.key()));
            token = page.nextPageToken();
            tokens.add(token);
        } while (token != null);
        return new SearchWalk(keys, tokens);
    }

    /** @param tokens the token each page returned, the last one null */
    record SearchWalk(List<String> keys, List<String> tokens) {
    }
}
