package io.ticketsmith.llm;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How requests are analysed by the LLM.
 *
 * @param maxConcurrency LLM calls in flight at once, across all requests
 * @param retryCycle     waits before the 1st, 2nd, ... retry of a failed call; when they are used up the
 *                       keyword rules analyse the request. A longer {@code Retry-After} from the provider wins.
 * @param lockDuration   how long a worker owns a fetched analysis task unless it extends the lock, which it does
 *                       every third of it while the task is handled; after a node dies, its tasks wait this long
 *                       before another node takes them
 * @param pollInterval   how often the worker looks for new analysis tasks when it has free slots; a new request
 *                       waits half of it on average before its analysis starts. An empty fetch is one indexed
 *                       query, so 100 ms costs the database little and keeps that wait small.
 * @param worker         whether this node runs the analysis worker (off on nodes that only serve the webapps)
 */
@Validated
@ConfigurationProperties("ticketsmith.llm")
public record LlmProperties(
        @DefaultValue("8") @Min(1) @Max(256) int maxConcurrency,
        @DefaultValue({"PT10S", "PT1M", "PT5M"}) @NotEmpty List<Duration> retryCycle,
        @DefaultValue("PT30S") @NotNull Duration lockDuration,
        @DefaultValue("100ms") @NotNull Duration pollInterval,
        @DefaultValue("true") boolean worker) {
}
