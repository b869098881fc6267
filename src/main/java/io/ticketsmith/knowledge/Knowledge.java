package io.ticketsmith.knowledge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the product knows from before, for each new request: its neighbours in the {@link KnowledgeIndex} (so a
 * reviewer sees "possible duplicate of WEB-1412 (0.91)"), and every finished request added to the index, with its
 * outcome and the Jira issues it touched. Only redacted text is indexed. Indexing runs after the request's
 * transaction commits, on a thread of its own: a failing index never fails a request.
 */
public class Knowledge {

    private static final Logger log = LoggerFactory.getLogger(Knowledge.class);
    static final String REQUEST_PREFIX = "request:";
    static final String ANALYSIS_PREFIX = "analysis:";
    static final String ANALYSIS_SOURCE = "analysis";
    /** How long stopping waits for the index updates still queued. */
    static final java.time.Duration SHUTDOWN_WAIT = java.time.Duration.ofSeconds(10);

    private final KnowledgeIndex index;
    private final KnowledgeProperties properties;
    private final java.time.Clock clock;
    private final ExecutorService indexing = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "knowledge-indexing");
        thread.setDaemon(true);
        return thread;
    });

    public Knowledge(KnowledgeIndex index, KnowledgeProperties properties, java.time.Clock clock) {
        this.index = index;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Carries out what is queued for the index before the node stops (Spring calls it before it closes the
     * database), at most {@link #SHUTDOWN_WAIT}; what a request finishing later asks for is refused with a warning.
     */
    public void close() {
        indexing.shutdown();
        try {
            if (!indexing.awaitTermination(SHUTDOWN_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                log.warn("{} knowledge index update(s) still queued after {}; not carried out",
                        indexing.shutdownNow().size(), SHUTDOWN_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs an index update on the indexing thread, unless the node is stopping. */
    private void onIndexingThread(String what, Runnable update) {
        try {
            indexing.execute(update);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            log.warn("{} not carried out: the node is stopping", what);
        }
    }

    /**
     * A request's redacted text with its embedding, computed once, when first needed: looking for a cached analysis,
     * for neighbours and keeping the analysis all use the same one.
     */
    public final class Probe {
        private final String text;
        private float[] embedding;

        private Probe(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        float[] embedding() {
            if (embedding == null) {
                embedding = index.embed(text);
            }
            return embedding;
        }

        boolean isBlank() {
            return text == null || text.isBlank();
        }
    }

    /** The request text to look things up with; nothing is computed until a lookup needs it. */
    public Probe probe(String redactedText) {
        return new Probe(redactedText);
    }

    /** An analysis kept for reuse: whose it was, as JSON, and how similar its text is to the new one. */
    public record CachedAnalysis(String requestId, String analysisJson, double score) {
    }

    /**
     * The analysis of a recent request whose redacted text is near-identical to this one, if any: such a request
     * needs no LLM call. Never for a text the injection screen flagged (the caller checks), never across
     * {@code cache.max-age}.
     */
    public java.util.Optional<CachedAnalysis> cachedAnalysisFor(String requestId, Probe probe) {
        KnowledgeProperties.Cache cache = properties.cache();
        if (!properties.enabled() || !cache.enabled() || probe.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            long oldest = clock.instant().minus(cache.maxAge()).toEpochMilli();
            return index.similaritySearch(SearchRequest.builder().query(probe.text()).topK(5)
                            .similarityThreshold(cache.minScore())
                            .filterExpression(new org.springframework.ai.vectorstore.filter.FilterExpressionBuilder()
                                    .eq(KnowledgeIndex.SOURCE, ANALYSIS_SOURCE).build()).build(), probe.embedding())
                    .stream()
                    .filter(document -> !document.getId().equals(ANALYSIS_PREFIX + requestId))
                    .filter(document -> document.getMetadata().get("analyzedAt") instanceof Number at
                            && at.longValue() >= oldest)
                    .findFirst()
                    .map(document -> new CachedAnalysis(String.valueOf(document.getMetadata().get("requestId")),
                            String.valueOf(document.getMetadata().get("analysis")),
                            Math.round(document.getScore() * 1000) / 1000.0));
        } catch (RuntimeException e) {
            log.warn("Request {}: no cached analysis, the knowledge index failed: {}", requestId, e.toString());
            return java.util.Optional.empty();
        }
    }

    /** Keeps an analysis the LLM gave, for near-identical requests to reuse (on the indexing thread). */
    public void keepAnalysis(String requestId, Probe probe, String analysisJson) {
        if (!properties.enabled() || !properties.cache().enabled() || probe.isBlank()) {
            return;
        }
        float[] embedding = probe.embedding();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(KnowledgeIndex.SOURCE, ANALYSIS_SOURCE);
        metadata.put("requestId", requestId);
        metadata.put("analysis", analysisJson);
        metadata.put("analyzedAt", clock.instant().toEpochMilli());
        Document document = Document.builder().id(ANALYSIS_PREFIX + requestId).text(probe.text()).metadata(metadata)
                .build();
        onIndexingThread("Keeping the analysis of request " + requestId, () -> {
            try {
                index.add(List.of(document), List.of(embedding));
                // Analyses too old to be reused only slow the search down.
                index.deleteOlderThan(ANALYSIS_SOURCE, clock.instant().minus(properties.cache().maxAge()));
            } catch (RuntimeException e) {
                log.warn("Analysis of request {} not kept for reuse: {}", requestId, e.toString());
            }
        });
    }

    /** The request's closest neighbours, itself left out; empty when the index is off or fails. */
    public List<Neighbour> neighboursOf(String requestId, Probe probe) {
        if (!properties.enabled() || probe.isBlank()) {
            return List.of();
        }
        try {
            return index.similaritySearch(SearchRequest.builder().query(probe.text()).topK(properties.topK() + 1)
                            .similarityThreshold(properties.minScore())
                            .filterExpression(new org.springframework.ai.vectorstore.filter.FilterExpressionBuilder()
                                    .ne(KnowledgeIndex.SOURCE, ANALYSIS_SOURCE).build()).build(), probe.embedding())
                    .stream()
                    .filter(document -> !document.getId().equals(REQUEST_PREFIX + requestId))
                    .limit(properties.topK())
                    .map(Knowledge::neighbour)
                    .toList();
        } catch (RuntimeException e) {
            log.warn("Request {}: no neighbours, the knowledge index failed: {}", requestId, e.toString());
            return List.of();
        }
    }

    /**
     * The known issue a request most likely repeats: the closest neighbour with a Jira issue, when it scores at least
     * {@code duplicate-min-score}. The keyword fallback proposes linking to it; the guardrails table routes such
     * requests to review by its own {@code duplicateScore} rule.
     */
    public java.util.Optional<Neighbour> duplicateOf(List<Neighbour> neighbours) {
        return Neighbour.closestIssue(neighbours).filter(closest -> closest.score() >= properties.duplicateMinScore());
    }

    /** Adds a finished request to the index once its transaction has committed. */
    public void indexFinishedRequest(String requestId, String redactedText, String title, String outcome,
            String issueKey) {
        if (!properties.enabled() || redactedText == null || redactedText.isBlank()) {
            return;
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(KnowledgeIndex.SOURCE, "request");
        metadata.put("requestId", requestId);
        putIfPresent(metadata, "title", title);
        putIfPresent(metadata, "outcome", outcome);
        putIfPresent(metadata, "issueKey", issueKey);
        Document document = Document.builder().id(REQUEST_PREFIX + requestId).text(redactedText).metadata(metadata)
                .build();
        Runnable add = () -> onIndexingThread("Indexing request " + requestId, () -> {
            try {
                index.add(List.of(document));
            } catch (RuntimeException e) {
                log.warn("Request {} not indexed: {}", requestId, e.toString());
            }
        });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    add.run();
                }
            });
        } else {
            add.run();
        }
    }

    private static Neighbour neighbour(Document document) {
        Map<String, Object> metadata = document.getMetadata();
        String title = metadata.get("title") != null ? String.valueOf(metadata.get("title"))
                : firstWords(document.getText());
        return new Neighbour(document.getId(), String.valueOf(metadata.getOrDefault(KnowledgeIndex.SOURCE, "other")),
                title, metadata.get("issueKey") == null ? null : String.valueOf(metadata.get("issueKey")),
                metadata.get("outcome") == null ? null : String.valueOf(metadata.get("outcome")),
                Math.round(document.getScore() * 1000) / 1000.0,
                metadata.get("link") == null ? null : String.valueOf(metadata.get("link")));
    }

    private static String firstWords(String text) {
        if (text == null) {
            return null;
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= 100 ? line : line.substring(0, 99) + "…";
    }

    private static void putIfPresent(Map<String, Object> metadata, String key, String value) {
        if (value != null && !value.isBlank()) {
            metadata.put(key, value);
        }
    }
}
