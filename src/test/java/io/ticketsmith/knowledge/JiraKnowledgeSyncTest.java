package io.ticketsmith.knowledge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ticketsmith.fixtures.KnowledgePayloads.commentsNewestFirst;
import static io.ticketsmith.fixtures.KnowledgePayloads.keyOnly;
import static io.ticketsmith.fixtures.KnowledgePayloads.resolvedIssue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.ticketsmith.fixtures.JiraCloudPayloads;
import io.ticketsmith.fixtures.JiraDataCenterPayloads;
import io.ticketsmith.jira.TestJiraGateways;
import io.ticketsmith.support.TestClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.document.Document;

/** Resolved Jira issues into the index, against a fake Jira Cloud and Data Center, on H2 with the real model. */
class JiraKnowledgeSyncTest {

    @RegisterExtension
    static WireMockExtension jira = SyncFixtures.fakeServer();

    private static final String SCOPE = "resolution IS NOT EMPTY AND project in (\"OPS\", \"WEB\")";
    private static final String FIRST_RUN = SCOPE + " AND updated >= \"1970/01/01 00:00\" ORDER BY updated ASC";
    private static final String CLOUD_SEARCH = JiraCloudPayloads.API + "/search/jql";
    private static final String KNOWLEDGE_FIELDS = "summary,description,resolution,updated,comment";

    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T10:00:00Z"));
    private SyncFixtures fixtures;

    @BeforeEach
    void emptyIndex() throws Exception {
        fixtures = new SyncFixtures(clock);
    }

    private KnowledgeSync cloudSync() {
        return fixtures.sync(new JiraKnowledgeSource(TestJiraGateways.cloud(jira.baseUrl(), clock),
                SyncFixtures.properties()));
    }

    private static MappingBuilder cloudSearch(String jql, String fields, String pageToken) {
        MappingBuilder search = get(urlPathEqualTo(CLOUD_SEARCH)).withQueryParam("jql", equalTo(jql))
                .withQueryParam("fields", equalTo(fields)).withQueryParam("maxResults", equalTo(fields.equals("key")
                        ? "100" : "2"));
        return pageToken == null ? search.withQueryParam("nextPageToken", com.github.tomakehurst.wiremock.client
                .WireMock.absent()) : search.withQueryParam("nextPageToken", equalTo(pageToken));
    }

    private static String ops1(String updated) {
        return resolvedIssue(true, "OPS-1", "Nightly export fails with ORA-01555",
                "The export job stops after 40 minutes.\n\nReported by anna.schmidt@acme.example from the data team.",
                "Done", updated, 5, "Comment 1: is it still failing?", "Comment 2: yes");
    }

