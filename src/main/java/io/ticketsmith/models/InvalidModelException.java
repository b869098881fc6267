package io.ticketsmith.models;

import java.nio.file.Path;

/** A model file that the engine refused to deploy; the message names the file and the parse error. */
public class InvalidModelException extends RuntimeException {

    private final transient Path file;

    public InvalidModelException(Path file, String problem, Throwable cause) {
        super(file + " " + (problem.startsWith("is ") || problem.startsWith("has ") || problem.startsWith("cannot ")
                ? problem : "was refused: " + problem), cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
