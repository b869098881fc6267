package io.ticketsmith.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.support.TestClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The index on H2 with the real, offline embedding model. */
class KnowledgeIndexTest {

    private static final LocalEmbeddingModel MODEL = new LocalEmbeddingModel();

    private static final List<Document> FIXTURES = List.of(
            document("request:1", "request", "The login page returns HTTP 500 since the deploy", "WEB-1412"),
            document("request:2", "request", "Please refund order 4711, the parcel arrived broken", null),
            document("request:3", "request", "Invoice PDF download is empty, no pages", "WEB-1500"),
            document("jira:OPS-7", "jira", "Nightly export fails with ORA-01555 snapshot too old", "OPS-7"),
            document("jira:WEB-1412", "jira", "Anmeldung schlägt seit dem Release mit Fehler 500 fehl", "WEB-1412"),
            document("request:4", "request", "VPN disconnects every few minutes from home office", null));

    private final TestClock clock = new TestClock(Instant.parse("2026-11-30T08:00:00Z"));
    private KnowledgeIndex index;
    private DriverManagerDataSource database;

    @BeforeEach
    void emptyIndex() throws Exception {
        database = KnowledgeTables.freshDatabase("knowledge");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        index = new KnowledgeIndex(jdbc, new TransactionTemplate(new DataSourceTransactionManager(database)), MODEL,
                new ObjectMapper(), clock);
        index.add(FIXTURES);
    }

    @Test
    void theSameIncidentInOtherWordsIsFoundFirst() {
        List<Document> found = index.similaritySearch(SearchRequest.builder()
                .query("Users cannot sign in, error 500 after yesterday's release").topK(3).build());

        assertThat(found).extracting(Document::getId).first().isEqualTo("request:1");
        assertThat(found).extracting(Document::getId).doesNotContain("request:2");
        assertThat(found.get(0).getScore()).isGreaterThan(found.get(found.size() - 1).getScore());
        assertThat(found.get(0).getMetadata()).containsEntry("issueKey", "WEB-1412");
    }

    @Test
    void anExactErrorCodeCountsBesidesTheMeaning() {
        List<Document> found = index.similaritySearch(SearchRequest.builder()
                .query("ORA-01555 again tonight").topK(1).build());

        assertThat(found).extracting(Document::getId).containsExactly("jira:OPS-7");
    }

    @Test
    void searchAndDeleteBySource() {
        var only = new FilterExpressionBuilder();

        List<Document> jira = index.similaritySearch(SearchRequest.builder().query("error 500 at login").topK(5)
                .filterExpression(only.eq(KnowledgeIndex.SOURCE, "jira").build()).build());
        assertThat(jira).extracting(Document::getId).containsExactlyInAnyOrder("jira:WEB-1412", "jira:OPS-7");

        index.delete(only.eq(KnowledgeIndex.SOURCE, "jira").build());
        assertThat(index.size()).isEqualTo(4);
        assertThatThrownBy(() -> index.delete(only.gt("score", 1).build()))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("source");
    }

    @Test
    void indexingADocumentAgainReplacesIt() {
        index.add(List.of(document("request:3", "request", "Invoice PDF has pages again after the fix", "WEB-1500")));

        assertThat(index.size()).isEqualTo(6);
        assertThat(index.similaritySearch(SearchRequest.builder().query("invoice pdf fixed").topK(1).build()))
                .singleElement().satisfies(found -> assertThat(found.getText()).contains("again after the fix"));
    }

    @Test
    void aThresholdLeavesOutWhatIsNotSimilarEnough() {
        List<Document> found = index.similaritySearch(SearchRequest.builder()
                .query("The login page returns HTTP 500 since the deploy").topK(5).similarityThreshold(0.9).build());

        assertThat(found).extracting(Document::getId).containsExactly("request:1");
    }

    @Test
    void documentsOfASourceOlderThanATimeAreRemoved() {
        index.add(List.of(document("analysis:1", "analysis", "The login page returns HTTP 500", null)));
        clock.advance(java.time.Duration.ofHours(25));
        index.add(List.of(document("analysis:2", "analysis", "The invoice PDF is empty", null)));

        int removed = index.deleteOlderThan("analysis", clock.instant().minus(java.time.Duration.ofHours(24)));

        assertThat(removed).isEqualTo(1);
        assertThat(index.size()).isEqualTo(7);
    }

