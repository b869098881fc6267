package io.ticketsmith.evaluation;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replays of the analysis over finished requests, for process owners and auditors (SecurityConfiguration): start one
 * with {@code POST}, then read its status and, when done, its report with {@code GET}.
 */
@RestController
@RequestMapping(AnalysisReplayController.PATH)
class AnalysisReplayController {

    static final String PATH = "/api/replays/analysis";

    private final AnalysisReplays replays;

    AnalysisReplayController(AnalysisReplays replays) {
        this.replays = replays;
    }

    /** What to replay; both may be left out: the current prompt over the configured default sample size. */
    record StartReplay(String promptVersion, Integer sampleSize) {
    }

    @PostMapping
    ResponseEntity<AnalysisReplays.Replay> start(@RequestBody(required = false) StartReplay start) {
        StartReplay asked = start == null ? new StartReplay(null, null) : start;
        AnalysisReplays.Replay replay = replays.start(asked.promptVersion(), asked.sampleSize());
        return ResponseEntity.accepted().location(URI.create(PATH + "/" + replay.id())).body(replay);
    }

    @GetMapping("/{id}")
    ResponseEntity<AnalysisReplays.Replay> replay(@PathVariable String id) {
        return replays.find(id).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }

    @ExceptionHandler(CostLimitExceededException.class)
    ProblemDetail overBudget(CostLimitExceededException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setTitle("Replay refused: over its cost limit");
        problem.setProperty("estimate", e.estimate());
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail noModel(IllegalStateException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
