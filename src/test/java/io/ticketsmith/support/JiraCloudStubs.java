package io.ticketsmith.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** Answers of Jira Cloud's REST API v3 for the tests that run the whole process against a Jira stub. */
public final class JiraCloudStubs {

    public static final String API = "/rest/api/3";

    private JiraCloudStubs() {
    }

    /**
     * Jira as it answers creating a Bug in project WEB: no issue carries the action's idempotency label yet, the
     * create metadata of WEB's Bug type (summary required, priority High or Medium), and the created issue.
     */
    public static void createsBugInWeb(WireMockExtension jira, String issueKey) {
        jira.stubFor(get(urlPathEqualTo(API + "/search/jql")).willReturn(okJson("{\"issues\":[],\"isLast\":true}")));
        jira.stubFor(get(urlPathEqualTo(API + "/issue/createmeta/WEB/issuetypes")).willReturn(okJson("""
                {"maxResults": 50, "startAt": 0, "total": 1, "issueTypes": [
                  {"id": "10004", "name": "Bug", "untranslatedName": "Bug", "subtask": false, "hierarchyLevel": 0}]}""")));
        jira.stubFor(get(urlPathEqualTo(API + "/issue/createmeta/WEB/issuetypes/10004")).willReturn(okJson("""
                {"maxResults": 50, "startAt": 0, "total": 7, "fields": [
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
                   "name": "Labels", "fieldId": "labels", "hasDefaultValue": false, "operations": ["add", "set"]},
                  {"required": false, "schema": {"type": "priority", "system": "priority"}, "name": "Priority",
                   "fieldId": "priority", "hasDefaultValue": true, "operations": ["set"],
                   "allowedValues": [{"name": "High", "id": "2"}, {"name": "Medium", "id": "3"}]}]}""")));
        jira.stubFor(post(urlPathEqualTo(API + "/issue")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"10101\",\"key\":\"" + issueKey + "\",\"self\":\"" + jira.baseUrl() + API
                        + "/issue/10101\"}")));
    }
}
