package io.ticketsmith.engine;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * What a person submitted breaks one of the product's rules (a rejection without a comment, edited actions that
 * are not valid). The engine REST API answers it with 400 and the message, Tasklist shows the message, and the
 * engine logs it at debug level rather than as an error: it is the user's input, not a failure.
 *
 * <p>Markup in the message is escaped: it may quote what was submitted (or what the model proposed), and
 * Tasklist shows error messages as HTML. Quotes stay as they are, so API clients read the message as written.
 */
public class RefusedInputException extends FormFieldValidationException {

    private static final long serialVersionUID = 1L;

    public RefusedInputException(String message) {
        super(null, asText(message));
    }

    public RefusedInputException(String message, Throwable cause) {
        super(null, asText(message), cause);
    }

    private static String asText(String message) {
        return message == null ? null : message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
