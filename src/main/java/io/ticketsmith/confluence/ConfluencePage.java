package io.ticketsmith.confluence;

import java.time.Instant;

/**
 * A page as the knowledge index reads it.
 *
 * @param text    the body as plain text, empty when the page has none
 * @param link    the address a person opens to read it
 * @param updated when the page was last changed, or null when Confluence did not say
 */
public record ConfluencePage(String id, String title, String space, String text, String link, Instant updated) {
}
