package io.ticketsmith.llm;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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

    /**
     * Asks the provider through {@code call}, unless it must not be asked now: everything that calls the LLM (the
     * analysis worker, the dry run) goes through here, so all of it respects the shared wait and the breaker, and
     * all of it feeds the breaker.
     *
     * @throws ProviderAskedToWait while a {@code Retry-After} the provider gave still holds; nothing was sent
     * @throws CircuitOpen         while the breaker is open; nothing was sent
     * @throws LlmUnavailableException the call failed (a {@code Retry-After} in it now holds for the cluster)
     */
    public <T> T call(Supplier<T> call) {
        Optional<Duration> wait = backoff.remaining(target);
        if (wait.isPresent()) {
            throw new ProviderAskedToWait(wait.get());
        }
        if (!breaker.tryAcquirePermission()) {
            throw new CircuitOpen(breaker.getState().name());
        }
        long started = System.nanoTime();
        try {
            T answer = call.get();
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return answer;
        } catch (InvalidAnalysisException e) {
            // The provider answered; that its answer was not a valid analysis says nothing about its availability.
            breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            throw e;
        } catch (LlmUnavailableException e) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            e.retryAfter().ifPresent(retryAfter -> backoff.blockUntil(target, clock.instant().plus(retryAfter),
                    "LLM provider asked to wait"));
            throw e;
        } catch (RuntimeException e) {
            // Not the provider's failure: the permission goes back unused.
            breaker.releasePermission();
            throw e;
        }
    }

    /** The provider asked the cluster to wait; the request waits as long, without using up a retry. */
    public static final class ProviderAskedToWait extends LlmUnavailableException {
        ProviderAskedToWait(Duration wait) {
            super("The LLM provider asked to wait " + wait, true, wait, null);
        }
    }

    /** Too many recent calls failed: the provider is not asked for a while. */
    public static final class CircuitOpen extends LlmUnavailableException {
        CircuitOpen(String state) {
            super("LLM unavailable: too many recent calls failed (circuit breaker " + state + ")", false, null, null);
        }
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