    @Test
    void resolvedIssuesAreIndexedRedactedWithTheirNewestCommentsPageByPage() {
        jira.stubFor(cloudSearch(FIRST_RUN, KNOWLEDGE_FIELDS, null).willReturn(okJson(JiraCloudPayloads.searchPage(
                "CAEaAggD", ops1("2026-03-01T08:00:00.000+0000"),
                resolvedIssue(true, "WEB-2", "Dark mode for the invoice page", null, "Won't Do",
                        "2026-03-01T09:00:00.000+0000", 0)))));
        jira.stubFor(cloudSearch(FIRST_RUN, KNOWLEDGE_FIELDS, "CAEaAggD").willReturn(okJson(JiraCloudPayloads
                .searchPage(null, resolvedIssue(true, "OPS-3", "VPN drops every few minutes",
                        "Fixed by raising the keepalive.", "Fixed", "2026-03-02T09:15:42.000+0000", 0)))));
        // OPS-1 has five comments and the search shows two: the three newest are asked for.
        jira.stubFor(get(urlPathEqualTo(JiraCloudPayloads.API + "/issue/OPS-1/comment"))
                .withQueryParam("orderBy", equalTo("-created")).withQueryParam("maxResults", equalTo("3"))
                .willReturn(okJson(commentsNewestFirst(true, 5, "Comment 5: the undo segment was enlarged",
                        "Comment 4: DBA looking", "Comment 3: still failing"))));
        jira.stubFor(cloudSearch(SCOPE, "key", null).willReturn(okJson(JiraCloudPayloads.searchPage(null,
                keyOnly("OPS-1"), keyOnly("WEB-2"), keyOnly("OPS-3")))));

        KnowledgeSync.Report report = cloudSync().run(false);

        KnowledgeSync.SourceReport jiraReport = report.sources().get(0);
        assertThat(jiraReport.outcome()).isEqualTo("ok");
        assertThat(jiraReport.counts()).isEqualTo(new SyncCounts(3, 0, 0, 0));
        assertThat(jiraReport.highWaterMark()).isEqualTo(Instant.parse("2026-03-02T09:15:42Z"));
        assertThat(fixtures.model.embedded).isEqualTo(3);

        Document ops1 = fixtures.document("jira:OPS-1");
        assertThat(ops1.getText()).startsWith("Nightly export fails with ORA-01555")
                .contains("The export job stops after 40 minutes", "[EMAIL_1]", "Resolution: Done",
                        "Comment 3: still failing", "Comment 5: the undo segment was enlarged")
                .doesNotContain("anna.schmidt", "Comment 1", "Comment 2");
        assertThat(ops1.getMetadata()).containsEntry("source", "jira").containsEntry("issueKey", "OPS-1")
                .containsEntry("title", "Nightly export fails with ORA-01555").containsEntry("outcome", "Done")
                .containsEntry("link", jira.baseUrl() + "/browse/OPS-1")
                .containsEntry("updated", "2026-03-01T08:00:00Z");
        // No description: indexed from what it has.
        assertThat(fixtures.document("jira:WEB-2").getText())
                .isEqualTo("Dark mode for the invoice page\n\nResolution: Won't Do");
    }

    @Test
    void aSecondRunReadsFromTheMarkAndDoesNotEmbedUnchangedIssuesAgain() {
        String ops3 = resolvedIssue(true, "OPS-3", "VPN drops every few minutes", "Fixed by raising the keepalive.",
                "Fixed", "2026-03-02T09:15:42.000+0000", 0);
        jira.stubFor(cloudSearch(FIRST_RUN, KNOWLEDGE_FIELDS, null).willReturn(okJson(JiraCloudPayloads.searchPage(
                null, ops3))));
        jira.stubFor(cloudSearch(SCOPE, "key", null).willReturn(okJson(JiraCloudPayloads.searchPage(null,
                keyOnly("OPS-3")))));
        KnowledgeSync sync = cloudSync();
        assertThat(sync.run(false).sources().get(0).counts().indexed()).isEqualTo(1);
        assertThat(fixtures.model.embedded).isEqualTo(1);

        clock.advance(Duration.ofMinutes(15));
        // The mark was 09:15:42; a minute of overlap, as JQL compares to the minute.
        String secondRun = SCOPE + " AND updated >= \"2026/03/02 09:14\" ORDER BY updated ASC";
        jira.stubFor(cloudSearch(secondRun, KNOWLEDGE_FIELDS, null).willReturn(okJson(JiraCloudPayloads.searchPage(
                null, ops3, resolvedIssue(true, "WEB-4", "Invoice PDF is empty", "Regenerated the template.",
                        "Done", "2026-03-02T10:05:00.000+0000", 0)))));

        KnowledgeSync.SourceReport second = sync.run(false).sources().get(0);

        assertThat(second.outcome()).isEqualTo("ok");
        assertThat(second.counts()).isEqualTo(new SyncCounts(1, 1, 0, 0));
        assertThat(fixtures.model.embedded).as("only WEB-4 embedded").isEqualTo(2);
        assertThat(second.highWaterMark()).isEqualTo(Instant.parse("2026-03-02T10:05:00Z"));
        jira.verify(1, getRequestedFor(urlPathEqualTo(CLOUD_SEARCH)).withQueryParam("jql", equalTo(FIRST_RUN)));
        assertThat(fixtures.index.idsOf("jira")).containsExactly("jira:OPS-3", "jira:WEB-4");
        assertThat(fixtures.meters.counter("ticketsmith.knowledge.sync", "source", "jira", "outcome", "ok").count())
                .isEqualTo(2);
        assertThat(fixtures.meters.counter("ticketsmith.knowledge.sync.documents", "source", "jira", "result",
                "indexed").count()).isEqualTo(2);
        assertThat(fixtures.meters.counter("ticketsmith.knowledge.sync.documents", "source", "jira", "result",
                "unchanged").count()).isEqualTo(1);
    }

