package io.ticketsmith.intake;

import java.security.Principal;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Plan", description = "What Ticketsmith would do with a text, without doing it")
class PlanController {

    private final PlanService plans;
    private final ClientRateLimits rateLimits;

    PlanController(PlanService plans, ClientRateLimits rateLimits) {
        this.plans = plans;
        this.rateLimits = rateLimits;
    }

    record PlanBody(@JsonDeserialize(using = StrictString.class) String text) {
    }

    @PostMapping("/api/plan")
    @Operation(summary = "Dry run: analysis, proposed actions and guardrail route for a text",
            description = "Redacts and analyses the text and evaluates the latest priority and guardrail tables. "
                    + "Starts no process and sends nothing to Jira. Limited per user "
                    + "(ticketsmith.intake.plans-per-minute) and by the LLM calls the node allows at once; "
                    + "over either, 429 with Retry-After.")
    PlanService.Plan plan(@RequestBody PlanBody body, Principal principal) {
        if (body == null) {
            throw new IntakeExceptions.InvalidRequest("The body must be a JSON object with 'text'");
        }
        rateLimits.acquire(principal.getName(), ClientRateLimits.Kind.PLANS);
        return plans.plan(body.text());
    }
}
