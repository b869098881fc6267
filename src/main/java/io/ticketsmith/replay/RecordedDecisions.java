package io.ticketsmith.replay;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * The recorded guardrails decisions of finished requests, read page by page so a replay never holds a period's
 * history at once.
 */
public interface RecordedDecisions {

    /**
     * Hands every finished request whose first guardrails evaluation lies in [from, to) to the consumer, oldest
     * first.
     */
    void forEach(Instant from, Instant to, Consumer<RecordedRequest> consumer);
}
