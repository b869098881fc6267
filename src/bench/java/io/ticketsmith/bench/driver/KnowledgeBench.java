package io.ticketsmith.bench.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.knowledge.KnowledgeIndex;
import io.ticketsmith.knowledge.LocalEmbeddingModel;

import org.flywaydb.core.Flyway;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retrieval latency and memory of the knowledge index at 10,000 and 100,000 documents, on the local PostgreSQL with
 * the application's migrations and the offline embedding model. 1,000 ticket texts are embedded for real; the
 * documents are those texts with extra words and their embeddings moved by a little noise, so that the index holds
 * realistic neighbourhoods without embedding 100,000 texts (which would take 10 minutes here). Queries are other
 * ticket texts, embedded for real; the search is timed apart from the embedding.
 *
 * <pre>src/bench/knowledge.sh [--sizes=10000,100000] [--queries=300] [--db=ticketsmith_knowledge_bench]</pre>
 */
public final class KnowledgeBench {

    private static final String[] COMPONENTS = {"login page", "checkout", "invoice PDF", "VPN client", "mobile app",
        "data export", "SSO with Azure AD", "e-mail notifications", "search", "admin console", "REST API", "reports",
        "password reset", "shopping cart", "payment page", "user import", "calendar sync", "file upload",
        "dashboard", "Anmeldung", "Rechnungsdruck", "Datenexport", "Zahlungsseite"};
    private static final String[] SYMPTOMS = {"returns HTTP 500", "is very slow", "shows a blank page",
        "times out after 30 seconds", "crashes on start", "logs users out", "shows wrong totals",
        "sends duplicates", "fails with error 403", "does not load since the update", "is missing data",
        "funktioniert nicht mehr", "zeigt einen Fehler 502", "ist extrem langsam"};
    private static final String[] CONTEXTS = {"since yesterday's deploy", "for all customers", "only on Safari",
        "for users in the EU tenant", "after the last release", "every morning around 9", "on Android 14",
        "seit dem letzten Update", "bei allen Kunden", "when the file is larger than 10 MB"};
    private static final String[] FILLER = {"please", "urgent", "thanks", "again", "customer", "ticket", "checked",
        "cache", "browser", "restart", "logs", "attached", "screenshot", "bitte", "dringend", "danke"};

