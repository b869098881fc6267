package io.ticketsmith.knowledge;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.ticketsmith.confluence.ConfluenceClient;
import io.ticketsmith.confluence.ConfluencePage;
import io.ticketsmith.confluence.ConfluenceRateLimitedException;

/**
 * Pages of the configured Confluence spaces, one document {@code confluence:ID} each. A page is current while it is
 * in one of those spaces, so a deleted page and one moved to another space leave the index on the next reconcile.
 */
class ConfluenceKnowledgeSource implements SyncSource {

    static final String NAME = "confluence";
    static final String PREFIX = "confluence:";
    // Result pages read at most in one run; a Confluence that always links a next page must not hold the sync forever.
    private static final int MAX_PAGES = 10_000;

    private final ConfluenceClient confluence;
    private final ZoneId zone;

    ConfluenceKnowledgeSource(ConfluenceClient confluence, KnowledgeSyncProperties properties) {
        this.confluence = confluence;
        this.zone = properties.timeZone();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void changedSince(Instant since, Consumer<List<SyncCandidate>> pages) {
        String next = null;
        int read = 0;
        do {
            String link = next;
            ConfluenceClient.Batch batch = rateLimited(() -> confluence.changedSince(since, zone, link));
            List<SyncCandidate> candidates = new ArrayList<>();
            for (ConfluencePage page : batch.pages()) {
                candidates.add(candidate(page));
            }
            for (String id : batch.vanished()) {
                candidates.add(SyncCandidate.skipped(PREFIX + id, null, "the page was gone before it could be read"));
            }
            pages.accept(candidates);
            next = batch.next();
        } while (next != null && ++read < MAX_PAGES);
    }

    @Override
    public Set<String> currentIds() {
        Set<String> ids = new LinkedHashSet<>();
        String next = null;
        int read = 0;
        do {
            String link = next;
            ConfluenceClient.Ids page = rateLimited(() -> confluence.pageIds(link));
            page.ids().forEach(id -> ids.add(PREFIX + id));
            next = page.next();
        } while (next != null && ++read < MAX_PAGES);
        if (next != null) {
            throw new IllegalStateException("Confluence kept linking more pages after " + MAX_PAGES);
        }
        return ids;
    }

    private static SyncCandidate candidate(ConfluencePage page) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (page.link() != null) {
            metadata.put("link", page.link());
        }
        if (page.space() != null) {
            metadata.put("space", page.space());
        }
        if (page.updated() != null) {
            metadata.put("updated", page.updated().toString());
        }
        return new SyncCandidate(PREFIX + page.id(), page.title(), page.text(), metadata, page.updated(), null);
    }

    private static <T> T rateLimited(Supplier<T> call) {
        try {
            return call.get();
        } catch (ConfluenceRateLimitedException e) {
            throw new RateLimited(e.retryAfter(), e.getMessage(), e);
        }
    }
}
