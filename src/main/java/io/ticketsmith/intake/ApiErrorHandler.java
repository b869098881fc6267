package io.ticketsmith.intake;

import java.time.Instant;

import io.ticketsmith.audit.AuditExceptions;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Client errors as RFC 9457 problem details (JSON) with a message that says what to fix. */
// Before Spring's own problem-details handler, which would answer an unreadable body without saying what is wrong.
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackageClasses = {ApiErrorHandler.class, AuditExceptions.class})
class ApiErrorHandler {

    @ExceptionHandler({IntakeExceptions.InvalidRequest.class, AuditExceptions.InvalidQuery.class})
    ProblemDetail invalid(RuntimeException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(IntakeExceptions.TextTooLarge.class)
    ProblemDetail tooLarge(IntakeExceptions.TextTooLarge e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(IntakeExceptions.RateLimited.class)
    ResponseEntity<ProblemDetail> rateLimited(IntakeExceptions.RateLimited e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }

    @ExceptionHandler(IntakeExceptions.LlmBusy.class)
    ResponseEntity<ProblemDetail> llmBusy(IntakeExceptions.LlmBusy e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }

    @ExceptionHandler(AuditExceptions.UnknownRequest.class)
    ProblemDetail unknown(AuditExceptions.UnknownRequest e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(AuditExceptions.HistoryNotReadable.class)
    ProblemDetail forbidden(AuditExceptions.HistoryNotReadable e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        String detail = cause instanceof com.fasterxml.jackson.core.JsonProcessingException json
                ? json.getOriginalMessage() + " (line " + (json.getLocation() == null ? "?" : json.getLocation().getLineNr())
                        + ", column " + (json.getLocation() == null ? "?" : json.getLocation().getColumnNr()) + ")"
                : "The body is missing or not JSON";
        return problem(HttpStatus.BAD_REQUEST, "Malformed JSON: " + detail);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Parameter '" + e.getName() + "' has an invalid value: " + e.getValue());
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("timestamp", Instant.now().toString());
        return problem;
    }
}