    @Test
    void deletedMovedAndReopenedIssuesLeaveTheIndexOnReconcile() {
        fixtures.index.add(List.of(doc("jira:OPS-1", "jira"), doc("jira:OPS-2", "jira"), doc("jira:WEB-3", "jira"),
                doc("jira:OPS-4", "jira"), doc("request:r-1", "request")));
        fixtures.store.started("jira", clock.instant().minus(Duration.ofHours(1)));
        fixtures.store.advance("jira", Instant.parse("2026-03-02T09:00:00Z"));
        fixtures.store.reconciled("jira", clock.instant().minus(Duration.ofHours(1)));
        // WEB-3 was moved to NEW and is NEW-3 now (Jira updates it); OPS-2 was deleted; OPS-4 was reopened.
        String since = SCOPE + " AND updated >= \"2026/03/02 08:59\" ORDER BY updated ASC";
        jira.stubFor(cloudSearch(since, KNOWLEDGE_FIELDS, null).willReturn(okJson(JiraCloudPayloads.searchPage(null,
                resolvedIssue(true, "NEW-3", "Login returns 500 after deploy", "Rolled back.", "Done",
                        "2026-03-02T09:30:00.000+0000", 0)))));
        jira.stubFor(cloudSearch(SCOPE, "key", null).willReturn(okJson(JiraCloudPayloads.searchPage("page-2",
                keyOnly("OPS-1")))));
        jira.stubFor(cloudSearch(SCOPE, "key", "page-2").willReturn(okJson(JiraCloudPayloads.searchPage(null,
                keyOnly("NEW-3")))));

        KnowledgeSync.SourceReport report = cloudSync().run(true).sources().get(0);

        assertThat(report.outcome()).isEqualTo("ok");
        assertThat(report.counts()).isEqualTo(new SyncCounts(1, 0, 0, 3));
        assertThat(fixtures.index.idsOf("jira")).containsExactly("jira:NEW-3", "jira:OPS-1");
        assertThat(fixtures.index.idsOf("request")).containsExactly("request:r-1");
    }

