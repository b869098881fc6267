package io.ticketsmith.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** A remote system whose documents the knowledge sync keeps in the index. */
interface SyncSource {

    /** The index's {@code source} of its documents, and the name of its sync state: {@code jira}, {@code confluence}. */
    String name();

    /**
     * Reads what changed since {@code since}, oldest change first, and hands over each page of results as it comes,
     * so the caller can index it and move the high-water mark before the next page is asked for.
     *
     * @throws RateLimited when the remote system asks to wait
     */
    void changedSince(Instant since, Consumer<List<SyncCandidate>> pages);

    /** The ids (in the index) of every document the source has now; the rest of its documents left it. */
    Set<String> currentIds();

    /** The remote system asked to be left alone for {@link #retryAfter()}. */
    final class RateLimited extends RuntimeException {

        private final transient Duration retryAfter;

        RateLimited(Duration retryAfter, String message, Throwable cause) {
            super(message, cause);
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }
}