    private KnowledgeBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        List<Integer> sizes = Arrays.stream(options.getOrDefault("sizes", "10000,100000").split(","))
                .map(Integer::parseInt).toList();
        int queries = Integer.parseInt(options.getOrDefault("queries", "300"));
        String label = options.getOrDefault("label", "knowledge-retrieval");
        if (!label.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("label is letters, digits, '.', '_' and '-'");
        }
        String database = options.getOrDefault("db", "ticketsmith_knowledge_bench");
        recreate(database);
        // Pooled as in the application: a connection per query would cost more than the search itself.
        com.zaxxer.hikari.HikariDataSource dataSource = new com.zaxxer.hikari.HikariDataSource();
        dataSource.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/" + database);
        dataSource.setUsername("postgres");
        dataSource.setPassword("");
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        LocalEmbeddingModel model = new LocalEmbeddingModel(LocalEmbeddingModel.Variant.valueOf(
                options.getOrDefault("local-model", "quantised").toUpperCase(java.util.Locale.ROOT)));
        KnowledgeIndex index = new KnowledgeIndex(new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), model, new ObjectMapper(),
                Clock.systemUTC());
        Random random = new Random(42);

        List<String> baseTexts = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            baseTexts.add(ticket(random));
        }
        long embedStart = System.nanoTime();
        List<float[]> baseVectors = model.embed(baseTexts);
        double embedMillisEach = (System.nanoTime() - embedStart) / 1e6 / baseTexts.size();

        List<String> queryTexts = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            queryTexts.add(ticket(random));
        }
        List<Long> embedNanos = new ArrayList<>();
        List<float[]> queryVectors = new ArrayList<>();
        for (String text : queryTexts) {
            long start = System.nanoTime();
            queryVectors.add(model.embed(text));
            embedNanos.add(System.nanoTime() - start);
        }

        StringBuilder report = new StringBuilder("# Knowledge retrieval\n\n")
                .append("PostgreSQL on 127.0.0.1, offline ").append(model.variant().modelName())
                .append(", top 5 of the hybrid search, ")
                .append(queries).append(" queries per size, searched after one warm-up pass.\n\n")
                .append(String.format("Embedding a text: %.1f ms in a batch of 1,000, p50 %.1f ms / p95 %.1f ms one "
                        + "at a time.%n%n", embedMillisEach, percentile(embedNanos, 50) / 1e6,
                        percentile(embedNanos, 95) / 1e6))
                .append("| documents | insert (docs/s) | first search, loading memory (ms) | search p50 (ms) "
                        + "| search p95 (ms) | vectors in memory (MB) | heap growth after GC (MB) |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|\n");
        int indexed = 0;
        for (int size : sizes) {
            long heapBefore = usedHeapAfterGc();
            int before = indexed;
            long insertStart = System.nanoTime();
            while (indexed < size) {
                int batch = Math.min(1_000, size - indexed);
                List<Document> documents = new ArrayList<>();
                List<float[]> vectors = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    int base = random.nextInt(baseTexts.size());
                    String id = "jira:BENCH-" + (indexed + i + 1);
                    documents.add(Document.builder().id(id).text(baseTexts.get(base) + " " + filler(random))
                            .metadata(Map.of(KnowledgeIndex.SOURCE, "jira", "issueKey", "BENCH-" + (indexed + i + 1),
                                    "title", baseTexts.get(base)))
                            .build());
                    vectors.add(noisy(baseVectors.get(base), random));
                }
                index.add(documents, vectors);
                indexed += batch;
            }
            double insertPerSecond = (size - before) / ((System.nanoTime() - insertStart) / 1e9);
            // PostgreSQL's autovacuum analyses a table soon after a bulk load; until then its planner scans the whole
            // table for the candidates instead of using the primary key (measured: 15 ms against 1 ms at 10,000).
            new JdbcTemplate(dataSource).execute("ANALYZE ts_knowledge");
            // A fresh index object loads its memory from the table, as a restarted node does.
            KnowledgeIndex fresh = new KnowledgeIndex(new JdbcTemplate(dataSource),
                    new TransactionTemplate(new DataSourceTransactionManager(dataSource)), model, new ObjectMapper(),
                    Clock.systemUTC());
            long loadStart = System.nanoTime();
            fresh.similaritySearch(SearchRequest.builder().query(queryTexts.get(0)).topK(5).build(), queryVectors.get(0));
            double loadMillis = (System.nanoTime() - loadStart) / 1e6;
            // As in the application: a thread of its own keeps the memory up to date, searches do not wait for it.
            fresh.refreshEvery(java.time.Duration.ofSeconds(1));
            for (int i = 0; i < queries; i++) {
                search(fresh, queryTexts.get(i), queryVectors.get(i));
            }
            List<Long> searchNanos = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                long start = System.nanoTime();
                search(fresh, queryTexts.get(i), queryVectors.get(i));
                searchNanos.add(System.nanoTime() - start);
            }
            long heapAfter = usedHeapAfterGc();
            report.append(String.format("| %,d | %,.0f | %,.0f | %.1f | %.1f | %.1f | %.1f |%n", size, insertPerSecond,
                    loadMillis, percentile(searchNanos, 50) / 1e6, percentile(searchNanos, 95) / 1e6,
                    fresh.memoryBytes() / 1e6, (heapAfter - heapBefore) / 1e6));
            log("measured " + size + " documents");
            // Held until here so that the heap figure includes the fresh node's memory; the writer's own memory
            // holds the same vectors and is counted in the growth too.
            fresh.close();
        }
        report.append("\nHeap growth counts two copies of the vectors (the writing index and a freshly loaded one),\n")
                .append("so one node holds about half of it.\n");
        Path results = Path.of("src/bench/results");
        Files.createDirectories(results);
        Files.writeString(results.resolve(label + ".md"), report.toString());
        dataSource.close();
        System.out.println();
        System.out.println(report);
    }

    private static double percentile(List<Long> values, int percentile) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    private static void search(KnowledgeIndex index, String text, float[] vector) {
        List<Document> found = index.similaritySearch(SearchRequest.builder().query(text).topK(5).build(), vector);
        if (found.isEmpty()) {
            throw new IllegalStateException("A search found nothing: the index is not filled as expected");
        }
    }

    private static String ticket(Random random) {
        return "The " + pick(COMPONENTS, random) + " " + pick(SYMPTOMS, random) + " " + pick(CONTEXTS, random)
                + ". " + filler(random);
    }

    private static String filler(Random random) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            words.append(i == 0 ? "" : " ").append(pick(FILLER, random));
        }
        if (random.nextInt(4) == 0) {
            words.append(" ERR-").append(1000 + random.nextInt(9000));
        }
        return words.toString();
    }

    private static String pick(String[] values, Random random) {
        return values[random.nextInt(values.length)];
    }

    private static float[] noisy(float[] vector, Random random) {
        float[] moved = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            moved[i] = vector[i] + (float) (random.nextGaussian() * 0.02);
        }
        return moved;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void recreate(String database) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
                "postgres", ""); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
    }

    private static void log(String message) {
        System.out.println("[knowledge bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }
}
