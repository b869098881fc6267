package io.ticketsmith.models;

import java.nio.file.Path;

/** A model file that could not be deployed for a reason other than the model (the database): worth trying again. */
public class ModelDeploymentFailedException extends RuntimeException {

    public ModelDeploymentFailedException(Path file, String problem, Throwable cause) {
        super(file + " could not be deployed: " + problem, cause);
    }
}
