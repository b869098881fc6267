package io.ticketsmith.knowledge;

/**
 * What one run did to a source's documents.
 *
 * @param indexed   embedded and written, new or changed
 * @param unchanged found changed at the source but with the same text as indexed, so not embedded again
 * @param skipped   not indexable (no text, gone before it could be read)
 * @param removed   left the source, removed by the reconcile
 */
public record SyncCounts(long indexed, long unchanged, long skipped, long removed) {

    static final SyncCounts NONE = new SyncCounts(0, 0, 0, 0);

    SyncCounts plus(SyncCounts other) {
        return new SyncCounts(indexed + other.indexed, unchanged + other.unchanged, skipped + other.skipped,
                removed + other.removed);
    }
}
