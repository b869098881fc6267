package io.ticketsmith.intake;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/requests")
@Tag(name = "Requests", description = "Submit tickets and natural-language requests and follow them")
class RequestsController {

    private final RequestIntake intake;
    private final RequestViews views;
    private final RequestRegistry registry;
    private final IntakeProperties properties;
    private final RequestRecords records;
    private final HistoryAccess historyAccess;

    RequestsController(RequestIntake intake, RequestViews views, RequestRegistry registry, IntakeProperties properties,
            RequestRecords records, HistoryAccess historyAccess) {
        this.historyAccess = historyAccess;
        this.intake = intake;
        this.views = views;
        this.registry = registry;
        this.properties = properties;
        this.records = records;
    }

    /** The body of {@code POST /api/requests}; unknown fields are ignored. */
    record SubmitBody(String text, String source, String reporter, String externalId) {
    }

    /** The answer to a submission. */
    record Accepted(String id, String processInstanceId, RequestStatus status, String statusUrl, boolean created) {
    }

    @PostMapping
    @Operation(summary = "Submit a request",
            description = "Starts the request process and answers at once with 202. The same externalId again "
                    + "returns the existing request instead of starting a second one.")
    ResponseEntity<Accepted> submit(@RequestBody SubmitBody body, Principal principal) {
        if (body == null) {
            throw new IntakeExceptions.InvalidRequest("The body must be a JSON object with at least 'text'");
        }
        RequestIntake.Submitted submitted = intake.submit(
                new RequestIntake.NewRequest(body.text(), body.source(), body.reporter(), body.externalId()),
                principal.getName());
        var request = submitted.request();
        String statusUrl = RequestViews.statusUrl(request.id());
        return ResponseEntity.accepted().location(URI.create(statusUrl)).body(new Accepted(request.id(),
                request.processInstanceId(), request.status(), statusUrl, submitted.created()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A request's status, analysis, guardrail decision, review and executed actions")
    RequestView get(@PathVariable String id) {
        return views.view(id);
    }

    @GetMapping("/{id}/record")
    @Operation(summary = "The decision record of a request (auditors)",
            description = "Source, redacted input and the kinds of personal data removed, prompt-injection screening, "
                    + "model, prompt version, tokens, the (redacted) LLM output, validation errors and re-asks, fallback "
                    + "reason, every decision with definition id, version and matched rules, reviews with edits, the Jira "
                    + "actions carried out with issue keys and times, the timeline and the outcome.")
    Map<String, Object> record(@PathVariable String id, Authentication reader) {
        historyAccess.check(reader);
        return records.record(id);
    }

    @GetMapping
    @Operation(summary = "List requests, newest first")
    List<RequestView> list(@RequestParam(required = false) RequestStatus status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > properties.maxPageSize()) {
            throw new IntakeExceptions.InvalidRequest("page must be 0 or more and size between 1 and "
                    + properties.maxPageSize());
        }
        return registry.list(status, from, to, page, size).stream().map(views::summary).toList();
    }
}
