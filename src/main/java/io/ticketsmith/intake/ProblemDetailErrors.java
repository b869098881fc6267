package io.ticketsmith.intake;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.time.Instant;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every error answer is an RFC 9457 problem detail, not an HTML page: those the application answers itself
 * ({@link ApiErrorHandler}), those Spring and Spring Security send as an error status (401, 403, 404, 405: the
 * {@code /error} page here), and those Tomcat answers before the application sees the call (a malformed request
 * line or header: {@link Valve}). No answer names the server, its version or a stack trace.
 */
final class ProblemDetailErrors {

    private ProblemDetailErrors() {
    }

    @RestController
    static class ErrorPage implements ErrorController {

        @RequestMapping("${server.error.path:${error.path:/error}}")
        ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            HttpStatus status = HttpStatus.resolve(code instanceof Integer number ? number : 500);
            if (status == null) {
                status = HttpStatus.INTERNAL_SERVER_ERROR;
            }
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, describe(status));
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            if (uri instanceof String path && path.startsWith("/")) {
                problem.setInstance(URI.create(path.replaceAll("[^A-Za-z0-9/._~-]", "")));
            }
            problem.setProperty("timestamp", Instant.now().toString());
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }

        private static String describe(HttpStatus status) {
            return switch (status) {
                case UNAUTHORIZED -> "Log in: this needs the credentials of a user";
                case FORBIDDEN -> "Your user may not do this";
                case NOT_FOUND -> "Nothing is here";
                case METHOD_NOT_ALLOWED -> "This address does not take this method";
                default -> status.getReasonPhrase();
            };
        }
    }

    /** Tomcat's own error answers as problem details. */
    public static class Valve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String title = known == null ? "Error" : known.getReasonPhrase();
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                            + ",\"detail\":\"The request could not be read: " + title.toLowerCase()
                            + ". Check the address, its encoding and the headers.\"}");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the answer was committed; nothing more to say.
            }
        }
    }

    @Component
    static class TomcatErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(Valve.class.getName());
                }
            });
        }
    }
}
