package io.ticketsmith.observability;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.ticketsmith.analysis.AnalysisValidator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The product's own metrics, one method per event, so that names and labels are decided in one place (the
 * Grafana dashboard and the alert rules in {@code src/ops/} depend on them).
 */
@Component
public class TicketsmithMetrics {

    public static final String RATE_LIMITED = "ticketsmith.rate.limited";
    public static final String JIRA_API_LATENCY = "ticketsmith.jira.api.latency";

    /** The sources a metric label or a log line names; any other (free text a client sent) is {@code other}. */
    public static final Set<String> KNOWN_SOURCES = Set.of("api", "jira", "tasklist", "email", "phone", "chat",
            "zendesk");

    /** The label of any value outside a closed set. */
    public static final String OTHER = "other";

    /**
     * Label values of {@code ticketsmith.triage.tickets}: the values the analysis validator accepts, plus
     * {@link #OTHER} for anything else (a variable set through the engine REST API, a value a later prompt adds).
     * With the sources that is at most 8 x 6 x 5 x 4 series.
     */
    public static final Set<String> CATEGORIES = withOther(AnalysisValidator.CATEGORIES);
    public static final Set<String> URGENCIES = withOther(AnalysisValidator.URGENCIES);
    public static final Set<String> SENTIMENTS = withOther(AnalysisValidator.SENTIMENTS);
    /** Urgencies a lead treats as "high" on the triage dashboard, its alert and the analytics summary. */
    public static final Set<String> HIGH_URGENCIES = Set.of("high", "critical");

    /** Label values of {@code analysis}: who analysed the request, {@code none} when nobody did. */
    public static final String ANALYSIS_LLM = "llm";
    public static final String ANALYSIS_FALLBACK = "fallback";
    public static final String ANALYSIS_NONE = "none";
    public static final Set<String> ANALYSES = Set.of(ANALYSIS_LLM, ANALYSIS_FALLBACK, ANALYSIS_NONE);

    private final MeterRegistry registry;

    public TicketsmithMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param outcome {@code success}, {@code invalid} (answered, but no valid analysis) or {@code error} */
    public void llmCall(String provider, String model, String outcome, Duration latency) {
        Timer.builder("ticketsmith.llm.latency").description("Time of one analysis by the LLM, re-ask included")
                .tags("provider", provider, "model", model == null ? "unknown" : model, "outcome", outcome)
                .publishPercentileHistogram()
                .register(registry).record(latency);
    }

    public void llmUsage(String model, long promptTokens, long completionTokens, BigDecimal costUsd) {
        String name = model == null ? "unknown" : model;
        Counter.builder("ticketsmith.llm.tokens").tags("model", name, "type", "prompt").register(registry)
                .increment(promptTokens);
        Counter.builder("ticketsmith.llm.tokens").tags("model", name, "type", "completion").register(registry)
                .increment(completionTokens);
        Counter.builder("ticketsmith.llm.cost.usd").description("Spend on LLM calls in US dollars")
                .tags("model", name).register(registry).increment(costUsd.doubleValue());
    }

    /** @param result {@code hit} (an earlier analysis reused, no LLM call) or {@code miss} */
    public void analysisCache(String result) {
        registry.counter("ticketsmith.analysis.cache", "result", result).increment();
    }

    /** @param reason {@code no_provider}, {@code llm_unavailable}, {@code analysis_invalid} or {@code budget} */
    public void fallback(String reason) {
        registry.counter("ticketsmith.fallback", "reason", reason).increment();
    }

    /**
     * A request's source as a label: one of {@link #KNOWN_SOURCES} or {@code other}, so labels stay a bounded set
     * and never carry what a client wrote there (an address, a name).
     */
    public static String sourceLabel(String source) {
        return source != null && KNOWN_SOURCES.contains(source) ? source : "other";
    }

    /** A value of a closed label set, or {@link #OTHER}. */
    public static String label(String value, Set<String> known) {
        return value != null && known.contains(value) ? value : OTHER;
    }

