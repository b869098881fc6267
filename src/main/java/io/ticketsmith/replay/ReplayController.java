package io.ticketsmith.replay;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartFile;

/** What-if replays of the guardrails table, for process owners and auditors. */
@RestController
@Tag(name = "What-if", description = "Replay recorded guardrails decisions through a candidate table")
class ReplayController {

    private final ReplayRuns runs;

    ReplayController(ReplayRuns runs) {
        this.runs = runs;
    }

    /** The body of {@code POST /api/replays}: a period, optional filters, and one candidate table. */
    record ReplayBody(Instant from, Instant to, String source, String category, String project,
            Integer deployedVersion, String dmnXml, Boolean currentFile) {
    }

    @PostMapping(path = "/api/replays", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replay the finished requests of a period through a deployed version, DMN XML or the model "
            + "folder's guardrails.dmn; the report compares routes and AUTO precision with the reviewers' decisions")
    ResponseEntity<ReplayRuns.Run> start(@RequestBody ReplayBody body, Authentication user) {
        byte[] xml = body.dmnXml() == null ? null : body.dmnXml().getBytes(StandardCharsets.UTF_8);
        return created(runs.start(new ReplayRuns.Candidate(body.deployedVersion(), xml,
                Boolean.TRUE.equals(body.currentFile())), new ReplayFilter(body.from(), body.to(), body.source(),
                        body.category(), body.project()), user.getName()));
    }

    @PostMapping(path = "/api/replays", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Replay through an uploaded .dmn file")
    ResponseEntity<ReplayRuns.Run> upload(@RequestPart("file") MultipartFile file,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String source, @RequestParam(required = false) String category,
            @RequestParam(required = false) String project, Authentication user) throws IOException {
        if (file.getSize() > StandaloneDecisions.MAX_TABLE_BYTES) {
            throw new ReplayRefusedException("The uploaded table has " + file.getSize() + " bytes; at most "
                    + StandaloneDecisions.MAX_TABLE_BYTES + " are read");
        }
        return created(runs.start(new ReplayRuns.Candidate(null, file.getBytes(), false),
                new ReplayFilter(from, to, source, category, project), user.getName()));
    }

    @GetMapping(path = "/api/replays/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A replay's status and report; ?format=csv exports its route changes")
    ResponseEntity<?> get(@PathVariable String id, @RequestParam(required = false) String format) {
        ReplayRuns.Run run = runs.find(id).orElse(null);
        if (run == null) {
            return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No replay " + id + " (reports are kept in memory, the newest only)")).build();
        }
        if ("csv".equalsIgnoreCase(format)) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"replay-" + run.id() + ".csv\"")
                    .body(ReplayRuns.csv(run.report()));
        }
        return ResponseEntity.ok(run);
    }

    private static ResponseEntity<ReplayRuns.Run> created(ReplayRuns.Run run) {
        return ResponseEntity.created(URI.create("/api/replays/" + run.id())).body(run);
    }

    @RestControllerAdvice(assignableTypes = ReplayController.class)
    static class Errors {

        @ExceptionHandler(ReplayRefusedException.class)
        ProblemDetail refused(ReplayRefusedException e) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
