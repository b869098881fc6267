package io.ticketsmith.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;

import io.ticketsmith.support.PostgresTestDatabase;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The knowledge index on PostgreSQL with the application's migrations and the offline model, as two nodes of a
 * cluster use it: each with its own memory of the embeddings, one table between them.
 */
class KnowledgeIndexIT {

    private static final LocalEmbeddingModel MODEL = new LocalEmbeddingModel();

    private HikariDataSource database;
    private KnowledgeIndex nodeA;
    private KnowledgeIndex nodeB;

    @BeforeEach
    void twoNodesOnOneDatabase() {
        database = new HikariDataSource();
        database.setJdbcUrl(PostgresTestDatabase.fresh("ticketsmith_knowledge_it"));
        database.setUsername(PostgresTestDatabase.user());
        database.setPassword(PostgresTestDatabase.password());
        database.setMaximumPoolSize(4);
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        nodeA = node();
        nodeB = node();
        nodeB.refreshEvery(Duration.ofMillis(200));
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
        database.close();
    }

    @Test
    void whatOneNodeIndexesTheOtherFindsAndWhatOneDeletesTheOtherNoLongerReturns() {
        nodeA.add(List.of(
                document("jira:WEB-1412", "Login page returns HTTP 500 since the deploy", "WEB-1412"),
                document("jira:OPS-7", "Nightly export fails with ORA-01555 snapshot too old", "OPS-7"),
                document("request:9", "Please refund order 4711, the parcel arrived broken", null)));

        SearchRequest login = SearchRequest.builder().query("Users cannot sign in, error 500 after the release")
                .topK(1).build();
        await().atMost(Duration.ofSeconds(10)).until(() -> !nodeB.similaritySearch(login).isEmpty());
        Document found = nodeB.similaritySearch(login).get(0);
        assertThat(found.getId()).isEqualTo("jira:WEB-1412");
        assertThat(found.getMetadata()).containsEntry("issueKey", "WEB-1412");
        assertThat(nodeB.similaritySearch(SearchRequest.builder().query("ORA-01555 again").topK(1).build()))
                .extracting(Document::getId).containsExactly("jira:OPS-7");

        nodeA.delete(List.of("jira:WEB-1412"));

        assertThat(nodeB.similaritySearch(login)).extracting(Document::getId).doesNotContain("jira:WEB-1412");
        assertThat(nodeB.size()).isEqualTo(2);
    }

    @Test
    void textsInLanguagesTheModelWasNotTrainedOnAreIndexedAndFoundAgain() {
        nodeA.add(List.of(
                document("confluence:1", "ログイン画面でエラー500が表示されます。デプロイ以降発生しています。", null),
                document("confluence:2", "Η σελίδα σύνδεσης εμφανίζει σφάλμα 500 μετά την ενημέρωση.", null),
                document("confluence:3", "Please refund order 4711, the parcel arrived broken", null)));

        List<Document> japanese = nodeA.similaritySearch(SearchRequest.builder()
                .query("ログイン画面でエラー500が表示されます。デプロイ以降発生しています。").topK(1).build());
        List<Document> greek = nodeA.similaritySearch(SearchRequest.builder()
                .query("Η σελίδα σύνδεσης εμφανίζει σφάλμα 500 μετά την ενημέρωση.").topK(1).build());

        assertThat(japanese).extracting(Document::getId).containsExactly("confluence:1");
        assertThat(japanese.get(0).getScore()).isGreaterThan(0.99);
        assertThat(greek).extracting(Document::getId).containsExactly("confluence:2");
    }

    private KnowledgeIndex node() {
        return new KnowledgeIndex(new JdbcTemplate(database),
                new TransactionTemplate(new DataSourceTransactionManager(database)), MODEL, new ObjectMapper(),
                Clock.systemUTC());
    }

    private static Document document(String id, String text, String issueKey) {
        Map<String, Object> metadata = issueKey == null ? Map.of(KnowledgeIndex.SOURCE, id.substring(0, id.indexOf(':')))
                : Map.of(KnowledgeIndex.SOURCE, id.substring(0, id.indexOf(':')), "issueKey", issueKey);
        return Document.builder().id(id).text(text).metadata(metadata).build();
    }
}
