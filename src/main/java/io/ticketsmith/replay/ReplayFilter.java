package io.ticketsmith.replay;

import java.time.Instant;

/**
 * Which recorded requests a replay covers: a period [from, to) and, optionally, one source, category and project.
 */
public record ReplayFilter(Instant from, Instant to, String source, String category, String project) {

    boolean matches(RecordedRequest request) {
        return (source == null || source.equals(request.source()))
                && (category == null || category.equals(request.category()))
                && (project == null || request.projects().contains(project));
    }
}
