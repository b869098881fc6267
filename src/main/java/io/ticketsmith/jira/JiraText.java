package io.ticketsmith.jira;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Jira rich text as plain text, for code outside this package that reads Jira payloads itself (e.g. webhooks):
 * Cloud sends descriptions and comments as Atlassian Document Format, Data Center as wiki text.
 */
public final class JiraText {

    private JiraText() {
    }

    /**
     * @param richText an ADF document, a wiki-text string, or null/missing
     * @return plain text (blocks separated by a blank line, list items on their own lines), or null when there is none
     */
    public static String plain(JsonNode richText) {
        return Adf.plainText(richText);
    }
}
