package io.ticketsmith.knowledge;

import java.time.Instant;
import java.util.Map;

/**
 * A document a source found changed, before redaction: what it says, or why it cannot be indexed.
 *
 * @param body       the text beside the title, may be empty
 * @param metadata   besides {@code source} and {@code title}, e.g. {@code issueKey}, {@code link}
 * @param updated    when it last changed at the source; the high-water mark moves up to it
 * @param skipReason why it is skipped, or null
 */
record SyncCandidate(String id, String title, String body, Map<String, Object> metadata, Instant updated,
        String skipReason) {

    static SyncCandidate skipped(String id, Instant updated, String reason) {
        return new SyncCandidate(id, null, null, Map.of(), updated, reason);
    }
}
