package io.ticketsmith.engine;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the engine REST API answers, beyond Camunda's own resources. */
@Configuration(proxyBeanMethods = false)
class EngineRestConfiguration {

    @Bean
    ResourceConfigCustomizer refusedInputAnswers() {
        return config -> config.register(RefusedInputMapper.class);
    }

    /**
     * Several engine REST resources (starting a process among them) answer every engine exception with 500, also
     * one saying the caller's input is wrong. Refused input is the caller's to fix: it is answered 400, with the
     * same body Camunda gives.
     */
    @Priority(1)
    public static class RefusedInputMapper implements ExceptionMapper<RestException> {

        @Override
        public Response toResponse(RestException exception) {
            Response.Status status = exception.getStatus();
            if (status == Response.Status.INTERNAL_SERVER_ERROR && refusedInput(exception)) {
                status = Response.Status.BAD_REQUEST;
            }
            if (status.getFamily() == Response.Status.Family.SERVER_ERROR) {
                return ExceptionHandlerHelper.getInstance().getResponse(exception);
            }
            return Response.status(status).entity(ExceptionHandlerHelper.getInstance().fromException(exception))
                    .type(MediaType.APPLICATION_JSON_TYPE).build();
        }

        private static boolean refusedInput(Throwable failure) {
            for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
                if (cause instanceof BadUserRequestException || cause instanceof FormFieldValidationException) {
                    return true;
                }
            }
            return false;
        }
    }
}
