package io.ticketsmith.knowledge;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
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
 * <p>Search compares the query with the newest {@value #MAX_SCANNED} documents of the asked sources (an exhaustive
 * scan of those, exact rather than approximate). Filters: {@code source == 'x'} or {@code source != 'x'} and nothing else, refused with a message
 * otherwise.
 */
public class KnowledgeIndex implements VectorStore {

    /** The metadata key of a document's kind: {@code request}, {@code jira}, {@code confluence}. */
    public static final String SOURCE = "source";
    static final double VECTOR_WEIGHT = 0.7;
    /** The newest documents a search compares, so its cost stays bounded as the index grows. */
    static final int MAX_SCANNED = 20_000;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]*");
    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "with", "since", "this", "that", "from",
            "our", "you", "are", "was", "not", "but", "have", "has", "der", "die", "das", "und", "mit", "seit", "ist",
            "nicht", "ein", "eine", "für", "von", "bei");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EmbeddingModel embeddings;
    private final ObjectMapper json;
    private final Clock clock;

    public KnowledgeIndex(JdbcTemplate jdbc, TransactionTemplate transactions, EmbeddingModel embeddings,
            ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.embeddings = embeddings;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String getName() {
        return "ticketsmith-knowledge";
    }

    @Override
    public void add(List<Document> documents) {
        List<String> texts = documents.stream().map(KnowledgeIndex::textOf).toList();
        add(documents, texts.isEmpty() ? List.of() : embeddings.embed(texts));
    }

    /** The embedding of a text, as the index computes it. */
    public float[] embed(String text) {
        return embeddings.embed(text == null ? "" : text);
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
        List<String> all = List.copyOf(ids);
        // Bounded IN lists: PostgreSQL and H2 both accept these, and a page of a sync is far smaller.
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.query("SELECT id, content_hash FROM ts_knowledge WHERE content_hash IS NOT NULL AND id IN (" + marks
                    + ")", row -> {
                        found.put(row.getString("id"), row.getString("content_hash"));
                    }, chunk.toArray());
        }
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
                        + "updated_at = ?, content_hash = ? WHERE id = ?", source, texts.get(i), metadata, vector, now,
                        hash, document.getId()) == 0) {
                    jdbc.update("INSERT INTO ts_knowledge (id, source, content, metadata, embedding, updated_at, "
                            + "content_hash) VALUES (?, ?, ?, ?, ?, ?, ?)", document.getId(), source, texts.get(i),
                            metadata, vector, now, hash);
                }
            }
        });
    }

    @Override
    public void delete(List<String> ids) {
        for (String id : ids) {
            jdbc.update("DELETE FROM ts_knowledge WHERE id = ?", id);
        }
    }

    @Override
    public void delete(Filter.Expression filter) {
        if (filter.type() != Filter.ExpressionType.EQ) {
            throw new UnsupportedOperationException("The knowledge index deletes by \"source == '...'\" only");
        }
        jdbc.update("DELETE FROM ts_knowledge WHERE source = ?", sourceOf(filter));
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
        List<Document> found = new ArrayList<>();
        jdbc.query("SELECT id, content, metadata, embedding FROM ts_knowledge"
                + (source == null ? "" : excluded ? " WHERE source <> ?" : " WHERE source = ?")
                + " ORDER BY updated_at DESC LIMIT " + MAX_SCANNED, row -> {
                    String content = row.getString("content");
                    double score = VECTOR_WEIGHT * cosine(asked, decode(row.getString("embedding")))
                            + (1 - VECTOR_WEIGHT) * overlap(words, content);
                    if (score >= request.getSimilarityThreshold()) {
                        found.add(Document.builder().id(row.getString("id")).text(content)
                                .metadata(read(row.getString("metadata"))).score(score).build());
                    }
                }, source == null ? new Object[0] : new Object[] {source});
        found.sort(Comparator.comparing(Document::getScore).reversed());
        return found.size() <= request.getTopK() ? found : new ArrayList<>(found.subList(0, request.getTopK()));
    }

    /** Removes a source's documents not updated since {@code before}, e.g. analyses too old to be reused. */
    public int deleteOlderThan(String source, java.time.Instant before) {
        return jdbc.update("DELETE FROM ts_knowledge WHERE source = ? AND updated_at < ?", source,
                Timestamp.from(before));
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
            if (word.length() >= 3 && !STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    /** The share of the query's words that the text contains. */
    static double overlap(Set<String> queryWords, String text) {
        if (queryWords.isEmpty()) {
            return 0;
        }
        Set<String> present = words(text);
        return (double) queryWords.stream().filter(present::contains).count() / queryWords.size();
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
