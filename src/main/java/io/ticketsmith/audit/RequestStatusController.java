package io.ticketsmith.audit;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.ticketsmith.security.TicketsmithGroups;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading requests back: their status, their list and their decision record. */
@RestController
@RequestMapping("/api/requests")
@Tag(name = "Requests", description = "Submit tickets and natural-language requests and follow them")
class RequestStatusController {

    private final RequestViews views;
    private final RequestRegistry registry;
    private final DecisionRecords records;
    private final HistoryAccess historyAccess;
    private final int maxPageSize;

    RequestStatusController(RequestViews views, RequestRegistry registry, DecisionRecords records,
            HistoryAccess historyAccess, @Value("${ticketsmith.intake.max-page-size:100}") int maxPageSize) {
        this.views = views;
        this.registry = registry;
        this.records = records;
        this.historyAccess = historyAccess;
        this.maxPageSize = maxPageSize;
    }

    /** Who reads every request; an API client reads only those it submitted. */
    private static final Set<String> READ_EVERY_REQUEST = Set.of(TicketsmithGroups.ADMINS, TicketsmithGroups.AUDITORS,
            TicketsmithGroups.OPERATORS, TicketsmithGroups.REVIEWERS, TicketsmithGroups.LEADS);

    @GetMapping("/{id}")
    @Operation(summary = "A request's status, analysis, guardrail decision, review and executed actions",
            description = "An API client reads only the requests it submitted; another's id answers 404.")
    RequestView get(@PathVariable String id, Authentication reader) {
        String onlyOwn = onlyOwnRequestsOf(reader);
        if (onlyOwn != null && !registry.findById(id).map(request -> onlyOwn.equals(request.submittedBy()))
                .orElse(false)) {
            throw new AuditExceptions.UnknownRequest(id);
        }
        return views.view(id);
    }

    @GetMapping("/{id}/record")
    @Operation(summary = "The decision record of a request (auditors)",
            description = "Source, redacted input and the kinds of personal data removed, prompt-injection screening, "
                    + "model, prompt version, tokens, the (redacted) LLM output, validation errors and re-asks, fallback "
                    + "reason, every decision with definition id, version and matched rules, reviews with edits, the Jira "
                    + "actions carried out with issue keys and times, the timeline and the outcome.")
    DecisionRecord record(@PathVariable String id, Authentication reader) {
        historyAccess.check(reader);
        return records.record(id);
    }

    @GetMapping("/{id}/feedback")
    @Operation(summary = "The feedback tuple of a request, for tuning prompts and rules (auditors)",
            description = "The projection of the decision record: redacted input, analysis source, the (redacted) LLM "
                    + "output and call, the analysis, the guardrails' decision with matched rules, the reviews with "
                    + "edits, the final actions and the outcome. Assembled from the request's history when asked for.")
    DecisionRecord.Feedback feedback(@PathVariable String id, Authentication reader) {
        historyAccess.check(reader);
        return records.record(id).feedback();
    }

    @GetMapping
    @Operation(summary = "List requests, newest first",
            description = "An API client sees only the requests it submitted.")
    List<RequestView> list(Authentication reader, @RequestParam(required = false) RequestStatus status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > maxPageSize) {
            throw new AuditExceptions.InvalidQuery("page must be 0 or more and size between 1 and "
                    + maxPageSize);
        }
        return registry.list(onlyOwnRequestsOf(reader), status, from, to, page, size).stream().map(views::summary)
                .toList();
    }

    /** The reader's user id when they may read only their own requests, or null when they read all. */
    private static String onlyOwnRequestsOf(Authentication reader) {
        return TicketsmithGroups.groupIdsOf(reader).stream().anyMatch(READ_EVERY_REQUEST::contains) ? null
                : reader.getName();
    }
}
