package io.ticketsmith.zendesk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps this application's calls under its share of the account's per-minute limit, over a sliding minute. A call
 * beyond it is not made: the caller gets a {@link ZendeskRateLimitedException} with the time until a slot frees, and
 * the process waits on its timer rather than a job thread sleeping.
 */
final class ZendeskRateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int callsPerMinute;
    private final Clock clock;
    private final Deque<Instant> calls = new ArrayDeque<>();

    ZendeskRateLimiter(int callsPerMinute, Clock clock) {
        this.callsPerMinute = callsPerMinute;
        this.clock = clock;
    }

    /** Takes a slot for one call, or throws when the minute's share is used up. */
    synchronized void acquire() {
        Instant now = clock.instant();
        while (!calls.isEmpty() && !calls.peekFirst().plus(WINDOW).isAfter(now)) {
            calls.removeFirst();
        }
        if (calls.size() >= callsPerMinute) {
            Duration wait = Duration.between(now, calls.peekFirst().plus(WINDOW));
            throw new ZendeskRateLimitedException(wait, "This application's share of the Zendesk rate limit ("
                    + callsPerMinute + " calls a minute) is used up; retry after " + wait);
        }
        calls.addLast(now);
    }
}
