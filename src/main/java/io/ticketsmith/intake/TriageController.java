package io.ticketsmith.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Jira triage", description = "Triage of Jira issues found by JQL")
class TriageController {

    private final JiraTriage triage;

    TriageController(JiraTriage triage) {
        this.triage = triage;
    }

    @PostMapping("/api/triage/run")
    @Operation(summary = "Run the Jira triage batch now",
            description = "Searches Jira with ticketsmith.triage.jql and starts one triage request per issue not yet known")
    JiraTriage.RunResult run() {
        return triage.run();
    }
}
