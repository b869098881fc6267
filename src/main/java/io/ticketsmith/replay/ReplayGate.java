package io.ticketsmith.replay;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a new guardrails version over the recent past before it is deployed, and refuses it when reviewers'
 * decisions say it would run too much automatically that they edited or rejected.
 */
public class ReplayGate {

    private static final Logger log = LoggerFactory.getLogger(ReplayGate.class);

    private final DecisionReplay replay;
    private final ReplayProperties.Gate properties;
    private final Clock clock;

    public ReplayGate(DecisionReplay replay, ReplayProperties.Gate properties, Clock clock) {
        this.replay = replay;
        this.properties = properties;
        this.clock = clock;
    }

    /** What the gate measured; {@code refusal} is null when the version may be deployed. */
    public record Verdict(String refusal, ReplayReport report) {

        public boolean passes() {
            return refusal == null;
        }
    }

    public Verdict check(CandidateTable candidate) {
        Instant to = clock.instant();
        ReplayReport report;
        try {
            report = replay.replay(candidate, null, new ReplayFilter(to.minus(properties.period()), to, null, null,
                    null));
        } catch (ReplayRefusedException e) {
            // A new input comes with new code: the history cannot judge the table, the deployment goes ahead.
            log.warn("Guardrails replay gate: {} not measured ({}); deploying it unchecked", candidate.label(),
                    e.getMessage());
            return new Verdict(null, null);
        }
        ReplayReport.Figures figures = report.candidateFigures();
        if (report.requests() < properties.minRequests()) {
            log.warn("Guardrails replay gate: only {} recorded requests in the last {} (at least {} are needed); "
                    + "deploying {} unchecked", report.requests(), properties.period(), properties.minRequests(),
                    candidate.label());
            return new Verdict(null, report);
        }
        Double precision = figures == null ? null : figures.autoPrecision();
        if (precision == null) {
            log.warn("Guardrails replay gate: none of the {} recorded requests that {} would run automatically was "
                    + "reviewed; AUTO precision cannot be measured, deploying it", figures == null ? 0 : figures.auto(),
                    candidate.label());
            return new Verdict(null, report);
        }
        if (precision < properties.minAutoPrecision()) {
            return new Verdict(String.format(Locale.ROOT, "Refused by the replay gate: over the last %s (%d recorded "
                    + "requests), this guardrails table would run %d requests automatically; of the %d a reviewer "
                    + "decided, %d were approved unchanged, %d edited and %d rejected: AUTO precision %.3f, below the "
                    + "minimum %.3f (ticketsmith.replay.gate.min-auto-precision)", properties.period(),
                    report.requests(), figures.auto(), figures.autoReviewed(), figures.autoApprovedUnchanged(),
                    figures.autoEdited(), figures.autoRejected(), precision, properties.minAutoPrecision()), report);
        }
        log.info("Guardrails replay gate: {} passes with AUTO precision {} over {} recorded requests",
                candidate.label(), String.format(Locale.ROOT, "%.3f", precision), report.requests());
        return new Verdict(null, report);
    }
}
