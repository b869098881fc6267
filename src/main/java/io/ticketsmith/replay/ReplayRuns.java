package io.ticketsmith.replay;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * Runs replays for the API and keeps their reports in memory, the newest {@code ticketsmith.replay.max-reports}.
 * A replay of a month takes seconds, so it runs in the caller's request.
 */
@Service
class ReplayRuns {

    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

    private final DecisionReplay replay;
    private final DeployedTables tables;
    private final StandaloneDecisions decisions;
    private final ReplayProperties properties;
    private final Clock clock;
    private final Map<String, Run> runs;

    ReplayRuns(DecisionReplay replay, DeployedTables tables, StandaloneDecisions decisions,
            ReplayProperties properties, Clock clock) {
        this.replay = replay;
        this.tables = tables;
        this.decisions = decisions;
        this.properties = properties;
        this.clock = clock;
        this.runs = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Run> eldest) {
                return size() > properties.maxReports();
            }
        };
    }

    /** Which table to replay: exactly one of a deployed version, uploaded DMN XML, or the model folder's file. */
    record Candidate(Integer deployedVersion, byte[] dmnXml, boolean currentFile) {
    }

    record Run(String id, String status, String startedBy, Instant startedAt, ReplayReport report) {
    }

    Run start(Candidate candidate, ReplayFilter requested, String user) {
        ReplayFilter filter = period(requested);
        CandidateTable table = table(candidate);
        ReplayReport report = replay.replay(table, tables.latest().orElse(null), filter);
        Run run = new Run(UUID.randomUUID().toString(), "done", user, clock.instant(), report);
        synchronized (runs) {
            runs.put(run.id(), run);
        }
        return run;
    }

    Optional<Run> find(String id) {
        synchronized (runs) {
            return Optional.ofNullable(runs.get(id));
        }
    }

    private CandidateTable table(Candidate candidate) {
        int given = (candidate.deployedVersion() != null ? 1 : 0) + (candidate.dmnXml() != null ? 1 : 0)
                + (candidate.currentFile() ? 1 : 0);
        if (given != 1) {
            throw new ReplayRefusedException("Give exactly one candidate table: deployedVersion, dmnXml (or an "
                    + "uploaded file), or currentFile");
        }
        if (candidate.deployedVersion() != null) {
            return tables.version(candidate.deployedVersion());
        }
        if (candidate.dmnXml() != null) {
            return decisions.parse("uploaded table", candidate.dmnXml());
        }
        return tables.file();
    }

    private ReplayFilter period(ReplayFilter requested) {
        Instant to = requested.to() != null ? requested.to() : clock.instant();
        Instant from = requested.from() != null ? requested.from() : to.minus(DEFAULT_PERIOD);
        if (!from.isBefore(to)) {
            throw new ReplayRefusedException("The period's start (from) must lie before its end (to)");
        }
        if (Duration.between(from, to).compareTo(properties.maxPeriod()) > 0) {
            throw new ReplayRefusedException("The period may span at most " + properties.maxPeriod()
                    + " (ticketsmith.replay.max-period)");
        }
        return new ReplayFilter(from, to, blankToNull(requested.source()), blankToNull(requested.category()),
                blankToNull(requested.project()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The route changes, one line per request id listed, as CSV. */
    static String csv(ReplayReport report) {
        StringBuilder csv = new StringBuilder("from,to,requestId,changesOfThisKind\r\n");
        for (ReplayReport.RouteChange change : report.routeChanges()) {
            for (String id : change.requestIds()) {
                csv.append(change.from()).append(',').append(change.to()).append(',').append(cell(id)).append(',')
                        .append(change.count()).append("\r\n");
            }
        }
        return csv.toString();
    }

    /** A cell a spreadsheet shows as text: quoted, and never read as a formula. */
    private static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
