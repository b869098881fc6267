package io.ticketsmith.knowledge;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.ticketsmith.jira.JiraGateway;
import io.ticketsmith.jira.JiraRateLimitedException;

/**
 * Resolved Jira issues: summary, description, resolution and the newest comments, one document {@code jira:KEY} each.
 * An issue is current while the sync's JQL finds it, so a deleted issue, a reopened one (no resolution) and the old
 * key of a moved one leave the index on the next reconcile.
 */
class JiraKnowledgeSource implements SyncSource {

    static final String NAME = "jira";
    static final String PREFIX = "jira:";
    private static final DateTimeFormatter JQL_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm", Locale.ROOT);
    // Pages read at most in one run; a Jira that always announces more must not hold the sync forever.
    private static final int MAX_PAGES = 10_000;

    private final JiraGateway jira;
    private final KnowledgeSyncProperties.Jira properties;
    private final ZoneId zone;

    JiraKnowledgeSource(JiraGateway jira, KnowledgeSyncProperties properties) {
        this.jira = jira;
        this.properties = properties.jira();
        this.zone = properties.timeZone();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The JQL of what the index holds, without order: reconcile and sync must agree on it. */
    String scope() {
        String jql = "resolution IS NOT EMPTY";
        if (!properties.projects().isEmpty()) {
            jql += " AND project in (" + properties.projects().stream().map(JiraKnowledgeSource::quoted)
                    .collect(Collectors.joining(", ")) + ")";
        }
        return jql;
    }

    String changedJql(Instant since) {
        return scope() + " AND updated >= \"" + JQL_TIME.format(since.atZone(zone)) + "\" ORDER BY updated ASC";
    }

    @Override
    public void changedSince(Instant since, Consumer<List<SyncCandidate>> pages) {
        String jql = changedJql(since);
        String token = null;
        int read = 0;
        do {
            String pageToken = token;
            JiraGateway.KnowledgePage page = rateLimited(() -> jira.searchForKnowledge(jql, pageToken,
                    properties.pageSize(), properties.lastComments()));
            List<SyncCandidate> candidates = new ArrayList<>();
            for (JiraGateway.KnowledgeIssue issue : page.issues()) {
                candidates.add(candidate(issue));
            }
            pages.accept(candidates);
            token = page.nextPageToken();
        } while (token != null && ++read < MAX_PAGES);
    }

    @Override
    public Set<String> currentIds() {
        Set<String> ids = new LinkedHashSet<>();
        String token = null;
        int read = 0;
        do {
            String pageToken = token;
            JiraGateway.KeyPage page = rateLimited(() -> jira.searchKeys(scope(), pageToken, 100));
            page.keys().forEach(key -> ids.add(PREFIX + key));
            token = page.nextPageToken();
        } while (token != null && ++read < MAX_PAGES);
        if (token != null) {
            throw new IllegalStateException("Jira kept announcing more keys after " + MAX_PAGES + " pages");
        }
        return ids;
    }

    private SyncCandidate candidate(JiraGateway.KnowledgeIssue issue) {
        if (issue.key() == null) {
            return SyncCandidate.skipped("jira:?", issue.updated(), "the issue has no key");
        }
        StringBuilder body = new StringBuilder();
        if (hasText(issue.description())) {
            body.append(issue.description().strip());
        }
        if (hasText(issue.resolution())) {
            body.append(body.isEmpty() ? "" : "\n\n").append("Resolution: ").append(issue.resolution());
        }
        for (String comment : issue.comments()) {
            body.append(body.isEmpty() ? "" : "\n\n").append("Comment: ").append(comment.strip());
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issueKey", issue.key());
        if (hasText(issue.resolution())) {
            metadata.put("outcome", issue.resolution());
        }
        String link = jira.browseUrl(issue.key());
        if (link != null) {
            metadata.put("link", link);
        }
        if (issue.updated() != null) {
            metadata.put("updated", issue.updated().toString());
        }
        return new SyncCandidate(PREFIX + issue.key(), issue.summary(), body.toString(), metadata, issue.updated(),
                null);
    }

    private static <T> T rateLimited(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (JiraRateLimitedException e) {
            throw new RateLimited(e.retryAfter(), e.getMessage(), e);
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
