package io.ticketsmith.knowledge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import io.ticketsmith.engine.ClusterLock;
import io.ticketsmith.safety.PiiRedactor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.document.Document;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the knowledge index in step with Jira's resolved issues and Confluence's pages, incrementally: each source
 * is read from its high-water mark on (less the overlap), page by page, and the mark moves up after each page is
 * indexed, so a run that stops (a 429, a crash) loses nothing and the next one goes on from there. A document whose
 * redacted text is what the index already holds (same digest) is not embedded again. Every
 * {@code reconcile-interval}, or when asked, a run also lists what each source has now and removes the rest.
 *
 * <p>One node syncs at a time (a cluster lock); a node that finds the lock taken skips its run.
 */
public class KnowledgeSync {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeSync.class);

    private final KnowledgeIndex index;
    private final SyncStateStore store;
    private final List<SyncSource> sources;
    private final PiiRedactor redactor;
    private final KnowledgeSyncProperties properties;
    private final DataSource dataSource;
    private final Clock clock;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    // The cluster lock is no lock on H2, and the schedule and the API may ask at once on one node.
    private final ReentrantLock running = new ReentrantLock();

    KnowledgeSync(KnowledgeIndex index, SyncStateStore store, List<SyncSource> sources, PiiRedactor redactor,
            KnowledgeSyncProperties properties, DataSource dataSource, Clock clock,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
        this.index = index;
        this.store = store;
        this.sources = List.copyOf(sources);
        this.redactor = redactor;
        this.properties = properties;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * How a source's sync stands, or went in this run.
     *
     * @param outcome {@code ok}, {@code rate-limited}, {@code failed}, {@code waiting} (asked to wait until
     *                {@code blockedUntil}, not called), {@code running}, or null before the first run
     */
    public record SourceReport(String source, String outcome, String error, SyncCounts counts, Instant highWaterMark,
            Instant lastStartedAt, Instant lastEndedAt, Instant lastReconciledAt, Instant blockedUntil) {
    }

    /**
     * @param ran    false when another run (on this node or another) was under way, so this one did nothing
     * @param reason why it did not run, or null
     */
    public record Report(boolean ran, String reason, List<SourceReport> sources) {
    }

    /** The names of the sources this node syncs. */
    public List<String> sourceNames() {
        return sources.stream().map(SyncSource::name).toList();
    }

    @Scheduled(fixedDelayString = "${ticketsmith.knowledge.sync.interval:PT15M}",
            initialDelayString = "${ticketsmith.knowledge.sync.initial-delay:PT1M}")
    void scheduledRun() {
        if (properties.scheduled() && !sources.isEmpty()) {
            run(false);
        }
    }

    /** Syncs every source now; {@code reconcile} also removes what left them, whenever the last reconcile was. */
    public Report run(boolean reconcile) {
        if (!running.tryLock()) {
            return new Report(false, "a sync is already running on this node", states());
        }
        try {
            Optional<ClusterLock.Held> held = ClusterLock.tryAcquire(dataSource, ClusterLock.KNOWLEDGE_SYNC);
            if (held.isEmpty()) {
                return new Report(false, "another node is syncing", states());
            }
            try {
                List<SourceReport> reports = new ArrayList<>();
                for (SyncSource source : sources) {
                    reports.add(run(source, reconcile));
                }
                return new Report(true, null, reports);
            } finally {
                held.get().release();
            }
        } finally {
            running.unlock();
        }
    }

    /** Where each source's sync stands. */
    public List<SourceReport> states() {
        Map<String, SourceReport> states = new LinkedHashMap<>();
        for (SyncSource source : sources) {
            states.put(source.name(), new SourceReport(source.name(), null, null, SyncCounts.NONE, null, null, null,
                    null, null));
        }
        for (SyncStateStore.State state : store.all()) {
            states.put(state.source(), report(state));
        }
        return List.copyOf(states.values());
    }

    private SourceReport run(SyncSource source, boolean reconcile) {
        String name = source.name();
        Instant started = clock.instant();
        SyncStateStore.State before = store.load(name).orElse(null);
        if (before != null && before.blockedUntil() != null && before.blockedUntil().isAfter(started)) {
            log.info("Knowledge sync of {} waits until {}, as {} asked", name, before.blockedUntil(), name);
            return new SourceReport(name, "waiting", null, SyncCounts.NONE, before.highWaterMark(),
                    before.lastStartedAt(), before.lastEndedAt(), before.lastReconciledAt(), before.blockedUntil());
        }
        store.started(name, started);
        Instant mark = before == null ? null : before.highWaterMark();
        Instant since = mark == null ? Instant.EPOCH : mark.minus(properties.overlap());
        AtomicReference<SyncCounts> counts = new AtomicReference<>(SyncCounts.NONE);
        try {
            source.changedSince(since, page -> {
                counts.set(counts.get().plus(write(name, page)));
                page.stream().map(SyncCandidate::updated).filter(Objects::nonNull).max(Instant::compareTo)
                        .ifPresent(newest -> store.advance(name, newest));
            });
            if (reconcile || before == null || before.lastReconciledAt() == null
                    || !before.lastReconciledAt().plus(properties.reconcileInterval()).isAfter(started)) {
                counts.set(counts.get().plus(new SyncCounts(0, 0, 0, reconcile(source))));
                store.reconciled(name, clock.instant());
            }
            store.finished(name, clock.instant(), "ok", null, null, counts.get());
            SyncCounts done = counts.get();
            log.info("Knowledge sync of {}: {} indexed, {} unchanged, {} skipped, {} removed", name, done.indexed(),
                    done.unchanged(), done.skipped(), done.removed());
        } catch (SyncSource.RateLimited e) {
            Instant until = clock.instant().plus(e.retryAfter());
            store.finished(name, clock.instant(), "rate-limited", e.getMessage(), until, counts.get());
            log.warn("Knowledge sync of {} stopped, {} asked to wait until {}; it goes on from its mark then", name,
                    name, until);
        } catch (RuntimeException e) {
            store.finished(name, clock.instant(), "failed", e.getMessage(), null, counts.get());
            log.warn("Knowledge sync of {} failed; it goes on from its mark next time: {}", name, e.toString());
        }
        SourceReport report = store.load(name).map(state -> withCounts(report(state), counts.get())).orElseThrow();
        count(report);
        return report;
    }

    /**
     * For operators: {@code ticketsmith_knowledge_sync_total{source,outcome}} per run of a source, and
     * {@code ticketsmith_knowledge_sync_documents_total{source,result}} for what it did with the documents.
     */
    private void count(SourceReport report) {
        meters.counter("ticketsmith.knowledge.sync", "source", report.source(), "outcome",
                String.valueOf(report.outcome())).increment();
        SyncCounts done = report.counts();
        documents(report.source(), "indexed", done.indexed());
        documents(report.source(), "unchanged", done.unchanged());
        documents(report.source(), "skipped", done.skipped());
        documents(report.source(), "removed", done.removed());
    }

    private void documents(String source, String result, long amount) {
        meters.counter("ticketsmith.knowledge.sync.documents", "source", source, "result", result).increment(amount);
    }

    /** Removes the source's documents that it no longer has; only after the whole list was read. */
    private long reconcile(SyncSource source) {
        Set<String> current = source.currentIds();
        List<String> gone = index.idsOf(source.name()).stream().filter(id -> !current.contains(id)).toList();
        if (!gone.isEmpty()) {
            index.delete(gone);
            log.info("Knowledge sync of {}: {} documents left the source and the index: {}", source.name(),
                    gone.size(), gone.size() <= 20 ? gone : gone.subList(0, 20) + "...");
        }
        return gone.size();
    }

    /** Redacts, bounds and indexes one page of candidates, embedding only what changed. */
    SyncCounts write(String source, List<SyncCandidate> page) {
        long skipped = 0;
        Map<String, Document> documents = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        for (SyncCandidate candidate : page) {
            if (candidate.skipReason() != null) {
                skipped++;
                log.info("Knowledge sync of {}: {} skipped, {}", source, candidate.id(), candidate.skipReason());
                continue;
            }
            String title = redacted(candidate.title());
            String body = redacted(candidate.body());
            String text = title.isEmpty() ? body : body.isEmpty() ? title : title + "\n\n" + body;
            if (text.isEmpty()) {
                skipped++;
                log.info("Knowledge sync of {}: {} skipped, it has neither a title nor any text", source,
                        candidate.id());
                continue;
            }
            if (text.length() > properties.maxChars()) {
                log.info("Knowledge sync of {}: {} truncated from {} to {} characters", source, candidate.id(),
                        text.length(), properties.maxChars());
                text = truncated(text, properties.maxChars());
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put(KnowledgeIndex.SOURCE, source);
            if (!title.isEmpty()) {
                metadata.put("title", title);
            }
            candidate.metadata().forEach(metadata::putIfAbsent);
            documents.put(candidate.id(), Document.builder().id(candidate.id()).text(text).metadata(metadata).build());
            hashes.put(candidate.id(), digest(text, metadata));
        }
        Map<String, String> stored = documents.isEmpty() ? Map.of() : index.hashes(documents.keySet());
        List<Document> changed = new ArrayList<>();
        List<String> changedHashes = new ArrayList<>();
        documents.forEach((id, document) -> {
            if (!hashes.get(id).equals(stored.get(id))) {
                changed.add(document);
                changedHashes.add(hashes.get(id));
            }
        });
        if (!changed.isEmpty()) {
            index.addWithHashes(changed, changedHashes);
        }
        return new SyncCounts(changed.size(), documents.size() - changed.size(), skipped, 0);
    }

    private String redacted(String text) {
        return text == null || text.isBlank() ? "" : redactor.redact(text.strip()).text().strip();
    }

    /** At most {@code max} characters, cut at a word where there is one near the end. */
    static String truncated(String text, int max) {
        int cut = max;
        int space = text.lastIndexOf(' ', max);
        if (space > max - 200 && space > 0) {
            cut = space;
        }
        return text.substring(0, cut).strip();
    }

    /** The text and what is shown of it; when it was updated is left out, as a new date alone changes nothing. */
    private static String digest(String text, Map<String, Object> metadata) {
        Map<String, Object> shown = new TreeMap<>(metadata);
        shown.remove("updated");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(shown.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static SourceReport report(SyncStateStore.State state) {
        return new SourceReport(state.source(), state.lastOutcome(), state.lastError(),
                new SyncCounts(state.indexed(), state.unchanged(), state.skipped(), state.removed()),
                state.highWaterMark(), state.lastStartedAt(), state.lastEndedAt(), state.lastReconciledAt(),
                state.blockedUntil());
    }

    private static SourceReport withCounts(SourceReport report, SyncCounts counts) {
        return new SourceReport(report.source(), report.outcome(), report.error(), counts, report.highWaterMark(),
                report.lastStartedAt(), report.lastEndedAt(), report.lastReconciledAt(), report.blockedUntil());
    }
}
