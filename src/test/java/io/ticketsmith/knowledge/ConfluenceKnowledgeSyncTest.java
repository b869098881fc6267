package io.ticketsmith.knowledge;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.ticketsmith.fixtures.KnowledgePayloads.cloudHit;
import static io.ticketsmith.fixtures.KnowledgePayloads.cloudIdHit;
import static io.ticketsmith.fixtures.KnowledgePayloads.cloudPage;
import static io.ticketsmith.fixtures.KnowledgePayloads.cloudSearch;
import static io.ticketsmith.fixtures.KnowledgePayloads.dataCenterIdHit;
import static io.ticketsmith.fixtures.KnowledgePayloads.dataCenterPage;
import static io.ticketsmith.fixtures.KnowledgePayloads.dataCenterSearch;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.ticketsmith.confluence.ConfluenceClient;
import io.ticketsmith.confluence.ConfluenceProperties;
import io.ticketsmith.support.TestClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.document.Document;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.web.client.RestClient;

/** Confluence pages into the index, against a fake Confluence Cloud and Data Center, on H2 with the real model. */
class ConfluenceKnowledgeSyncTest {

    @RegisterExtension
    static WireMockExtension confluence = SyncFixtures.fakeServer();

    private static final String SPACES = "type = page AND space in (\"ENG\",\"OPS\")";
    private static final String FIRST_RUN = SPACES + " AND lastmodified >= \"1970/01/01 00:00\" ORDER BY lastmodified ASC";
    private static final String EMAIL = "sync-bot@acme.example";
    private static final String TOKEN = "ATATT3-confluence-s3cr3t";

    private final TestClock clock = new TestClock(Instant.parse("2026-03-02T10:00:00Z"));
    private SyncFixtures fixtures;

    @BeforeEach
    void emptyIndex() throws Exception {
        fixtures = new SyncFixtures(clock);
    }

