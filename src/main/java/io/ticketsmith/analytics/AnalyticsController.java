package io.ticketsmith.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestController
@Tag(name = "Analytics", description = "How triage goes, for support leads")
class AnalyticsController {

    private final TriageOutcomes outcomes;
    private final AnalyticsProperties properties;
    private final Clock clock;

    AnalyticsController(TriageOutcomes outcomes, AnalyticsProperties properties, Clock clock) {
        this.outcomes = outcomes;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/api/analytics/summary")
    @Operation(summary = "Requests that ended in a range: counts by category, urgency, sentiment and source, negative "
            + "share, high-urgency count, LLM vs keyword rules, auto vs reviewed, reviewer agreement, triage success "
            + "rate and a daily series")
    TriageSummary summary(
            @Parameter(description = "Start, inclusive: an ISO-8601 instant (2026-11-23T00:00:00Z) or a UTC date "
                    + "(2026-11-23). Default: the end minus 7 days")
            @RequestParam(required = false) String from,
            @Parameter(description = "End: an instant (exclusive) or a UTC date (that whole day included). "
                    + "Default: now")
            @RequestParam(required = false) String to) {
        Instant end = to == null || to.isBlank() ? clock.instant() : end(to);
        Instant start = from == null || from.isBlank() ? end.minus(properties.defaultRange()) : start(from);
        if (start.isAfter(end)) {
            throw new InvalidRangeException("from (" + start + ") is after to (" + end + ")");
        }
        if (Duration.between(start, end).compareTo(properties.maxRange()) > 0) {
            throw new InvalidRangeException("The range is longer than " + properties.maxRange().toDays()
                    + " days; ask for several shorter ones");
        }
        return outcomes.summarise(start, end);
    }

    private static Instant start(String value) {
        return parse("from", value, false);
    }

    private static Instant end(String value) {
        return parse("to", value, true);
    }

    /** A date names a whole UTC day: as the end of a range, up to the start of the next. */
    private static Instant parse(String name, String value, boolean endOfRange) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(value);
                return (endOfRange ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new InvalidRangeException(name + " must be an ISO-8601 instant such as 2026-11-23T00:00:00Z or "
                        + "a date such as 2026-11-23");
            }
        }
    }

    /** A range that cannot be read is the client's to fix: a problem detail saying how. */
    @RestControllerAdvice(assignableTypes = AnalyticsController.class)
    static class Errors {

        @ExceptionHandler(InvalidRangeException.class)
        ProblemDetail invalidRange(InvalidRangeException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
            problem.setTitle("Invalid range");
            return problem;
        }
    }
}
