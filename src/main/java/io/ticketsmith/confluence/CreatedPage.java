package io.ticketsmith.confluence;

/**
 * A page that exists now.
 *
 * @param url     where a person opens it
 * @param created false when a page created earlier for the same action was found
 */
public record CreatedPage(String id, String title, String url, boolean created) {
}