    private KnowledgeSync sync(ConfluenceProperties.Flavor flavor) {
        ConfluenceProperties properties = new ConfluenceProperties(true, confluence.baseUrl(), flavor,
                List.of("ENG", "OPS"), flavor == ConfluenceProperties.Flavor.CLOUD ? EMAIL : null, TOKEN, 2,
                Duration.ofSeconds(2), Duration.ofSeconds(10));
        ConfluenceClient client = new ConfluenceClient(properties, RestClient.builder(), ClientHttpRequestFactoryBuilder
                .jdk().withHttpClientCustomizer(http -> http.version(HttpClient.Version.HTTP_1_1)), clock);
        return fixtures.sync(new ConfluenceKnowledgeSource(client, SyncFixtures.properties()));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void cloudPagesAreSearchedByCursorAndReadFromStorageFormat() {
        String search = "/wiki/rest/api/search";
        confluence.stubFor(get(urlPathEqualTo(search)).withQueryParam("cql", equalTo(FIRST_RUN))
                .withQueryParam("cursor", absent()).withQueryParam("expand", equalTo("content.space,content.version"))
                .willReturn(okJson(cloudSearch("/rest/api/search?next=true&cursor=_f_Mg%3D%3D&limit=2&cql="
                        + encoded(FIRST_RUN), cloudHit("101", "Restarting the export", "ENG", "2026-02-10T08:00:00.000Z"),
                        cloudHit("102", "Empty runbook", "OPS", "2026-02-11T08:00:00.000Z")))));
        confluence.stubFor(get(urlPathEqualTo(search)).withQueryParam("cursor", equalTo("_f_Mg=="))
                .withQueryParam("cql", equalTo(FIRST_RUN))
                .willReturn(okJson(cloudSearch(null, cloudHit("103", "Huge changelog", "ENG", "2026-02-12T08:00:00.000Z"),
                        cloudHit("104", "Deleted meanwhile", "ENG", "2026-02-13T08:00:00.000Z")))));
        confluence.stubFor(get(urlPathEqualTo("/wiki/api/v2/pages/101")).withQueryParam("body-format",
                equalTo("storage")).willReturn(okJson(cloudPage("101", "Restarting the export",
                "<h2>When</h2><p>The export fails with ORA-01555&nbsp;at night.</p>"
                        + "<ac:structured-macro ac:name=\"code\"><ac:parameter ac:name=\"language\">bash</ac:parameter>"
                        + "<ac:plain-text-body><![CDATA[systemctl restart export]]></ac:plain-text-body>"
                        + "</ac:structured-macro><p>Ask max.mustermann@acme.example first.</p>",
                "2026-02-10T08:00:00.000Z"))));
        confluence.stubFor(get(urlPathEqualTo("/wiki/api/v2/pages/102")).willReturn(okJson(cloudPage("102",
                "Empty runbook", "", "2026-02-11T08:00:00.000Z"))));
        confluence.stubFor(get(urlPathEqualTo("/wiki/api/v2/pages/103")).willReturn(okJson(cloudPage("103",
                "Huge changelog", "<p>" + "Version bumped and dependencies updated. ".repeat(2000) + "</p>",
                "2026-02-12T08:00:00.000Z"))));
        confluence.stubFor(get(urlPathEqualTo("/wiki/api/v2/pages/104")).willReturn(notFound()
                .withHeader("Content-Type", "application/json").withBody("{\"errors\":[{\"status\":404}]}")));
        confluence.stubFor(get(urlPathEqualTo(search)).withQueryParam("cql", equalTo(SPACES))
                .willReturn(okJson(cloudSearch(null, cloudIdHit("101"), cloudIdHit("102"), cloudIdHit("103")))));

        KnowledgeSync.SourceReport report = sync(ConfluenceProperties.Flavor.CLOUD).run(false).sources().get(0);

        assertThat(report.source()).isEqualTo("confluence");
        assertThat(report.outcome()).isEqualTo("ok");
        assertThat(report.counts()).isEqualTo(new SyncCounts(3, 0, 1, 0));
        assertThat(report.highWaterMark()).isEqualTo(Instant.parse("2026-02-12T08:00:00Z"));
        Document runbook = fixtures.document("confluence:101");
        assertThat(runbook.getText()).isEqualTo("Restarting the export\n\nWhen\nThe export fails with ORA-01555 at "
                + "night.\nsystemctl restart export\nAsk [EMAIL_1] first.");
        assertThat(runbook.getMetadata()).containsEntry("source", "confluence")
                .containsEntry("title", "Restarting the export").containsEntry("space", "ENG")
                .containsEntry("link", confluence.baseUrl() + "/wiki/spaces/ENG/pages/101/Restarting+the+export")
                .containsEntry("updated", "2026-02-10T08:00:00Z");
        assertThat(fixtures.document("confluence:102").getText()).isEqualTo("Empty runbook");
        assertThat(fixtures.document("confluence:103").getText()).hasSizeLessThanOrEqualTo(20_000)
                .startsWith("Huge changelog");
        assertThat(fixtures.document("confluence:104")).isNull();
        confluence.verify(getRequestedFor(urlPathEqualTo(search)).withHeader("Authorization",
                equalTo("Basic " + java.util.Base64.getEncoder().encodeToString((EMAIL + ":" + TOKEN)
                        .getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void dataCenterRateLimitKeepsTheMarkAndAPageMovedOutOfTheSpacesLeavesOnReconcile() {
        String search = "/rest/api/content/search";
        String expand = "body.storage,version,space";
        confluence.stubFor(get(urlPathEqualTo(search)).withQueryParam("cql", equalTo(FIRST_RUN))
                .withQueryParam("expand", equalTo(expand)).withQueryParam("start", equalTo("0"))
                .withQueryParam("limit", equalTo("2"))
                .willReturn(okJson(dataCenterSearch(0, 2, search + "?cql=" + encoded(FIRST_RUN) + "&expand="
                        + encoded(expand) + "&limit=2&start=2",
                        dataCenterPage("201", "Rotate certificates", "OPS", "<p>Run <code>certbot renew</code>.</p>",
                                "2026-02-01T09:00:00.000+01:00"),
                        dataCenterPage("202", "Old VPN guide", "OPS", "<p>Use the old client.</p>",
                                "2026-02-02T09:00:00.000+01:00")))));
        confluence.stubFor(get(urlPathEqualTo(search)).withQueryParam("cql", equalTo(FIRST_RUN))
                .withQueryParam("start", equalTo("2")).willReturn(aResponse().withStatus(429)
                        .withHeader("Retry-After", "300").withHeader("Content-Type", "application/json")
                        .withBody("{\"statusCode\":429,\"message\":\"Too many requests\"}")));
        KnowledgeSync sync = sync(ConfluenceProperties.Flavor.DATA_CENTER);

        KnowledgeSync.SourceReport limited = sync.run(false).sources().get(0);

        assertThat(limited.outcome()).isEqualTo("rate-limited");
        assertThat(limited.error()).doesNotContain(TOKEN);
        assertThat(limited.highWaterMark()).isEqualTo(Instant.parse("2026-02-02T08:00:00Z"));
        assertThat(limited.blockedUntil()).isEqualTo(clock.instant().plusSeconds(300));
        assertThat(fixtures.index.idsOf("confluence")).containsExactly("confluence:201", "confluence:202");
        confluence.verify(getRequestedFor(urlPathEqualTo(search)).withHeader("Authorization",
                equalTo("Bearer " + TOKEN)));

        int calls = confluence.getAllServeEvents().size();
        assertThat(sync.run(false).sources().get(0).outcome()).isEqualTo("waiting");
        assertThat(confluence.getAllServeEvents()).hasSize(calls);

        clock.advance(Duration.ofSeconds(301));
        String fromMark = SPACES + " AND lastmodified >= \"2026/02/02 07:59\" ORDER BY lastmodified ASC";
        confluence.stubFor(get(urlPathEqualTo(search)).withQueryParam("cql", equalTo(fromMark))
                .withQueryParam("start", equalTo("0")).willReturn(okJson(dataCenterSearch(0, 2, null,
                        dataCenterPage("202", "Old VPN guide", "OPS", "<p>Use the old client.</p>",
                                "2026-02-02T09:00:00.000+01:00"),
                        dataCenterPage("203", "Backup restore", "ENG", "<p>Restore from the nightly snapshot.</p>",
                                "2026-02-03T09:00:00.000+01:00")))));
        // 202 has since been moved to another space: the listing of ENG and OPS no longer has it.
        confluence.stubFor(get(urlPathEqualTo(search)).withQueryParam("cql", equalTo(SPACES))
                .withQueryParam("expand", absent()).withQueryParam("start", equalTo("0"))
                .willReturn(okJson(dataCenterSearch(0, 100, null, dataCenterIdHit("201"), dataCenterIdHit("203")))));

        KnowledgeSync.SourceReport resumed = sync.run(false).sources().get(0);

        assertThat(resumed.outcome()).isEqualTo("ok");
        assertThat(resumed.counts()).isEqualTo(new SyncCounts(1, 1, 0, 1));
        assertThat(fixtures.index.idsOf("confluence")).containsExactly("confluence:201", "confluence:203");
        assertThat(fixtures.document("confluence:201").getMetadata()).containsEntry("space", "OPS")
                .containsEntry("link", confluence.baseUrl() + "/display/OPS/Rotate+certificates");
        assertThat(fixtures.document("confluence:201").getText()).isEqualTo("Rotate certificates\n\nRun certbot renew.");
    }

    @Test
    void aPageWithNothingToIndexIsSkippedWithItsReason() {
        KnowledgeSync sync = fixtures.sync(new SyncSource() {
            @Override
            public String name() {
                return "confluence";
            }

            @Override
            public void changedSince(Instant since, java.util.function.Consumer<List<SyncCandidate>> pages) {
                pages.accept(List.of(new SyncCandidate("confluence:300", " ", "\n", java.util.Map.of(),
                        Instant.parse("2026-02-05T00:00:00Z"), null),
                        new SyncCandidate("confluence:301", "Привет, мир: ошибка входа 500", "Решено откатом.",
                                java.util.Map.of(), Instant.parse("2026-02-06T00:00:00Z"), null)));
            }

            @Override
            public java.util.Set<String> currentIds() {
                return java.util.Set.of("confluence:301");
            }
        });

        KnowledgeSync.SourceReport report = sync.run(false).sources().get(0);

        assertThat(report.counts()).isEqualTo(new SyncCounts(1, 0, 1, 0));
        assertThat(report.highWaterMark()).isEqualTo(Instant.parse("2026-02-06T00:00:00Z"));
        assertThat(fixtures.index.idsOf("confluence")).containsExactly("confluence:301");
        confluence.verify(0, getRequestedFor(urlPathMatching(".*")));
    }
}
