package io.ticketsmith.knowledge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The index's embeddings held in memory for the first, coarse pass of a search: each vector normalised and stored as
 * one signed byte per dimension with a scale (a quarter of the memory of floats: about 40 MB for 100,000 documents
 * of 384 dimensions), scanned in full for the documents most similar to a query. The scan is exact up to the
 * quantisation.
 *
 * <p>It also remembers, per document, its code-like words (containing a digit: error codes, issue keys, order
 * numbers), so that a document sharing such a word with the query is a candidate however far its meaning is; and a
 * 32-bit hash of each of its words (about 4 bytes a word), so that the candidates can be ranked by the hybrid score
 * ({@link #approximateScores}) before the index scores the best of them exactly, from the database.
 */
final class VectorMemory {

    private static final QuantisedDot DOT = QuantisedDot.best();

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> slots = new HashMap<>();
    private final Deque<Integer> free = new ArrayDeque<>();
    private final Map<String, Set<Integer>> codes = new HashMap<>();
    private String[] ids = new String[0];
    private String[] sources = new String[0];
    private String[][] slotCodes = new String[0][];
    private int[][] slotWords = new int[0][];
    private long wordHashes;
    private float[] scales = new float[0];
    private long[] versions = new long[0];
    private byte[] vectors = new byte[0];
    private int dimension = -1;
    private int used;

    /** A candidate: the document and its approximate cosine similarity to the query. */
    record Candidate(String id, double similarity) {
    }

    /**
     * @param words   the document's words, as {@link KnowledgeIndex#words} finds them (or only its code-like ones: then
     *                the approximate score counts no other word)
     * @param version when the document was last written ({@code updated_at} in milliseconds), so that a refresh can
     *                tell which rows it already holds
     */
    void put(String id, String source, float[] vector, Collection<String> words, long version) {
        lock.writeLock().lock();
        try {
            if (dimension < 0) {
                dimension = vector.length;
            }
            if (vector.length != dimension) {
                // A model of another dimension: such a document cannot be compared, as the exact score says too.
                removeLocked(id);
                return;
            }
            Integer slot = slots.get(id);
            if (slot == null) {
                slot = free.isEmpty() ? used++ : free.pop();
                ensureCapacity(slot + 1);
                slots.put(id, slot);
            } else {
                forgetCodes(slot);
            }
            ids[slot] = id;
            sources[slot] = source;
            versions[slot] = version;
            quantise(vector, slot);
            String[] codeWords = KnowledgeIndex.codeWords(words).toArray(String[]::new);
            slotCodes[slot] = codeWords;
            for (String word : codeWords) {
                codes.computeIfAbsent(word, key -> new HashSet<>()).add(slot);
            }
            wordHashes -= slotWords[slot] == null ? 0 : slotWords[slot].length;
            slotWords[slot] = hashes(words);
            wordHashes += slotWords[slot].length;
        } finally {
            lock.writeLock().unlock();
        }
    }

    void remove(String id) {
        lock.writeLock().lock();
        try {
            removeLocked(id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** When the document held under {@code id} was written, or -1 when none is. */
    long versionOf(String id) {
        lock.readLock().lock();
        try {
            Integer slot = slots.get(id);
            return slot == null ? -1 : versions[slot];
        } finally {
            lock.readLock().unlock();
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return slots.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The {@code limit} documents most similar to the query, best first, among those of {@code source} (or, with
     * {@code excluded}, of every other source; all when {@code source} is null).
     */
    List<Candidate> nearest(float[] query, int limit, String source, boolean excluded) {
        lock.readLock().lock();
        try {
            if (dimension < 0 || query.length != dimension) {
                return List.of();
            }
            float[] unit = unit(query);
            PriorityQueue<Candidate> best = new PriorityQueue<>(limit + 1,
                    (a, b) -> Double.compare(a.similarity(), b.similarity()));
            for (int slot = 0; slot < used; slot++) {
                if (ids[slot] == null || !matches(sources[slot], source, excluded)) {
                    continue;
                }
                double similarity = dot(unit, slot);
                if (best.size() < limit) {
                    best.add(new Candidate(ids[slot], similarity));
                } else if (similarity > best.peek().similarity()) {
                    best.poll();
                    best.add(new Candidate(ids[slot], similarity));
                }
            }
            List<Candidate> sorted = new ArrayList<>(best);
            sorted.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
            return sorted;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The documents (of the asked sources) that contain one of the code-like words, at most {@code limit}. */
    Set<String> containing(Collection<String> codeWords, int limit, String source, boolean excluded) {
        lock.readLock().lock();
        try {
            Set<String> found = new HashSet<>();
            for (String word : codeWords) {
                for (int slot : codes.getOrDefault(word, Set.of())) {
                    if (found.size() >= limit) {
                        return found;
                    }
                    if (matches(sources[slot], source, excluded)) {
                        found.add(ids[slot]);
                    }
                }
            }
            return found;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The hybrid score of each of the given documents as far as memory can tell it: the quantised cosine similarity
     * and the share of the query's words (by their hashes, {@link #hashes}) the document has, weighted as the index
     * weighs them. Documents no longer held are left out.
     */
    Map<String, Double> approximateScores(float[] query, Collection<String> documentIds, int[] queryWords,
            double vectorWeight) {
        lock.readLock().lock();
        try {
            Map<String, Double> scores = new HashMap<>();
            if (dimension < 0 || query.length != dimension) {
                return scores;
            }
            float[] unit = unit(query);
            for (String id : documentIds) {
                Integer slot = slots.get(id);
                if (slot == null) {
                    continue;
                }
                int shared = 0;
                for (int word : queryWords) {
                    if (Arrays.binarySearch(slotWords[slot], word) >= 0) {
                        shared++;
                    }
                }
                double overlap = queryWords.length == 0 ? 0 : (double) shared / queryWords.length;
                scores.put(id, vectorWeight * dot(unit, slot) + (1 - vectorWeight) * overlap);
            }
            return scores;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The distinct hashes of words, sorted: how memory holds a document's words and compares a query's. */
    static int[] hashes(Collection<String> words) {
        return words.stream().mapToInt(VectorMemory::hash).distinct().sorted().toArray();
    }

    /** FNV-1a over the word's characters. */
    private static int hash(String word) {
        int hash = 0x811c9dc5;
        for (int i = 0; i < word.length(); i++) {
            hash = (hash ^ word.charAt(i)) * 0x01000193;
        }
        return hash;
    }

    /** Bytes held for the vectors, their scales, ids and word hashes (an estimate, for the index's figures). */
    long approximateBytes() {
        lock.readLock().lock();
        try {
            return (long) vectors.length + 12L * scales.length + 64L * slots.size() + 4L * wordHashes;
        } finally {
            lock.readLock().unlock();
        }
    }

    private static boolean matches(String documentSource, String source, boolean excluded) {
        return source == null || (excluded != source.equals(documentSource));
    }

    private void removeLocked(String id) {
        Integer slot = slots.remove(id);
        if (slot != null) {
            forgetCodes(slot);
            ids[slot] = null;
            sources[slot] = null;
            slotCodes[slot] = null;
            wordHashes -= slotWords[slot].length;
            slotWords[slot] = null;
            free.push(slot);
        }
    }

    private void forgetCodes(int slot) {
        if (slotCodes[slot] == null) {
            return;
        }
        for (String word : slotCodes[slot]) {
            Set<Integer> holders = codes.get(word);
            if (holders != null) {
                holders.remove(slot);
                if (holders.isEmpty()) {
                    codes.remove(word);
                }
            }
        }
    }

    private void ensureCapacity(int slotsNeeded) {
        if (slotsNeeded <= ids.length) {
            return;
        }
        int capacity = Math.max(slotsNeeded, Math.max(1024, ids.length * 3 / 2));
        ids = Arrays.copyOf(ids, capacity);
        sources = Arrays.copyOf(sources, capacity);
        slotCodes = Arrays.copyOf(slotCodes, capacity);
        slotWords = Arrays.copyOf(slotWords, capacity);
        scales = Arrays.copyOf(scales, capacity);
        versions = Arrays.copyOf(versions, capacity);
        vectors = Arrays.copyOf(vectors, capacity * dimension);
    }

    private void quantise(float[] vector, int slot) {
        float[] unit = unit(vector);
        float max = 0;
        for (float value : unit) {
            max = Math.max(max, Math.abs(value));
        }
        float scale = max == 0 ? 0 : max / 127f;
        scales[slot] = scale;
        int offset = slot * dimension;
        for (int i = 0; i < dimension; i++) {
            vectors[offset + i] = scale == 0 ? 0 : (byte) Math.round(unit[i] / scale);
        }
    }

    private double dot(float[] unitQuery, int slot) {
        return DOT.dot(unitQuery, vectors, slot * dimension, dimension) * scales[slot];
    }

    private static float[] unit(float[] vector) {
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        float[] unit = new float[vector.length];
        if (norm == 0) {
            return unit;
        }
        float inverse = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            unit[i] = vector[i] * inverse;
        }
        return unit;
    }
}
