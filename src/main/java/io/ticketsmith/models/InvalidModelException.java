package io.ticketsmith.models;

import java.nio.file.Path;

/** A model file that the engine refused to deploy; the message names the file and the parse error. */
public class InvalidModelException extends RuntimeException {

    /**
     * @param problem completes a sentence that starts with the file name, e.g. "is not valid JSON: ..."
     */
    public InvalidModelException(Path file, String problem, Throwable cause) {
        super(file + " " + problem, cause);
    }
}
