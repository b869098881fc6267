package io.ticketsmith.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embeddings of the texts this node embedded last, so that a text asked for again soon is not embedded again. A
 * request's redacted text is embedded when it is analysed (to find its neighbours and a reusable analysis) and again
 * when it is indexed as a finished request, usually seconds later; with the local model that is a transformer's
 * forward pass each time, with a remote one a paid call. Bounded: the least recently used go first. Only texts the
 * index would store are held (redacted request texts), and only in memory.
 */
final class RecentEmbeddings {

    private final Map<String, float[]> byText;

    RecentEmbeddings(int capacity) {
        this.byText = new LinkedHashMap<>(Math.min(capacity, 1024) * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A copy of the embedding of exactly this text, or null when it was not embedded lately. */
    synchronized float[] get(String text) {
        float[] vector = byText.get(text);
        return vector == null ? null : vector.clone();
    }

    synchronized void put(String text, float[] vector) {
        byText.put(text, vector.clone());
    }

    synchronized int size() {
        return byText.size();
    }
}
