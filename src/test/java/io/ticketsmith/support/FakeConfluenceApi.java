package io.ticketsmith.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.util.List;

/**
 * Confluence's REST API on WireMock as strict as the vendor: every stub answers only the exact path, query and
 * credential (anything else gets WireMock's 404, as Confluence answers an unknown path), writes only with a JSON
 * body; answers in each flavour's own shapes: Cloud v2 pages and spaces with v1 search and labels under
 * {@code /wiki}, Data Center's {@code /rest/api/content}.
 */
public final class FakeConfluenceApi {

    private final WireMockExtension confluence;
    private final boolean cloud;
    private final String authorization;

    private FakeConfluenceApi(WireMockExtension confluence, boolean cloud, String authorization) {
        this.confluence = confluence;
        this.cloud = cloud;
        this.authorization = authorization;
    }

    /** Confluence Cloud, answering only the given Basic credential. */
    public static FakeConfluenceApi cloud(WireMockExtension confluence, String authorization) {
        return new FakeConfluenceApi(confluence, true, authorization);
    }

    /** Confluence Data Center, answering only the given Bearer token. */
    public static FakeConfluenceApi dataCenter(WireMockExtension confluence, String authorization) {
        return new FakeConfluenceApi(confluence, false, authorization);
    }

    private String context() {
        return cloud ? "/wiki" : "";
    }

    /** Where a person opens page {@code id}, as the fake's answers give it. */
    public String pageUrl(String id, String title) {
        return confluence.baseUrl() + webui(id, title);
    }

    private String webui(String id, String title) {
        String slug = title.replace(' ', '+');
        return cloud ? "/wiki/spaces/ENG/pages/" + id + "/" + slug : "/display/ENG/" + slug;
    }

    private String base() {
        return confluence.baseUrl() + context();
    }

    private MappingBuilder authorized(MappingBuilder mapping) {
        return mapping.withHeader("Authorization", equalTo(authorization));
    }

    private MappingBuilder write(String path) {
        return authorized(post(urlPathEqualTo(path))).withHeader("Content-Type", containing("application/json"));
    }

    private MappingBuilder labelSearch(String label) {
        return authorized(get(urlPathEqualTo(context() + "/rest/api/content/search")))
                .withQueryParam("cql", equalTo("label = \"" + label + "\""))
                .withQueryParam("limit", equalTo("1"));
    }

    public void hasNoPageLabelled(String label) {
        confluence.stubFor(labelSearch(label).willReturn(okJson("{\"results\":[],\"start\":0,\"limit\":1,\"size\":0,"
                + "\"_links\":{\"base\":\"" + base() + "\",\"context\":\"" + context() + "\"}}")));
    }

    /** No page carries any action's label yet: for a test that does not know the label (it comes from the request). */
    public void hasNoPageWithAnIdempotencyLabel() {
        confluence.stubFor(authorized(get(urlPathEqualTo(context() + "/rest/api/content/search")))
                .withQueryParam("cql", com.github.tomakehurst.wiremock.client.WireMock.matching(
                        "label = \"ts-[0-9a-f]{16}\""))
                .withQueryParam("limit", equalTo("1"))
                .willReturn(okJson("{\"results\":[],\"start\":0,\"limit\":1,\"size\":0,"
                        + "\"_links\":{\"base\":\"" + base() + "\",\"context\":\"" + context() + "\"}}")));
    }

    public void hasPageLabelled(String label, String id, String title) {
        String webui = webui(id, title).substring(context().length());
        confluence.stubFor(labelSearch(label).willReturn(okJson("{\"results\":[{\"id\":\"" + id + "\",\"type\":\"page\","
                + "\"status\":\"current\",\"title\":\"" + title + "\",\"_links\":{\"webui\":\"" + webui + "\","
                + "\"self\":\"" + base() + "/rest/api/content/" + id + "\"}}],\"start\":0,\"limit\":1,\"size\":1,"
                + "\"_links\":{\"base\":\"" + base() + "\",\"context\":\"" + context() + "\"}}")));
    }

    /** Cloud's v2 space list by key: the space's numeric id. */
    public void hasSpace(String key, String id) {
        requireCloud();
        confluence.stubFor(authorized(get(urlPathEqualTo("/wiki/api/v2/spaces"))).withQueryParam("keys", equalTo(key))
                .willReturn(okJson("{\"results\":[{\"id\":\"" + id + "\",\"key\":\"" + key + "\",\"name\":\"Engineering\","
                        + "\"type\":\"global\",\"status\":\"current\",\"_links\":{\"webui\":\"/spaces/" + key + "\"}}],"
                        + "\"_links\":{\"base\":\"" + base() + "\"}}")));
    }

    /** Cloud knows no space of that key (or the account cannot see it): an empty list, not a 404. */
    public void hasNoSpace(String key) {
        requireCloud();
        confluence.stubFor(authorized(get(urlPathEqualTo("/wiki/api/v2/spaces"))).withQueryParam("keys", equalTo(key))
                .willReturn(okJson("{\"results\":[],\"_links\":{\"base\":\"" + base() + "\"}}")));
    }

