package io.ticketsmith.knowledge;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The knowledge index behind Spring AI's {@link VectorStore}: documents and their embeddings in {@code ts_knowledge},
 * searched by a hybrid score, {@value #VECTOR_WEIGHT} of the cosine similarity of the embeddings plus the rest of the
 * share of the query's words the document contains, so an exact error code or issue key counts as well as the
 * meaning. A document is replaced by its id, so indexing the same thing again re-embeds it once and adds nothing.
 *
 * <p>A search runs in two passes. Every node keeps the embeddings in memory ({@link VectorMemory}, refreshed from the
 * table at most every second, so documents another node added are found too) and scans them all for the
 * {@value #CANDIDATES} most similar to the query, adding documents that share a code-like word with it (an error
 * code, an issue key). The candidates are ranked by the hybrid score as the memory can tell it (the quantised
 * similarity, and the query's words against hashes of each document's words), and the best
 * {@value #EXACT_CANDIDATES} are then scored exactly with the hybrid score, from the table. Filters:
 * {@code source == 'x'} or {@code source != 'x'} and nothing else, refused with a message otherwise.
 */
public class KnowledgeIndex implements VectorStore {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KnowledgeIndex.class);

    /** The metadata key of a document's kind: {@code request}, {@code jira}, {@code confluence}. */
    public static final String SOURCE = "source";
    static final double VECTOR_WEIGHT = 0.7;
    /** The documents the first pass hands to exact scoring, at least; more when a search asks for many. */
    static final int CANDIDATES = 100;
    /** Documents sharing a code-like word with the query that are scored besides the nearest ones, at most. */
    static final int CODE_CANDIDATES = 50;
    /**
     * The candidates with the best approximate score that are read and scored exactly, at least: the approximation
     * differs from the exact score by the quantisation (a few thousandths) and a rare collision of word hashes.
     */
    static final int EXACT_CANDIDATES = 20;
    private static final long REFRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    private static final long FULL_RELOAD_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    /** How far back a refresh reads again, for rows whose transaction committed after a later one's. */
    private static final java.time.Duration COMMIT_LAG = java.time.Duration.ofMinutes(1);
    private static final int IN_LIST = 500;
    /** Texts whose embeddings are kept for reuse: a minute of requests at 1,000 a minute, about 5 MB. */
    static final int RECENT_EMBEDDINGS = 2048;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]*");
    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "with", "since", "this", "that", "from",
            "our", "you", "are", "was", "not", "but", "have", "has", "der", "die", "das", "und", "mit", "seit", "ist",
            "nicht", "ein", "eine", "für", "von", "bei");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    /** Documents embedded again in one go when they were made by another model than the one in use. */
    static final int REEMBED_BATCH = 32;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EmbeddingModel embeddings;
    /** The name stored with each embedding ({@code embedding_model}); null for a provider's model, not tracked. */
    private final String modelName;
    private final ObjectMapper json;
    private final Clock clock;
    private final Object loading = new Object();
    private final RecentEmbeddings recent = new RecentEmbeddings(RECENT_EMBEDDINGS);
    private volatile VectorMemory memory = new VectorMemory();
    private volatile boolean loaded;
    private volatile long refreshedAt;
    /** When the refresh last loaded every document or compared the table's count with the memory's. */
    private long countedAt;
    private Timestamp seenUpTo;
    private volatile java.util.concurrent.ScheduledExecutorService refresher;

    public KnowledgeIndex(JdbcTemplate jdbc, TransactionTemplate transactions, EmbeddingModel embeddings,
            ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.embeddings = embeddings;
        this.modelName = embeddings instanceof LocalEmbeddingModel local ? local.variant().modelName() : null;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String getName() {
        return "ticketsmith-knowledge";
    }

    @Override
    public void add(List<Document> documents) {
        add(documents, embedAll(documents.stream().map(KnowledgeIndex::textOf).toList()));
    }

    /**
     * The embedding of a text, as the index computes it; a text embedded lately on this node (a request's, when it
     * was analysed) is not embedded again.
     */
    public float[] embed(String text) {
        return embedAll(List.of(text == null ? "" : text)).get(0);
    }

    /** The embeddings of texts, in order: those embedded lately from memory, the others in one call. */
    private List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        List<String> missing = new ArrayList<>();
        for (String text : texts) {
            float[] vector = recent.get(text);
            vectors.add(vector);
            if (vector == null) {
                missing.add(text);
            }
        }
        if (!missing.isEmpty()) {
            java.util.Iterator<float[]> computed = embeddings.embed(missing).iterator();
            for (int i = 0; i < texts.size(); i++) {
                if (vectors.get(i) == null) {
                    float[] vector = computed.next();
                    vectors.set(i, vector);
                    recent.put(texts.get(i), vector);
                }
            }
        }
        return vectors;
    }

    /** Adds documents whose embeddings the caller already has ({@link #embed}), one per document, in order. */
    public void add(List<Document> documents, List<float[]> vectors) {
        write(documents, vectors, null);
    }

    /**
     * Adds documents with a digest of their content each ({@link #hashes}), so that a sync can tell an unchanged
     * document without embedding it again. The documents are embedded here, in one call.
     */
    public void addWithHashes(List<Document> documents, List<String> contentHashes) {
        List<String> texts = documents.stream().map(KnowledgeIndex::textOf).toList();
        write(documents, texts.isEmpty() ? List.of() : embeddings.embed(texts), contentHashes);
    }

    /** The content digests stored with those of the given documents that have one. */
    public Map<String, String> hashes(java.util.Collection<String> ids) {
        Map<String, String> found = new LinkedHashMap<>();
        forRowsOf(ids, "SELECT id, content_hash FROM ts_knowledge WHERE content_hash IS NOT NULL AND id IN",
                row -> {
                    found.put(row.getString("id"), row.getString("content_hash"));
                });
        return found;
    }

    /** The ids of a source's documents. */
    public List<String> idsOf(String source) {
        return jdbc.queryForList("SELECT id FROM ts_knowledge WHERE source = ? ORDER BY id", String.class, source);
    }

    private void write(List<Document> documents, List<float[]> vectors, List<String> contentHashes) {
        List<String> texts = documents.stream().map(KnowledgeIndex::textOf).toList();
        Timestamp now = Timestamp.from(clock.instant());
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < documents.size(); i++) {
                Document document = documents.get(i);
                String source = String.valueOf(document.getMetadata().getOrDefault(SOURCE, "other"));
                String metadata = write(document.getMetadata());
                String vector = encode(vectors.get(i));
                // Without a digest the stored one no longer describes the content, so it goes.
                String hash = contentHashes == null ? null : contentHashes.get(i);
                if (jdbc.update("UPDATE ts_knowledge SET source = ?, content = ?, metadata = ?, embedding = ?, "
                        + "updated_at = ?, content_hash = ?, embedding_model = ? WHERE id = ?", source, texts.get(i),
                        metadata, vector, now, hash, modelName, document.getId()) == 0) {
                    jdbc.update("INSERT INTO ts_knowledge (id, source, content, metadata, embedding, updated_at, "
                            + "content_hash, embedding_model) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", document.getId(), source,
                            texts.get(i), metadata, vector, now, hash, modelName);
                }
            }
        });
        remember(documents, vectors, texts, now.getTime());
    }

    /** What this node just wrote is searchable at once, without waiting for a refresh. */
    private void remember(List<Document> documents, List<float[]> vectors, List<String> texts, long version) {
        VectorMemory current = memory;
        for (int i = 0; i < documents.size(); i++) {
            current.put(documents.get(i).getId(),
                    String.valueOf(documents.get(i).getMetadata().getOrDefault(SOURCE, "other")), vectors.get(i),
                    words(texts.get(i)), version);
        }
    }

    @Override
    public void delete(List<String> ids) {
        for (String id : ids) {
            jdbc.update("DELETE FROM ts_knowledge WHERE id = ?", id);
            memory.remove(id);
        }
    }

    @Override
    public void delete(Filter.Expression filter) {
        if (filter.type() != Filter.ExpressionType.EQ) {
            throw new UnsupportedOperationException("The knowledge index deletes by \"source == '...'\" only");
        }
        jdbc.update("DELETE FROM ts_knowledge WHERE source = ?", sourceOf(filter));
        // Rare: the next search reads the memory afresh rather than this one tracking what went.
        loaded = false;
    }

    @Override
    public List<Document> similaritySearch(SearchRequest request) {
        return similaritySearch(request, embed(request.getQuery()));
    }

    /** The same search for a query whose embedding the caller already has ({@link #embed}). */
    public List<Document> similaritySearch(SearchRequest request, float[] asked) {
        String query = request.getQuery() == null ? "" : request.getQuery();
        Set<String> words = words(query);
        String source = request.hasFilterExpression() ? sourceOf(request.getFilterExpression()) : null;
        boolean excluded = request.hasFilterExpression() && request.getFilterExpression().type() == Filter.ExpressionType.NE;
        if (!loaded || refresher == null) {
            refresh();
        }
        VectorMemory current = memory;
        Set<String> candidates = new java.util.LinkedHashSet<>();
        current.nearest(asked, Math.max(CANDIDATES, request.getTopK() * 10), source, excluded)
                .forEach(candidate -> candidates.add(candidate.id()));
        candidates.addAll(current.containing(codeWords(words), CODE_CANDIDATES, source, excluded));
        // Ranked by the hybrid score as memory can tell it; the best are read and scored exactly.
        List<String> best = current.approximateScores(asked, candidates, VectorMemory.hashes(words), VECTOR_WEIGHT)
                .entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(Math.max(EXACT_CANDIDATES, request.getTopK() * 2L)).map(Map.Entry::getKey).toList();
        List<Scored> found = new ArrayList<>();
        forRowsOf(best, "SELECT id, source, content, metadata, embedding FROM ts_knowledge WHERE id IN", row -> {
            // The memory may be a moment behind a change of source made on another node.
            if (source != null && excluded == source.equals(row.getString("source"))) {
                return;
            }
            String content = row.getString("content");
            double score = score(asked, words, decode(row.getString("embedding")), content);
            if (score >= request.getSimilarityThreshold()) {
                found.add(new Scored(row.getString("id"), content, row.getString("metadata"), score));
            }
        });
        found.sort(Comparator.comparingDouble(Scored::score).reversed());
        // Only the documents returned have their metadata read.
        return found.stream().limit(request.getTopK()).map(scored -> Document.builder().id(scored.id())
                .text(scored.content()).metadata(read(scored.metadata())).score(scored.score()).build())
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    /** A candidate row with its hybrid score, before its metadata is read. */
    private record Scored(String id, String content, String metadata, double score) {
    }

    /**
     * Keeps the in-memory embeddings up to date on a thread of its own, every {@code interval}, so that no search
     * waits for a refresh; without it (a plain instance, as in tests) a search refreshes first when one is due.
     */
    public synchronized void refreshEvery(java.time.Duration interval) {
        if (refresher != null) {
            return;
        }
        refresher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "knowledge-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("The knowledge index could not refresh its embeddings from the table: {}", e.toString());
            }
        }, 0, interval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * Embeds again, with the model in use, the next {@value #REEMBED_BATCH} documents (in id order, after
     * {@code afterId}) whose embedding another model made: rows written before the model was recorded, or by the
     * other build of the offline model. Returns the last id looked at and how many were written, or null when none is
     * left. A document whose text changed meanwhile keeps what its writer stored; one another node embedded again
     * meanwhile is not written twice. With a provider's model, whose name the index does not track, there is nothing
     * to do.
     */
    Reembedded reembedStale(String afterId) {
        if (modelName == null) {
            return null;
        }
        List<StaleRow> rows = jdbc.query("SELECT id, source, content, updated_at FROM ts_knowledge "
                + "WHERE id > ? AND (embedding_model IS NULL OR embedding_model <> ?) ORDER BY id LIMIT "
                + REEMBED_BATCH, (row, number) -> new StaleRow(row.getString("id"), row.getString("source"),
                        row.getString("content"), row.getTimestamp("updated_at").getTime()), afterId, modelName);
        if (rows.isEmpty()) {
            return null;
        }
        List<float[]> vectors = embeddings.embed(rows.stream().map(StaleRow::content).toList());
        int written = 0;
        for (int i = 0; i < rows.size(); i++) {
            StaleRow row = rows.get(i);
            if (jdbc.update("UPDATE ts_knowledge SET embedding = ?, embedding_model = ? WHERE id = ? AND content = ? "
                    + "AND (embedding_model IS NULL OR embedding_model <> ?)", encode(vectors.get(i)), modelName,
                    row.id(), row.content(), modelName) == 1) {
                written++;
                // Other nodes keep the old vector for their first pass until they load the index again; the exact
                // score reads the new one from the table on every node.
                memory.put(row.id(), row.source(), vectors.get(i), words(row.content()), row.version());
            }
        }
        return new Reembedded(rows.get(rows.size() - 1).id(), written);
    }

    private record StaleRow(String id, String source, String content, long version) {
    }

    /** A batch of {@link #reembedStale}: the last id it looked at and how many documents it wrote. */
    record Reembedded(String lastId, int written) {
    }

    /**
     * Embeds again, on the refresh thread, every document another model made, {@value #REEMBED_BATCH} at a time
     * every {@code pause}, and logs how many when done; does nothing when the index holds none.
     */
    public synchronized void reembedStaleEvery(java.time.Duration pause) {
        if (refresher == null || modelName == null) {
            return;
        }
        long[] done = {0};
        String[] after = {""};
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.Future<?>> self =
                new java.util.concurrent.atomic.AtomicReference<>();
        self.set(refresher.scheduleWithFixedDelay(() -> {
            try {
                Reembedded batch = reembedStale(after[0]);
                if (batch == null) {
                    if (done[0] > 0) {
                        log.info("The knowledge index embedded {} documents again with {}", done[0], modelName);
                    }
                    self.get().cancel(false);
                    return;
                }
                if (after[0].isEmpty()) {
                    log.info("The knowledge index holds documents embedded by another model; embedding them again "
                            + "with {}, {} every {} ms", modelName, REEMBED_BATCH, pause.toMillis());
                }
                done[0] += batch.written();
                after[0] = batch.lastId();
            } catch (RuntimeException e) {
                log.warn("The knowledge index could not embed documents again: {}", e.toString());
            }
        }, pause.toMillis(), pause.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /** Stops the refresh thread, if any. */
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    /**
     * Brings the in-memory embeddings up to date with the table: all of them the first time; then, at most every
     * second, the rows written since the newest one seen (less {@link #COMMIT_LAG}, for transactions that committed
     * late), of which only those not yet held in that version are read whole; and, at most once a minute, the
     * table's documents are counted and all loaded again when the count differs from the memory's (documents deleted
     * on another node).
     */
    private void refresh() {
        if (loaded && System.nanoTime() - refreshedAt < REFRESH_NANOS) {
            return;
        }
        synchronized (loading) {
            long now = System.nanoTime();
            if (loaded && now - refreshedAt < REFRESH_NANOS) {
                return;
            }
            if (!loaded) {
                loadAll();
            } else {
                loadChanged(memory);
                // Counting reads the whole table, so it is done at most once a minute, not at every refresh: at
                // 12,000 documents a count took PostgreSQL about 20 ms, and each node refreshes every second.
                if (now - countedAt > FULL_RELOAD_NANOS) {
                    countedAt = now;
                    if (size() != memory.size()) {
                        loadAll();
                    }
                }
            }
            refreshedAt = System.nanoTime();
        }
    }

    private void loadAll() {
        VectorMemory fresh = new VectorMemory();
        seenUpTo = new Timestamp(0);
        jdbc.query("SELECT id, source, content, embedding, updated_at FROM ts_knowledge", row -> {
            remember(fresh, row);
        });
        memory = fresh;
        loaded = true;
        countedAt = System.nanoTime();
    }

    private void loadChanged(VectorMemory into) {
        List<String> changed = new ArrayList<>();
        jdbc.query("SELECT id, updated_at FROM ts_knowledge WHERE updated_at >= ?", row -> {
            Timestamp updated = row.getTimestamp("updated_at");
            if (into.versionOf(row.getString("id")) != updated.getTime()) {
                changed.add(row.getString("id"));
            }
        }, Timestamp.from(seenUpTo.toInstant().minus(COMMIT_LAG)));
        forRowsOf(changed, "SELECT id, source, content, embedding, updated_at FROM ts_knowledge WHERE id IN",
                row -> {
                    remember(into, row);
                });
    }

    /**
     * Runs {@code select} (ending in {@code id IN}) for the given ids, in bounded IN lists that PostgreSQL and H2
     * both accept, and hands each row to {@code rows}.
     */
    private void forRowsOf(java.util.Collection<String> ids, String select,
            org.springframework.jdbc.core.RowCallbackHandler rows) {
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += IN_LIST) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST));
            jdbc.query(select + " (" + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")", rows,
                    chunk.toArray());
        }
    }

    private void remember(VectorMemory into, java.sql.ResultSet row) throws java.sql.SQLException {
        Timestamp updated = row.getTimestamp("updated_at");
        into.put(row.getString("id"), row.getString("source"), decode(row.getString("embedding")),
                words(row.getString("content")), updated.getTime());
        if (updated.after(seenUpTo)) {
            seenUpTo = updated;
        }
    }

    /** Bytes the in-memory embeddings take on this node (an estimate). */
    public long memoryBytes() {
        refresh();
        return memory.approximateBytes();
    }

    /** Words with a digit in them: error codes, issue keys, order numbers, which say more than their meaning. */
    static Set<String> codeWords(Collection<String> words) {
        Set<String> codes = new HashSet<>();
        for (String word : words) {
            if (word.chars().anyMatch(Character::isDigit)) {
                codes.add(word);
            }
        }
        return codes;
    }

    /** Removes a source's documents not updated since {@code before}, e.g. analyses too old to be reused. */
    public int deleteOlderThan(String source, java.time.Instant before) {
        List<String> old = jdbc.queryForList("SELECT id FROM ts_knowledge WHERE source = ? AND updated_at < ?",
                String.class, source, Timestamp.from(before));
        delete(old);
        return old.size();
    }

    /** How many documents of one source the index holds. */
    public long size(String source) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM ts_knowledge WHERE source = ?", Long.class, source);
        return count == null ? 0 : count;
    }

    /** How many documents the index holds. */
    public long size() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM ts_knowledge", Long.class);
        return count == null ? 0 : count;
    }

    private static String sourceOf(Filter.Expression filter) {
        if ((filter.type() == Filter.ExpressionType.EQ || filter.type() == Filter.ExpressionType.NE)
                && filter.left() instanceof Filter.Key key
                && SOURCE.equals(key.key()) && filter.right() instanceof Filter.Value value) {
            return String.valueOf(value.value());
        }
        throw new UnsupportedOperationException("The knowledge index filters by \"source == '...'\" or \"source != "
                + "'...'\" only, not by " + filter);
    }

    private static String textOf(Document document) {
        return document.getText() == null ? "" : document.getText();
    }

    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        var matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String word = matcher.group();
            if (counts(word)) {
                words.add(word);
            }
        }
        return words;
    }

    /** Whether a word the pattern found counts as one: long enough and not a stop word. */
    private static boolean counts(String word) {
        return word.length() >= 3 && !STOP_WORDS.contains(word);
    }

    /**
     * The hybrid score of a document for a query: the search's own formula, open to the package so that an evaluation
     * can score a pair the search leaves out (one scoring below zero, the least threshold Spring AI allows).
     */
    static double score(float[] asked, Set<String> queryWords, float[] vector, String content) {
        return VECTOR_WEIGHT * cosine(asked, vector) + (1 - VECTOR_WEIGHT) * overlap(queryWords, content);
    }

    /** The share of the query's words that the text contains. */
    static double overlap(Set<String> queryWords, String text) {
        if (queryWords.isEmpty()) {
            return 0;
        }
        // The words of the text as words() finds them, but only those the query has are kept.
        Set<String> present = new HashSet<>();
        var matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (present.size() < queryWords.size() && matcher.find()) {
            String word = matcher.group();
            if (queryWords.contains(word) && counts(word)) {
                present.add(word);
            }
        }
        return (double) present.size() / queryWords.size();
    }

    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            return 0;
        }
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / (Math.sqrt(normA) * Math.sqrt(normB));
    }

    static String encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    static float[] decode(String encoded) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[bytes.remaining() / Float.BYTES];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = bytes.getFloat();
        }
        return vector;
    }

    private String write(Map<String, Object> metadata) {
        try {
            return json.writeValueAsString(new LinkedHashMap<>(metadata));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Document metadata cannot be written as JSON", e);
        }
    }

    private Map<String, Object> read(String metadata) {
        try {
            return json.readValue(metadata, MAP);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