    @Test
    void aRateLimitKeepsTheMarkOfTheLastIndexedPageAndTheNextRunWaitsAndLosesNothing() {
        jira.stubFor(cloudSearch(FIRST_RUN, KNOWLEDGE_FIELDS, null).willReturn(okJson(JiraCloudPayloads.searchPage(
                "CAEaAggD", resolvedIssue(true, "OPS-1", "Nightly export fails", "Undo enlarged.", "Done",
                        "2026-03-01T08:00:00.000+0000", 0)))));
        jira.stubFor(cloudSearch(FIRST_RUN, KNOWLEDGE_FIELDS, "CAEaAggD").willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "120").withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessages\":[\"Rate limit exceeded.\"]}")));
        KnowledgeSync sync = cloudSync();

        KnowledgeSync.SourceReport limited = sync.run(false).sources().get(0);

        assertThat(limited.outcome()).isEqualTo("rate-limited");
        assertThat(limited.highWaterMark()).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
        assertThat(limited.blockedUntil()).isEqualTo(clock.instant().plusSeconds(120));
        assertThat(fixtures.index.idsOf("jira")).containsExactly("jira:OPS-1");

        int calls = jira.getAllServeEvents().size();
        clock.advance(Duration.ofSeconds(60));
        assertThat(sync.run(false).sources().get(0).outcome()).isEqualTo("waiting");
        assertThat(jira.getAllServeEvents()).as("Jira not called while it asked to wait").hasSize(calls);

        clock.advance(Duration.ofSeconds(61));
        String fromMark = SCOPE + " AND updated >= \"2026/03/01 07:59\" ORDER BY updated ASC";
        jira.stubFor(cloudSearch(fromMark, KNOWLEDGE_FIELDS, null).willReturn(okJson(JiraCloudPayloads.searchPage(
                null, resolvedIssue(true, "OPS-1", "Nightly export fails", "Undo enlarged.", "Done",
                        "2026-03-01T08:00:00.000+0000", 0),
                resolvedIssue(true, "OPS-5", "Backup volume full", "Old snapshots removed.", "Done",
                        "2026-03-01T12:00:00.000+0000", 0)))));
        jira.stubFor(cloudSearch(SCOPE, "key", null).willReturn(okJson(JiraCloudPayloads.searchPage(null,
                keyOnly("OPS-1"), keyOnly("OPS-5")))));

        KnowledgeSync.SourceReport resumed = sync.run(false).sources().get(0);

        assertThat(resumed.outcome()).isEqualTo("ok");
        assertThat(resumed.counts()).isEqualTo(new SyncCounts(1, 1, 0, 0));
        assertThat(resumed.blockedUntil()).isNull();
        assertThat(fixtures.index.idsOf("jira")).containsExactly("jira:OPS-1", "jira:OPS-5");
    }

    @Test
    void dataCenterIssuesArePagedByOffsetAndReadAsWikiText() {
        String search = JiraDataCenterPayloads.API + "/search";
        jira.stubFor(get(urlPathEqualTo(search)).withQueryParam("jql", equalTo(FIRST_RUN))
                .withQueryParam("fields", equalTo(KNOWLEDGE_FIELDS)).withQueryParam("startAt", equalTo("0"))
                .willReturn(okJson(JiraDataCenterPayloads.searchPage(0, 2, 3,
                        resolvedIssue(false, "OPS-10", "Disk full on build agent", "Cleaned the *workspace* dirs.",
                                "Fixed", "2026-03-01T08:00:00.000+0100", 1, "Happens monthly"),
                        resolvedIssue(false, "OPS-11", "Certificate expired", "Renewed.", "Done",
                                "2026-03-01T09:00:00.000+0100", 0)))));
        jira.stubFor(get(urlPathEqualTo(search)).withQueryParam("jql", equalTo(FIRST_RUN))
                .withQueryParam("fields", equalTo(KNOWLEDGE_FIELDS)).withQueryParam("startAt", equalTo("2"))
                .willReturn(okJson(JiraDataCenterPayloads.searchPage(2, 2, 3,
                        resolvedIssue(false, "WEB-12", "Typo on the login page", "", "Done",
                                "2026-03-01T10:00:00.000+0100", 0)))));
        jira.stubFor(get(urlPathEqualTo(search)).withQueryParam("jql", equalTo(SCOPE))
                .withQueryParam("fields", equalTo("key")).withQueryParam("startAt", equalTo("0"))
                .willReturn(okJson(JiraDataCenterPayloads.searchPage(0, 100, 3, keyOnly("OPS-10"), keyOnly("OPS-11"),
                        keyOnly("WEB-12")))));
        KnowledgeSync sync = fixtures.sync(new JiraKnowledgeSource(TestJiraGateways.dataCenter(jira.baseUrl(), clock),
                SyncFixtures.properties()));

        KnowledgeSync.SourceReport report = sync.run(false).sources().get(0);

        assertThat(report.outcome()).isEqualTo("ok");
        assertThat(report.counts()).isEqualTo(new SyncCounts(3, 0, 0, 0));
        assertThat(report.highWaterMark()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(fixtures.document("jira:OPS-10").getText()).isEqualTo("Disk full on build agent\n\n"
                + "Cleaned the *workspace* dirs.\n\nResolution: Fixed\n\nComment: Happens monthly");
        assertThat(fixtures.document("jira:WEB-12").getMetadata()).containsEntry("outcome", "Done")
                .containsEntry("link", jira.baseUrl() + "/browse/WEB-12");
    }

    private static Document doc(String id, String source) {
        return Document.builder().id(id).text("Text of " + id).metadata(Map.of("source", source)).build();
    }
}