    private String createPath() {
        return cloud ? "/wiki/api/v2/pages" : "/rest/api/content";
    }

    /** Confluence creates the page (200 with the page, as both flavours answer). */
    public void createsPage(String id, String title) {
        String webui = webui(id, title).substring(context().length());
        String page = cloud
                ? "{\"id\":\"" + id + "\",\"status\":\"current\",\"title\":\"" + title + "\",\"spaceId\":\"98304\","
                        + "\"parentType\":\"page\",\"authorId\":\"5b10ac8d82e05b22cc7d4ef5\","
                        + "\"version\":{\"number\":1,\"message\":\"\",\"minorEdit\":false},"
                        + "\"_links\":{\"webui\":\"" + webui + "\",\"editui\":\"/pages/resumedraft.action?draftId=" + id
                        + "\",\"tinyui\":\"/x/AbC\",\"base\":\"" + base() + "\"}}"
                : "{\"id\":\"" + id + "\",\"type\":\"page\",\"status\":\"current\",\"title\":\"" + title + "\","
                        + "\"space\":{\"id\":98305,\"key\":\"ENG\",\"name\":\"Engineering\"},"
                        + "\"version\":{\"number\":1},\"_links\":{\"webui\":\"" + webui + "\",\"tinyui\":\"/x/AoAD\","
                        + "\"base\":\"" + base() + "\",\"context\":\"\"}}";
        confluence.stubFor(write(createPath()).willReturn(okJson(page)));
    }

    /** The space already has a page of that title: 400 in each flavour's words. */
    public void refusesTitleAlreadyInSpace(String title) {
        String body = cloud
                ? "{\"errors\":[{\"status\":400,\"code\":\"INVALID_REQUEST_PARAMETER\",\"title\":\"A page with this "
                        + "title already exists: A page already exists with the same TITLE in this space\","
                        + "\"detail\":null}]}"
                : "{\"statusCode\":400,\"data\":{\"authorized\":false,\"valid\":true,\"errors\":[],"
                        + "\"successful\":false},\"message\":\"A page with this title already exists: A page already "
                        + "exists with the title " + title + " in the space with key ENG\",\"reason\":\"Bad Request\"}";
        confluence.stubFor(write(createPath()).willReturn(json(400, body)));
    }

    /** The account may not add pages in the space: 403. */
    public void refusesPermission() {
        confluence.stubFor(write(createPath()).willReturn(json(403, cloud
                ? "{\"errors\":[{\"status\":403,\"code\":\"PERMISSION_DENIED\",\"title\":\"User not permitted to "
                        + "create content in space\",\"detail\":null}]}"
                : "{\"statusCode\":403,\"message\":\"Could not create content with type page\",\"reason\":\"Forbidden\"}")));
    }

    /** Too many requests: 429 with {@code Retry-After} in seconds. */
    public void rateLimitsCreating(int retryAfterSeconds) {
        confluence.stubFor(write(createPath()).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds))
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Rate limit exceeded\"}")));
    }

    public void acceptsLabels(String id) {
        confluence.stubFor(write(context() + "/rest/api/content/" + id + "/label").willReturn(okJson(
                "{\"results\":[{\"prefix\":\"global\",\"name\":\"ts-label\",\"id\":\"1507329\",\"label\":\"ts-label\"}],"
                        + "\"start\":0,\"limit\":200,\"size\":1}")));
    }

    public void verifyCreated(String exactBody) {
        confluence.verify(postRequestedFor(urlPathEqualTo(createPath())).withRequestBody(equalToJson(exactBody)));
    }

    public void verifyCreatedTimes(int times) {
        confluence.verify(times, postRequestedFor(urlPathEqualTo(createPath())));
    }

    /** The body of the one page created. */
    public String createdBody() {
        List<LoggedRequest> created = confluence.findAll(postRequestedFor(urlPathEqualTo(createPath())));
        if (created.size() != 1) {
            throw new AssertionError("expected one page created, found " + created.size());
        }
        return created.get(0).getBodyAsString();
    }

    public void verifyLabelled(String id, String label) {
        confluence.verify(postRequestedFor(urlPathEqualTo(context() + "/rest/api/content/" + id + "/label"))
                .withRequestBody(equalToJson("[{\"prefix\":\"global\",\"name\":\"" + label + "\"}]")));
    }

    /** The page got one label, an action's idempotency label ({@code ts-} and 16 hex digits). */
    public void verifyLabelledWithAnIdempotencyLabel(String id) {
        confluence.verify(postRequestedFor(urlPathEqualTo(context() + "/rest/api/content/" + id + "/label"))
                .withRequestBody(equalToJson("[{\"prefix\":\"global\",\"name\":\"${json-unit.regex}ts-[0-9a-f]{16}\"}]")));
    }

    public void verifyLabelledTimes(int times) {
        confluence.verify(times, postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                context() + "/rest/api/content/\\d+/label")));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private void requireCloud() {
        if (!cloud) {
            throw new IllegalStateException("Data Center addresses spaces by key; there is no space id to look up");
        }
    }
}