    @Test
    void whatAnotherNodeAddsIsFoundWithinAboutASecondAndWhatItDeletesAtOnce() {
        KnowledgeIndex otherNode = new KnowledgeIndex(new JdbcTemplate(database),
                new TransactionTemplate(new DataSourceTransactionManager(database)), MODEL, new ObjectMapper(), clock);
        otherNode.refreshEvery(java.time.Duration.ofMillis(200));
        try {
            SearchRequest printer = SearchRequest.builder().query("The office printer jams on every page").topK(1)
                    .build();
            assertThat(otherNode.similaritySearch(SearchRequest.builder().query("login 500").topK(1).build()))
                    .extracting(Document::getId).containsExactly("request:1");

            clock.advance(java.time.Duration.ofMinutes(1));
            index.add(List.of(document("jira:IT-3", "jira", "Printer on floor 2 jams on every page", "IT-3")));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    otherNode.similaritySearch(printer).stream().anyMatch(found -> found.getId().equals("jira:IT-3")));

            index.delete(List.of("jira:IT-3"));
            assertThat(otherNode.similaritySearch(printer)).extracting(Document::getId).doesNotContain("jira:IT-3");
        } finally {
            otherNode.close();
        }
    }

    @Test
    void theRefreshEverySecondReadsWhatChangedWithoutCountingTheWholeTable() {
        List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
        JdbcTemplate recording = new JdbcTemplate(database) {
            @Override
            public void query(String sql, org.springframework.jdbc.core.RowCallbackHandler rows, Object... args) {
                statements.add(sql);
                super.query(sql, rows, args);
            }

            @Override
            public <T> T queryForObject(String sql, Class<T> requiredType, Object... args) {
                statements.add(sql);
                return super.queryForObject(sql, requiredType, args);
            }

            @Override
            public <T> T queryForObject(String sql, Class<T> requiredType) {
                statements.add(sql);
                return super.queryForObject(sql, requiredType);
            }
        };
        KnowledgeIndex node = new KnowledgeIndex(recording,
                new TransactionTemplate(new DataSourceTransactionManager(database)), MODEL, new ObjectMapper(), clock);
        node.refreshEvery(java.time.Duration.ofMillis(50));
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    statements.stream().filter(sql -> sql.contains("WHERE updated_at >=")).count() >= 2);

            assertThat(statements).noneMatch(sql -> sql.startsWith("SELECT COUNT(*) FROM ts_knowledge"));
            assertThat(node.similaritySearch(SearchRequest.builder().query("login 500").topK(1).build()))
                    .extracting(Document::getId).containsExactly("request:1");
        } finally {
            node.close();
        }
    }

    @Test
    void aRequestTextEmbeddedForItsSearchIsNotEmbeddedAgainWhenTheFinishedRequestIsIndexed() {
        CountingEmbeddingModel counting = new CountingEmbeddingModel();
        KnowledgeIndex node = new KnowledgeIndex(new JdbcTemplate(database),
                new TransactionTemplate(new DataSourceTransactionManager(database)), counting, new ObjectMapper(), clock);
        String text = "The checkout page times out since the 14:00 deploy";
        float[] probe = node.embed(text);
        node.similaritySearch(SearchRequest.builder().query(text).topK(3).build(), probe);

        node.add(List.of(document("request:9", "request", text, null),
                document("jira:IT-4", "jira", "Printer on floor 3 jams on every page", "IT-4")));

        assertThat(counting.embedded).containsExactly(text, "Printer on floor 3 jams on every page");
        // Each document is stored with its own text's embedding, whichever way it was got.
        assertThat(node.similaritySearch(SearchRequest.builder().query(text).topK(1).build()))
                .extracting(Document::getId).containsExactly("request:9");
        assertThat(node.similaritySearch(SearchRequest.builder().query("Printer on floor 3 jams on every page")
                .topK(1).build())).extracting(Document::getId).containsExactly("jira:IT-4");
        assertThat(node.similaritySearch(SearchRequest.builder().query(text).topK(1).build()).get(0).getScore())
                .isGreaterThan(0.99);
    }

    @Test
    void aSearchAmongManyCandidatesFindsWhatScoringEveryDocumentExactlyFinds() {
        String[] subjects = {"login page", "invoice PDF", "VPN tunnel", "refund of order", "nightly export",
                "password reset mail", "checkout payment", "search results", "mobile app start", "report e-mail"};
        String[] problems = {"returns HTTP 500", "is empty", "disconnects every few minutes", "takes a week",
                "fails with ORA-01555", "never arrives", "times out", "shows old data", "crashes on Android 14",
                "is sent twice"};
        List<Document> documents = new java.util.ArrayList<>();
        for (int i = 0; i < subjects.length; i++) {
            for (int j = 0; j < problems.length; j++) {
                documents.add(document("jira:T-" + (i * 10 + j), "jira",
                        "The " + subjects[i] + " " + problems[j] + " since the release", null));
            }
        }
        index.add(documents);
        List<String> queries = List.of("Users get a 500 error on the login page after the deploy",
                "Payment at checkout times out", "The nightly export broke with ORA-01555 again",
                "Android app crashes when it starts", "Password reset e-mails do not arrive");

        List<Document> all = new java.util.ArrayList<>(FIXTURES);
        all.addAll(documents);
        Map<String, float[]> vectors = new java.util.HashMap<>();
        all.forEach(document -> vectors.put(document.getId(), MODEL.embed(document.getText())));

        for (String query : queries) {
            float[] asked = MODEL.embed(query);
            java.util.Set<String> words = KnowledgeIndex.words(query);
            List<String> exact = all.stream()
                    .sorted(java.util.Comparator.comparingDouble((Document document) -> -KnowledgeIndex.score(asked,
                            words, vectors.get(document.getId()), document.getText())))
                    .limit(5).map(Document::getId).toList();

            assertThat(index.similaritySearch(SearchRequest.builder().query(query).topK(5).similarityThresholdAll()
                    .build(), asked)).extracting(Document::getId).as(query).containsExactlyElementsOf(exact);
        }
    }

    @Test
    void theRecentEmbeddingsForgetTheLeastRecentlyUsedTextFirst() {
        RecentEmbeddings recent = new RecentEmbeddings(2);
        recent.put("a", new float[] {1});
        recent.put("b", new float[] {2});
        recent.get("a");
        recent.put("c", new float[] {3});

        assertThat(recent.get("b")).isNull();
        assertThat(recent.get("a")).containsExactly(1f);
        assertThat(recent.get("c")).containsExactly(3f);
        assertThat(recent.size()).isEqualTo(2);
        // What a caller does with a vector it got does not change the one kept.
        recent.get("a")[0] = 9;
        assertThat(recent.get("a")).containsExactly(1f);
    }

    /** The offline model, noting each text it is asked to embed. */
    private static final class CountingEmbeddingModel implements org.springframework.ai.embedding.EmbeddingModel {
        private final List<String> embedded = new java.util.ArrayList<>();

        @Override
        public org.springframework.ai.embedding.EmbeddingResponse call(
                org.springframework.ai.embedding.EmbeddingRequest request) {
            embedded.addAll(request.getInstructions());
            return MODEL.call(request);
        }

        @Override
        public float[] embed(String text) {
            embedded.add(text);
            return MODEL.embed(text);
        }

        @Override
        public float[] embed(Document document) {
            return embed(document.getText());
        }

        @Override
        public int dimensions() {
            return MODEL.dimensions();
        }
    }

    @Test
    void documentsAnotherModelEmbeddedAreEmbeddedAgainWithTheModelInUse() {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        KnowledgeIndex fullIndex = new KnowledgeIndex(jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(database)),
                new LocalEmbeddingModel(LocalEmbeddingModel.Variant.FULL), new ObjectMapper(), clock);
        fullIndex.add(FIXTURES);
        // A row written before the model was recorded.
        jdbc.update("UPDATE ts_knowledge SET embedding_model = NULL WHERE id = 'jira:OPS-7'");
        Map<String, Object> before = jdbc.queryForMap("SELECT updated_at, embedding FROM ts_knowledge WHERE id = ?",
                "request:1");
        assertThat(jdbc.queryForList("SELECT DISTINCT embedding_model FROM ts_knowledge", String.class))
                .containsExactlyInAnyOrder("all-minilm-l6-v2", null);

        index.refreshEvery(java.time.Duration.ofMillis(20));
        index.reembedStaleEvery(java.time.Duration.ofMillis(20));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(jdbc.queryForList("SELECT DISTINCT embedding_model FROM ts_knowledge", String.class))
                        .containsExactly("all-minilm-l6-v2-q"));
        index.close();

        for (Map<String, Object> row : jdbc.queryForList("SELECT content, embedding FROM ts_knowledge")) {
            assertThat(KnowledgeIndex.decode((String) row.get("embedding")))
                    .containsExactly(MODEL.embed((String) row.get("content")));
        }
        Map<String, Object> after = jdbc.queryForMap("SELECT updated_at, embedding FROM ts_knowledge WHERE id = ?",
                "request:1");
        assertThat(after.get("embedding")).isNotEqualTo(before.get("embedding"));
        // Its time stays what the document's writer set: the cache's and the sources' ages are counted from it.
        assertThat(after.get("updated_at")).isEqualTo(before.get("updated_at"));
        assertThat(index.reembedStale("")).isNull();
        assertThat(index.similaritySearch(SearchRequest.builder()
                .query("Users cannot sign in, error 500 after yesterday's release").topK(1).build()))
                .extracting(Document::getId).containsExactly("request:1");
    }

    @Test
    void aDocumentWhoseTextChangesWhileItIsEmbeddedAgainKeepsWhatItsWriterStored() {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        jdbc.update("UPDATE ts_knowledge SET embedding_model = 'all-minilm-l6-v2'");
        // The writer of the new text has not recorded its model yet when the batch writes.
        org.springframework.ai.embedding.EmbeddingModel changing = new LocalEmbeddingModel() {
            @Override
            public List<float[]> embed(List<String> texts) {
                jdbc.update("UPDATE ts_knowledge SET content = 'VPN drops hourly' WHERE id = 'request:4'");
                return super.embed(texts);
            }
        };
        KnowledgeIndex other = new KnowledgeIndex(jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(database)), changing, new ObjectMapper(),
                clock);

        KnowledgeIndex.Reembedded batch = other.reembedStale("");

        assertThat(batch.written()).isEqualTo(FIXTURES.size() - 1);
        assertThat(jdbc.queryForObject("SELECT embedding_model FROM ts_knowledge WHERE id = 'request:4'",
                String.class)).isEqualTo("all-minilm-l6-v2");
    }

    @Test
    void aProvidersModelLeavesTheStoredEmbeddingsAlone() {
        JdbcTemplate jdbc = new JdbcTemplate(database);
        jdbc.update("UPDATE ts_knowledge SET embedding_model = NULL");
        org.springframework.ai.embedding.EmbeddingModel provider = new org.springframework.ai.embedding.AbstractEmbeddingModel() {
            @Override
            public org.springframework.ai.embedding.EmbeddingResponse call(
                    org.springframework.ai.embedding.EmbeddingRequest request) {
                throw new AssertionError("nothing is embedded again with a provider's model");
            }

            @Override
            public float[] embed(Document document) {
                throw new AssertionError("nothing is embedded again with a provider's model");
            }
        };
        KnowledgeIndex providers = new KnowledgeIndex(jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(database)), provider, new ObjectMapper(),
                clock);

        assertThat(providers.reembedStale("")).isNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ts_knowledge WHERE embedding_model IS NULL",
                Integer.class)).isEqualTo(FIXTURES.size());
    }

    private static Document document(String id, String source, String text, String issueKey) {
        Map<String, Object> metadata = issueKey == null ? Map.of(KnowledgeIndex.SOURCE, source)
                : Map.of(KnowledgeIndex.SOURCE, source, "issueKey", issueKey);
        return Document.builder().id(id).text(text).metadata(metadata).build();
    }
}
