package io.ticketsmith.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

/** Metric labels come from bounded sets: what a client writes into a request never becomes one. */
class TicketsmithMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TicketsmithMetrics metrics = new TicketsmithMetrics(registry);

    @Test
    void aSourceTheProductDoesNotKnowIsCountedAsOther() {
        metrics.requestFinished("mail:rita@example.org", "REVIEW", "DONE");
        metrics.requestFinished("jira", "AUTO", "DONE");

        assertThat(registry.get("ticketsmith.requests").tag("source", "other").counter().count()).isEqualTo(1);
        assertThat(registry.get("ticketsmith.requests").tag("source", "jira").counter().count()).isEqualTo(1);
        assertThat(registry.getMeters()).flatMap(meter -> meter.getId().getTags())
                .noneMatch(tag -> tag.getValue().contains("rita"));
    }

    @Test
    void everyKnownSourceIsItsOwnLabel() {
        for (String source : TicketsmithMetrics.KNOWN_SOURCES) {
            assertThat(TicketsmithMetrics.sourceLabel(source)).isEqualTo(source);
        }
        assertThat(TicketsmithMetrics.sourceLabel(null)).isEqualTo("other");
        assertThat(registry.getMeters()).extracting(Meter::getId).isEmpty();
    }
}
