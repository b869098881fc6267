package io.ticketsmith.intake;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Per-user limits on what a client can make the application spend: submissions ({@code POST /api/requests}) and
 * dry runs ({@code POST /api/plan}, an LLM call each). A token bucket per user and kind: up to the per-minute
 * number at once, then refilled evenly over the minute; a call over it gets 429 with the seconds until the next one
 * would pass. Counted per node, so a cluster of n nodes lets a client do up to n times as much.
 */
@Component
class ClientRateLimits {

    enum Kind { REQUESTS, PLANS }

    private final Clock clock;
    private final IntakeProperties properties;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ClientRateLimits(Clock clock, IntakeProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    /** @throws IntakeExceptions.RateLimited when the user has used up this minute's calls of this kind */
    void acquire(String user, Kind kind) {
        int perMinute = kind == Kind.REQUESTS ? properties.requestsPerMinute() : properties.plansPerMinute();
        if (perMinute <= 0) {
            return;
        }
        Bucket bucket = buckets.computeIfAbsent(kind + ":" + user, key -> new Bucket(perMinute, clock.millis()));
        long waitMillis = bucket.take(perMinute, clock.millis());
        if (waitMillis > 0) {
            throw new IntakeExceptions.RateLimited(kind == Kind.REQUESTS ? "submissions" : "plans", perMinute,
                    Duration.ofMillis(waitMillis));
        }
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.updatedAt = now;
        }

        /** Takes one call; returns 0, or how long until one would be available. */
        synchronized long take(int perMinute, long now) {
            double perMilli = perMinute / 60_000.0;
            tokens = Math.min(perMinute, tokens + (now - updatedAt) * perMilli);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perMilli);
        }
    }
}
