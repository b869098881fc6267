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
 * quantisation; the index then scores the candidates it returns exactly, from the database.
 *
 * <p>It also remembers, per document, its code-like words (containing a digit: error codes, issue keys, order
 * numbers), so that a document sharing such a word with the query is a candidate however far its meaning is.
 */
final class VectorMemory {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> slots = new HashMap<>();
    private final Deque<Integer> free = new ArrayDeque<>();
    private final Map<String, Set<Integer>> codes = new HashMap<>();
    private String[] ids = new String[0];
    private String[] sources = new String[0];
    private String[][] slotCodes = new String[0][];
    private float[] scales = new float[0];
    private long[] versions = new long[0];
    private byte[] vectors = new byte[0];
    private int dimension = -1;
    private int used;

    /** A candidate: the document and its approximate cosine similarity to the query. */
    record Candidate(String id, double similarity) {
    }

    /**
     * @param version when the document was last written ({@code updated_at} in milliseconds), so that a refresh can
     *                tell which rows it already holds
     */
    void put(String id, String source, float[] vector, Collection<String> codeWords, long version) {
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
            String[] words = codeWords.toArray(String[]::new);
            slotCodes[slot] = words;
            for (String word : words) {
                codes.computeIfAbsent(word, key -> new HashSet<>()).add(slot);
            }
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

    /** Bytes held for the vectors, their scales and ids (an estimate, for the index's figures). */
    long approximateBytes() {
        lock.readLock().lock();
        try {
            return (long) vectors.length + 12L * scales.length + 64L * slots.size();
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
        int offset = slot * dimension;
        float sum = 0;
        for (int i = 0; i < dimension; i++) {
            sum += unitQuery[i] * vectors[offset + i];
        }
        return sum * scales[slot];
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
