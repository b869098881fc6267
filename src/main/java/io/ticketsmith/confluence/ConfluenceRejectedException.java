package io.ticketsmith.confluence;

/**
 * Confluence refused what was sent (400, 403, 404, 409: a title already used in the space, an unknown space or
 * parent page, no permission to add pages there). A person has to change the action; the message says what
 * Confluence said, in words a reviewer can act on.
 */
public class ConfluenceRejectedException extends ConfluenceException {

    public ConfluenceRejectedException(int status, String message) {
        super(status, message, null);
    }
}