    /** {@code llm}, {@code fallback} or {@code none}: an analysis source nobody knows counts as none. */
    public static String analysisLabel(String analysisSource) {
        return analysisSource != null && ANALYSES.contains(analysisSource) ? analysisSource : ANALYSIS_NONE;
    }

    private static Set<String> withOther(Set<String> values) {
        return Stream.concat(values.stream(), Stream.of(OTHER)).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * A request analysed (by the LLM or the keyword rules), counted once when the guardrails have its analysis, so
     * a burst of urgent or angry tickets shows before anyone reviews them. Labels are {@link #KNOWN_SOURCES},
     * {@link #CATEGORIES}, {@link #URGENCIES} and {@link #SENTIMENTS}.
     */
    public void ticketAnalysed(String source, String category, String urgency, String sentiment) {
        Counter.builder("ticketsmith.triage.tickets").description("Requests analysed, by what the analysis found")
                .tags("source", sourceLabel(source), "category", label(category, CATEGORIES),
                        "urgency", label(urgency, URGENCIES), "sentiment", label(sentiment, SENTIMENTS))
                .register(registry).increment();
    }

    /**
     * How a request's triage ended, counted when the request ends.
     *
     * @param analysisSource {@code llm} or {@code fallback}; anything else counts as {@code none}
     * @param triaged        the request reached a decision (done, refused by the guardrails, rejected by a
     *                       reviewer); one that expired unreviewed or failed was not triaged
     */
    public void triageFinished(String source, String analysisSource, boolean triaged) {
        Counter.builder("ticketsmith.triage.outcomes").description("Finished requests, by analysis and triage result")
                .tags("source", sourceLabel(source), "analysis", analysisLabel(analysisSource),
                        "result", triaged ? "success" : "failure")
                .register(registry).increment();
    }

    /** @param target {@code llm} or {@code jira} */
    public void rateLimited(String target) {
        rateLimitedCounter(target).increment();
    }

    /** The counter of a target's rate limits, registered (at 0) so that its rate is defined before the first one. */
    public Counter rateLimitedCounter(String target) {
        return Counter.builder(RATE_LIMITED).description("Answers asking to slow down (429, 503)")
                .tag("target", target).register(registry);
    }

    /**
     * @param source {@code auto} (the guardrails let it run) or {@code human} (a reviewer approved it)
     * @param status {@code success} or {@code failure}
     */
    public void action(String type, String source, String status) {
        registry.counter("ticketsmith.actions", "type", type, "source", source, "status", status).increment();
    }

    /**
     * @param route   the guardrails' route ({@code AUTO}, {@code REVIEW}, {@code REJECT}) or {@code none}
     * @param outcome how the request ended: {@code DONE}, {@code REFUSED} (by the guardrails), {@code REJECTED} (by a
     *                reviewer), {@code EXPIRED} or {@code FAILED}
     */
    public void requestFinished(String source, String route, String outcome) {
        registry.counter("ticketsmith.requests", "source", sourceLabel(source), "route", route, "outcome", outcome)
                .increment();
    }

    /** @param decision {@code approved}, {@code edited}, {@code rejected} or {@code expired} */
    public void reviewDecision(String decision, Duration waited) {
        registry.counter("ticketsmith.review.decisions", "decision", decision).increment();
        Timer.builder("ticketsmith.review.wait").description("Time from review task creation to the decision")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofDays(3))
                .register(registry).record(waited);
    }

    public void reviewEscalated(String group) {
        registry.counter("ticketsmith.review.escalations", "group", group).increment();
    }

    /**
     * One review notification's delivery by one channel.
     *
     * @param channel {@code mail} or {@code webhook}
     * @param result  {@code sent}; {@code retried} (an attempt failed, another follows); {@code failed} (given up);
     *                {@code dropped} (too many deliveries were waiting)
     */
    public void notification(String channel, String result) {
        registry.counter("ticketsmith.notifications", "channel", channel, "result", result).increment();
    }

    public void jiraCall(String operation, String status, Duration latency) {
        Timer.builder(JIRA_API_LATENCY).description("Time of one Jira REST call")
                .tags("operation", operation, "status", status)
                .publishPercentileHistogram()
                .register(registry).record(latency);
    }
}
