package io.ticketsmith.confluence;

/**
 * A page to create.
 *
 * @param space    the space's key, e.g. {@code ENG}
 * @param parentId the id of the page to create it under, or null for the space's top level
 * @param title    the page title, unique within the space
 * @param storage  the body in storage format, as {@link PageRenderer} writes it
 */
public record NewPage(String space, String parentId, String title, String storage) {
}
