package io.ticketsmith.intake;

import java.time.Clock;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;

import io.ticketsmith.audit.RequestRegistry;
import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.zendesk.ZendeskClient;
import io.ticketsmith.zendesk.ZendeskProperties;
import io.ticketsmith.zendesk.ZendeskTicket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts triage of Zendesk tickets: one from the webhook, or a batch from the incremental export or a search. Each
 * ticket is a request of source {@code zendesk} whose external id is the ticket id, so a ticket already in flight (or
 * done) is never triaged twice, however often Zendesk delivers it; a ticket tagged as processed is skipped.
 *
 * <p>The export continues where the last run stopped (its {@code after_cursor}, the high-water mark); the first run
 * after a start begins {@code initial-lookback} ago, and tickets seen before are recognised by their id.
 */
@Service
public class ZendeskTriage {

    private static final Logger log = LoggerFactory.getLogger(ZendeskTriage.class);

    private final Optional<ZendeskClient> zendesk;
    private final RequestIntake intake;
    private final RequestRegistry registry;
    private final ZendeskProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private String cursor;

    ZendeskTriage(Optional<ZendeskClient> zendesk, RequestIntake intake, RequestRegistry registry,
            ZendeskProperties properties, MeterRegistry meters, Clock clock) {
        this.zendesk = zendesk;
        this.intake = intake;
        this.registry = registry;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** How a batch run went; {@code cursor} is where the next export run continues (null after a search). */
    public record RunResult(int found, int started, int skipped, int failed, String cursor) {
    }

    boolean connected() {
        return zendesk.isPresent();
    }

    /** The ticket as Zendesk has it now: a webhook's body names the ticket, Zendesk tells what it says. */
    ZendeskTicket read(String ticketId) {
        return client().ticket(ticketId);
    }

    /** Starts triage of one ticket; empty when it is tagged as processed. */
    Optional<RequestIntake.Submitted> triage(ZendeskTicket ticket) {
        if (ticket.taggedWith(properties.processedTag())) {
            log.debug("Zendesk ticket {} skipped: tagged {}", ticket.id(), properties.processedTag());
            return Optional.empty();
        }
        return Optional.of(intake.submit(new RequestIntake.NewRequest(requestText(ticket),
                HandleRequestProcess.Sources.ZENDESK, null, ticket.id(), null), HandleRequestProcess.Sources.ZENDESK));
    }

    /** Tickets changed since the high-water mark, page by page, until the end of the stream or {@code max-per-run}. */
    public synchronized RunResult runExport() {
        ZendeskClient client = client();
        Counts counts = new Counts();
        String next = cursor;
        boolean first = next == null;
        while (counts.found < properties.maxPerRun()) {
            ZendeskClient.ExportPage page = first
                    ? client.export(clock.instant().minus(properties.initialLookback()), null)
                    : client.export(null, next);
            first = false;
            page.tickets().forEach(counts::add);
            next = page.afterCursor();
            // Only a page fully handled moves the mark, so a run that stops early reads the rest next time.
            cursor = next;
            if (page.endOfStream() || next == null) {
                break;
            }
        }
        return counts.finish("export", cursor);
    }

    /** Tickets the query finds ({@code ticketsmith.zendesk.search-query} when blank), page by page. */
    public RunResult runSearch(String query) {
        ZendeskClient client = client();
        String search = query == null || query.isBlank() ? properties.searchQuery() : query.trim();
        Counts counts = new Counts();
        String next = null;
        do {
            ZendeskClient.SearchPage page = client.search(search, next);
            page.tickets().forEach(counts::add);
            next = page.nextPage();
        } while (next != null && counts.found < properties.maxPerRun());
        return counts.finish("search", null);
    }

    private ZendeskClient client() {
        return zendesk.orElseThrow(() -> new IllegalStateException(
                "Zendesk is not configured (ticketsmith.zendesk.enabled)"));
    }

    /** What the analysis reads: the ticket's identity first, so the model knows the ticket its actions go to. */
    static String requestText(ZendeskTicket ticket) {
        StringBuilder text = new StringBuilder("Zendesk ticket ").append(ticket.id()).append(": ")
                .append(ticket.subject() == null ? "" : ticket.subject());
        if (ticket.description() != null && !ticket.description().isBlank()) {
            text.append("\n\n").append(ticket.description().strip());
        }
        return text.toString();
    }

    private final class Counts {
        int found;
        int started;
        int skipped;
        int failed;

        void add(ZendeskTicket ticket) {
            if (found >= properties.maxPerRun()) {
                return;
            }
            found++;
            if (ticket.taggedWith(properties.processedTag())
                    || registry.findByExternalId(HandleRequestProcess.Sources.ZENDESK, ticket.id()).isPresent()) {
                skipped++;
                return;
            }
            try {
                if (triage(ticket).map(RequestIntake.Submitted::created).orElse(false)) {
                    started++;
                } else {
                    skipped++;
                }
            } catch (RuntimeException e) {
                failed++;
                log.warn("Triage of Zendesk ticket {} could not be started: {}", ticket.id(),
                        e.getClass().getSimpleName());
            }
        }

        RunResult finish(String how, String mark) {
            meters.counter("ticketsmith.triage.zendesk.tickets", "result", "found").increment(found);
            meters.counter("ticketsmith.triage.zendesk.tickets", "result", "started").increment(started);
            meters.counter("ticketsmith.triage.zendesk.tickets", "result", "skipped").increment(skipped);
            meters.counter("ticketsmith.triage.zendesk.tickets", "result", "failed").increment(failed);
            log.info("Zendesk triage ({}): {} found, {} started, {} skipped, {} failed", how, found, started, skipped,
                    failed);
            return new RunResult(found, started, skipped, failed, mark);
        }
    }
}
