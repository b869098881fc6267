package io.ticketsmith.intake;

import java.net.URI;
import java.security.Principal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.ticketsmith.audit.RequestStatus;
import io.ticketsmith.audit.RequestViews;

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

    RequestsController(RequestIntake intake) {
        this.intake = intake;
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
}
