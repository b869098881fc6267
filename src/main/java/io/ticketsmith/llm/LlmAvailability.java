package io.ticketsmith.llm;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.ticketsmith.remote.SharedBackoff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Whether the LLM provider may be called now, for every request on the node at once rather than each on its own:
 * <ul>
 *   <li>while the provider has asked to wait (a 429's {@code Retry-After}, kept in the cluster's shared back-off),
 *       no request calls it; each waits that long on its task without using up a retry;</li>
 *   <li>a circuit breaker (Resilience4j) opens when too many recent calls failed (timeouts, 5xx, refused
 *       connections): then requests go to the keyword rules at once instead of each sitting through the retry
 *       cycle, and after {@code open-for} a few calls probe whether the provider is back.</li>
 * </ul>
 * The breaker's state is a metric ({@code resilience4j_circuitbreaker_state{name="llm"}}) and a health component.
 */
@Component
public class LlmAvailability {

    public static final String BREAKER = "llm";

    private final SharedBackoff backoff;
    private final Clock clock;
    private final String target;
    private final CircuitBreaker breaker;

    LlmAvailability(SharedBackoff backoff, Clock clock, RequestAnalyzer analyzer, BreakerProperties properties,
            MeterRegistry meters) {
        this.backoff = backoff;
        this.clock = clock;
        this.target = "llm " + analyzer.provider();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(properties.window())
                .minimumNumberOfCalls(properties.minimumCalls())
                .failureRateThreshold(properties.failureRateThreshold())
                .waitDurationInOpenState(properties.openFor())
                .permittedNumberOfCallsInHalfOpenState(properties.probes())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        this.breaker = registry.circuitBreaker(BREAKER);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    /** How long the provider asked everyone to wait, if it still holds. */
    public Optional<Duration> mustWait() {
        return backoff.remaining(target);
    }

    /** Takes a permission to call; false while the breaker is open (or its probes are taken). */
    public boolean mayCall() {
        return breaker.tryAcquirePermission();
    }

    /** The provider answered (a valid or an invalid analysis: either way it is up). */
    public void answered(Duration took) {
        breaker.onSuccess(took.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The provider failed; a {@code Retry-After} it gave holds back every request of the cluster. */
    public void failed(LlmUnavailableException failure, Duration took) {
        breaker.onError(took.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS, failure);
        failure.retryAfter().ifPresent(wait -> backoff.blockUntil(target, clock.instant().plus(wait),
                "LLM provider asked to wait"));
    }

    /** A permission taken but not used for a call to the provider (the failure was not the provider's). */
    public void notCalled() {
        breaker.releasePermission();
    }

    /** Forgets the breaker's record and any wait the provider asked for, e.g. after the provider was fixed. */
    public void reset() {
        breaker.reset();
        backoff.clear(target);
    }

    /** CLOSED, OPEN, HALF_OPEN, ... */
    public String state() {
        return breaker.getState().name();
    }

    /**
     * The LLM provider's circuit breaker.
     *
     * @param window               how many recent calls are looked at
     * @param minimumCalls         calls needed before the breaker may open
     * @param failureRateThreshold share of failed calls (percent) that opens it
     * @param openFor              how long it stays open before probing
     * @param probes               calls let through to probe
     */
    @Validated
    @ConfigurationProperties("ticketsmith.llm.breaker")
    public record BreakerProperties(
            @DefaultValue("20") @Min(1) int window,
            @DefaultValue("5") @Min(1) int minimumCalls,
            @DefaultValue("50") @Min(1) @Max(100) float failureRateThreshold,
            @DefaultValue("PT30S") @NotNull Duration openFor,
            @DefaultValue("2") @Min(1) int probes) {
    }
}
