package io.ticketsmith.knowledge;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.ticketsmith.safety.PiiRedactor;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** An index on H2 (both knowledge migrations) with the real offline model, counting what it embeds. */
final class SyncFixtures {

    private static final LocalEmbeddingModel MODEL = new LocalEmbeddingModel();

    final DataSource database;
    final JdbcTemplate jdbc;
    final CountingModel model = new CountingModel();
    final KnowledgeIndex index;
    final SyncStateStore store;
    private final Clock clock;
    /** What the syncs counted, as operators see it in Prometheus. */
    final io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

    SyncFixtures(Clock clock) throws Exception {
        this.clock = clock;
        DriverManagerDataSource h2 = KnowledgeTables.freshDatabase("sync");
        database = h2;
        jdbc = new JdbcTemplate(h2);
        index = new KnowledgeIndex(jdbc, new TransactionTemplate(new DataSourceTransactionManager(h2)), model,
                new ObjectMapper(), clock);
        store = new SyncStateStore(jdbc);
    }

    /** Projects OPS and WEB, pages of two issues, the three newest comments, texts of at most 20,000 characters. */
    static KnowledgeSyncProperties properties() {
        return new KnowledgeSyncProperties(false, Duration.ofMinutes(15), Duration.ofDays(1), Duration.ofMinutes(1),
                ZoneOffset.UTC, 20_000, new KnowledgeSyncProperties.Jira(List.of("OPS", "WEB"), 3, 2));
    }

    KnowledgeSync sync(SyncSource... sources) {
        return new KnowledgeSync(index, store, List.of(sources), new PiiRedactor(), properties(), database, clock,
                meters);
    }

    /** A fake remote system speaking HTTP/1.1, as the real client does. */
    static WireMockExtension fakeServer() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().http2PlainDisabled(true))
                .build();
    }

    /** The document as the index holds it, or null. */
    Document document(String id) {
        return jdbc.query("SELECT content, metadata FROM ts_knowledge WHERE id = ?", (row, number) -> {
            try {
                return Document.builder().id(id).text(row.getString("content")).metadata(new ObjectMapper()
                        .readValue(row.getString("metadata"), new com.fasterxml.jackson.core.type.TypeReference<
                                java.util.Map<String, Object>>() { })).build();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }, id).stream().findFirst().orElse(null);
    }

    /** The real model, counting the texts it embeds. */
    static final class CountingModel implements EmbeddingModel {

        int embedded;

        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            embedded += request.getInstructions().size();
            return MODEL.call(request);
        }

        @Override
        public float[] embed(Document document) {
            embedded++;
            return MODEL.embed(document);
        }

        @Override
        public float[] embed(String text) {
            // Search queries are embedded too; only indexing is counted.
            return MODEL.embed(text);
        }

        @Override
        public int dimensions() {
            return LocalEmbeddingModel.DIMENSIONS;
        }
    }
}
