package io.ticketsmith.llm;

import java.util.concurrent.Semaphore;

import org.springframework.stereotype.Component;

/**
 * The node's bound on LLM calls in flight ({@code ticketsmith.llm.max-concurrency}), shared by everything that
 * calls the model: the analysis worker waits for a slot, a dry run ({@code /api/plan}) takes one only if one is
 * free, so dry runs can neither exceed the provider's concurrency nor starve the requests.
 */
@Component
public class LlmSlots {

    private final Semaphore slots;
    private final int limit;

    public LlmSlots(LlmProperties properties) {
        this.limit = properties.maxConcurrency();
        this.slots = new Semaphore(limit);
    }

    public int limit() {
        return limit;
    }

    public int free() {
        return slots.availablePermits();
    }

    /** Waits for a slot. */
    public void take() {
        slots.acquireUninterruptibly();
    }

    /** Takes a slot if one is free at once. */
    public boolean tryTake() {
        return slots.tryAcquire();
    }

    public void release() {
        slots.release();
    }
}
