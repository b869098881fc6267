package io.ticketsmith.intake;

import java.net.URI;
import java.security.Principal;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.ticketsmith.audit.RequestStatus;
import io.ticketsmith.audit.RequestViews;
import io.ticketsmith.request.HandleRequestProcess;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Submitting requests; reading them back is {@code RequestStatusController}'s. */
@RestController
@RequestMapping("/api/requests")
@Tag(name = "Requests", description = "Submit tickets and natural-language requests and follow them")
class RequestsController {

    private final RequestIntake intake;
    private final ClientRateLimits rateLimits;

    RequestsController(RequestIntake intake, ClientRateLimits rateLimits) {
        this.intake = intake;
        this.rateLimits = rateLimits;
    }

    /** The body of {@code POST /api/requests}; unknown fields are ignored. */
    record SubmitBody(@JsonDeserialize(using = StrictString.class) String text,
            @JsonDeserialize(using = StrictString.class) String source,
            @JsonDeserialize(using = StrictString.class) String reporter,
            @JsonDeserialize(using = StrictString.class) String externalId,
            @JsonDeserialize(using = StrictString.class) String replyTone) {
    }

    /** The answer to a submission. */
    record Accepted(String id, String processInstanceId, RequestStatus status, String statusUrl, boolean created) {
    }

    @PostMapping
    @Operation(summary = "Submit a request",
            description = "Starts the request process and answers at once with 202. The same externalId again "
                    + "(from the same client) returns the existing request instead of starting a second one. "
                    + "'source' is one of api, tasklist, email, phone, chat (jira is the Jira connector's). "
                    + "'replyTone' (formal, friendly, empathetic, concise) sets how replies to the requester are "
                    + "written; without it the source's default applies. "
                    + "Limited per user (ticketsmith.intake.requests-per-minute); over it, 429 with Retry-After.")
    ResponseEntity<Accepted> submit(@RequestBody SubmitBody body, Principal principal) {
        if (body == null) {
            throw new IntakeExceptions.InvalidRequest("The body must be a JSON object with at least 'text'");
        }
        if (body.source() != null && HandleRequestProcess.Sources.CONNECTORS.contains(body.source().trim())) {
            // A ticket system's keys are one namespace for everyone; a client taking one first would silence
            // the real ticket's webhook.
            throw new IntakeExceptions.InvalidRequest("'source' " + body.source().trim() + " is set only by Ticketsmith's "
                    + "own connector (the Jira webhook and triage batch); clients use one of "
                    + new java.util.TreeSet<>(HandleRequestProcess.Sources.SUBMITTABLE));
        }
        rateLimits.acquire(principal.getName(), ClientRateLimits.Kind.REQUESTS);
        RequestIntake.Submitted submitted = intake.submit(
                new RequestIntake.NewRequest(body.text(), body.source(), body.reporter(), body.externalId(),
                        body.replyTone()),
                principal.getName());
        var request = submitted.request();
        String statusUrl = RequestViews.statusUrl(request.id());
        return ResponseEntity.accepted().location(URI.create(statusUrl)).body(new Accepted(request.id(),
                request.processInstanceId(), request.status(), statusUrl, submitted.created()));
    }
}
