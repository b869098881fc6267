package io.ticketsmith.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.ticketsmith.llm.LlmCall;
import io.ticketsmith.models.DecisionTables;
import io.ticketsmith.observability.TicketsmithMetrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The LLM budget: prices calls, records them, and tells the process how much of today's budget and of the hourly
 * token cap is used. What to do over budget is not decided here but in {@code dmn/budget.dmn}.
 */
@Service
public class Budget implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(Budget.class);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final Duration GAUGE_REFRESH = Duration.ofSeconds(10);

    private final CostLedger ledger;
    private final CostProperties properties;
    private final TicketsmithMetrics metrics;
    private final Clock clock;
    private final AtomicReference<LocalDate> warnedOn = new AtomicReference<>();
    private final java.util.Set<String> unpricedModels = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Status cached;
    private volatile Instant cachedAt = Instant.EPOCH;

    Budget(CostLedger ledger, CostProperties properties, TicketsmithMetrics metrics, Clock clock) {
        this.ledger = ledger;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Where spending stands now.
     *
     * @param usedRatio today's spend divided by the daily budget; 0 when there is no daily limit
     */
    public record Status(LocalDate day, BigDecimal spentUsd, BigDecimal limitUsd, double usedRatio,
            long tokensLastHour, long tokenCapPerHour, String cheaperModel) {

        public boolean hourlyTokenCapReached() {
            return tokenCapPerHour > 0 && tokensLastHour >= tokenCapPerHour;
        }

        public boolean cheaperModelConfigured() {
            return cheaperModel != null && !cheaperModel.isBlank();
        }

        /** The inputs of {@code dmn/budget.dmn}, by their names. */
        public Map<String, Object> decisionInputs() {
            return Map.of(DecisionTables.Budget.BUDGET_USED_RATIO.name(), usedRatio,
                    DecisionTables.Budget.HOURLY_TOKEN_CAP_REACHED.name(), hourlyTokenCapReached(),
                    DecisionTables.Budget.CHEAPER_MODEL_CONFIGURED.name(), cheaperModelConfigured());
        }
    }

    public Status status() {
        Instant now = clock.instant();
        LocalDate today = CostLedger.day(now);
        BigDecimal spent = ledger.spentOn(today);
        double ratio = properties.hasDailyLimit()
                ? spent.divide(properties.maxDailyCostUsd(), 6, RoundingMode.HALF_UP).doubleValue()
                : 0.0;
        long tokens = properties.maxTokensPerHour() > 0 ? ledger.tokensSince(now.minus(Duration.ofHours(1))) : 0;
        Status status = new Status(today, spent, properties.maxDailyCostUsd(), ratio, tokens,
                properties.maxTokensPerHour(), properties.cheaperModel());
        cached = status;
        cachedAt = now;
        return status;
    }

    /** Prices and records one analysis (all its calls), and warns once a day when the budget runs low. */
    public void record(String requestId, LlmCall call, String outcome) {
        BigDecimal cost = costOf(call.provider(), call.model(), call.promptTokens(), call.completionTokens());
        ledger.record(clock.instant(), requestId, call.provider(), call.model() == null ? "unknown" : call.model(),
                call.promptTokens(), call.completionTokens(), cost, outcome);
        metrics.llmUsage(call.model(), call.promptTokens(), call.completionTokens(), cost);
        if (properties.hasDailyLimit()) {
            Status status = status();
            if (status.usedRatio() >= properties.warnRatio() && !status.day().equals(warnedOn.getAndSet(status.day()))) {
                log.warn("LLM spend today is {} USD, {}% of the daily budget of {} USD", status.spentUsd(),
                        Math.round(status.usedRatio() * 100), status.limitUsd());
            }
        }
    }

    /** USD for the tokens at the configured price of the model; local (Ollama) models and unpriced models cost 0. */
    /** An analysis reused from a near-identical earlier request: no call, and that request's cost saved. */
    public void recordReuse(String requestId, String reusedFrom) {
        ledger.recordReuse(clock.instant(), requestId, reusedFrom);
    }

    public BigDecimal costOf(String provider, String model, long promptTokens, long completionTokens) {
        if ("ollama".equals(provider) || model == null) {
            return BigDecimal.ZERO;
        }
        return properties.prices().entrySet().stream()
                .filter(entry -> model.startsWith(entry.getKey()))
                .max(Comparator.comparingInt(entry -> entry.getKey().length()))
                .map(Map.Entry::getValue)
                .map(price -> price.input().multiply(BigDecimal.valueOf(promptTokens))
                        .add(price.output().multiply(BigDecimal.valueOf(completionTokens)))
                        .divide(MILLION, 6, RoundingMode.HALF_UP))
                .orElseGet(() -> {
                    if (unpricedModels.add(model)) {
                        log.warn("No price configured for LLM model {} (ticketsmith.budget.prices); counting it as free",
                                model);
                    }
                    return BigDecimal.ZERO;
                });
    }

    /** The budget gauges read a status at most every 10 s, so a scrape does not query the database each time. */
    private Status recent() {
        Status status = cached;
        if (status == null || Duration.between(cachedAt, clock.instant()).compareTo(GAUGE_REFRESH) > 0) {
            status = status();
        }
        return status;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ticketsmith.budget.used.ratio", this, budget -> budget.recent().usedRatio())
                .description("Today's LLM spend as a share of the daily budget (0 without a limit)").register(registry);
        Gauge.builder("ticketsmith.budget.spent.usd", this, budget -> budget.recent().spentUsd().doubleValue())
                .description("Today's LLM spend in US dollars (UTC day)").register(registry);
        Gauge.builder("ticketsmith.budget.limit.usd", this, budget -> budget.recent().limitUsd().doubleValue())
                .description("Daily LLM budget in US dollars (0 = no limit)").register(registry);
    }
}
