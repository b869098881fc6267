package io.ticketsmith.review.notify;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.ticketsmith.observability.TicketsmithMetrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends on a few threads of its own, retrying failed deliveries after the configured waits. A retry is scheduled,
 * not slept for, so a mail server or webhook that hangs or is down holds at most the sending threads, never the
 * engine's, and a bounded number of deliveries wait: beyond {@code capacity} new ones are dropped and counted.
 */
final class Deliveries implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
    /** However long a receiver asks to wait, a notification later than this is worth less than a failure counted. */
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    /** One attempt to deliver; throws {@link DeliveryFailure} (or anything else, then retried) when it failed. */
    @FunctionalInterface
    interface Attempt {
        void run();
    }

    private final List<Duration> retryDelays;
    private final int capacity;
    private final TicketsmithMetrics metrics;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicInteger pending = new AtomicInteger();

    Deliveries(List<Duration> retryDelays, int threads, int capacity, TicketsmithMetrics metrics) {
        this.retryDelays = List.copyOf(retryDelays);
        this.capacity = capacity;
        this.metrics = metrics;
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(threads, runnable -> {
            Thread thread = new Thread(runnable, "review-notifications-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /**
     * Starts a delivery and returns at once.
     *
     * @param channel   {@code mail} or {@code webhook}, the metric's tag
     * @param describes what the log calls the delivery: request, group, channel and, for webhooks, the host; nothing
     *                  personal
     */
    void submit(String channel, String describes, Attempt attempt) {
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            metrics.notification(channel, "dropped");
            log.warn("{} dropped: {} deliveries are already waiting", describes, capacity);
            return;
        }
        schedule(new Delivery(channel, describes, attempt), 1, Duration.ZERO);
    }

    /** Deliveries started and not yet sent or given up. */
    int pending() {
        return pending.get();
    }

    private void schedule(Delivery delivery, int attemptNumber, Duration wait) {
        try {
            executor.schedule(() -> attempt(delivery, attemptNumber), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            finished(delivery, "failed");
            log.warn("{} not delivered: the application is shutting down", delivery.describes());
        }
    }

    private void attempt(Delivery delivery, int attemptNumber) {
        DeliveryFailure failure;
        try {
            delivery.attempt().run();
            finished(delivery, "sent");
            log.info("{} sent{}", delivery.describes(), attemptNumber > 1 ? " at attempt " + attemptNumber : "");
            return;
        } catch (DeliveryFailure e) {
            failure = e;
        } catch (RuntimeException e) {
            // Only the type: messages of mail and HTTP clients carry addresses and URLs.
            failure = DeliveryFailure.retryable(DeliveryFailure.describe(e));
        }
        if (failure.retryable() && attemptNumber <= retryDelays.size()) {
            Duration wait = retryDelays.get(attemptNumber - 1);
            if (failure.retryAfter() != null && failure.retryAfter().compareTo(wait) > 0) {
                wait = failure.retryAfter().compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : failure.retryAfter();
            }
            metrics.notification(delivery.channel(), "retried");
            log.info("{} failed at attempt {} ({}); trying again in {} ms", delivery.describes(), attemptNumber,
                    failure.getMessage(), wait.toMillis());
            schedule(delivery, attemptNumber + 1, wait);
        } else {
            finished(delivery, "failed");
            log.warn("{} not delivered after {} attempt(s): {}", delivery.describes(), attemptNumber,
                    failure.getMessage());
        }
    }

    private void finished(Delivery delivery, String result) {
        pending.decrementAndGet();
        metrics.notification(delivery.channel(), result);
    }

    /** Deliveries still waiting for a retry are given up: a notification is not worth holding up a shutdown. */
    @Override
    public void close() {
        int waiting = executor.shutdownNow().size();
        if (waiting > 0) {
            log.warn("{} review notification(s) not delivered: the application is shutting down", waiting);
        }
    }

    private record Delivery(String channel, String describes, Attempt attempt) {
    }
}
