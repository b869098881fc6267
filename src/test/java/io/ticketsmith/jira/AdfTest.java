package io.ticketsmith.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import org.junit.jupiter.api.Test;

/** Plain text with light markdown to Atlassian Document Format and back, beyond what the adapter tests send. */
class AdfTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void linesOfAParagraphKeepTheirBreaks() {
        assertThat(Adf.document("Anna Schmidt\nAcme GmbH")).isEqualTo(json("""
                {"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [
                  {"type": "text", "text": "Anna Schmidt"}, {"type": "hardBreak"}, {"type": "text", "text": "Acme GmbH"}]}]}
                """));
    }

    @Test
    void starBulletsAndIndentedContinuationsFormOneList() {
        assertThat(Adf.document("* first\n  still first\n* second")).isEqualTo(json("""
                {"type": "doc", "version": 1, "content": [{"type": "bulletList", "content": [
                  {"type": "listItem", "content": [{"type": "paragraph", "content": [
                    {"type": "text", "text": "first"}, {"type": "hardBreak"}, {"type": "text", "text": "still first"}]}]},
                  {"type": "listItem", "content": [{"type": "paragraph", "content": [
                    {"type": "text", "text": "second"}]}]}]}]}
                """));
    }

    @Test
    void numberedListStartingLaterKeepsItsNumber() {
        assertThat(Adf.document("3) restart\n4) retry")).isEqualTo(json("""
                {"type": "doc", "version": 1, "content": [{"type": "orderedList", "attrs": {"order": 3}, "content": [
                  {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "restart"}]}]},
                  {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "retry"}]}]}]}]}
                """));
    }

    @Test
    void fencedCodeKeepsItsLanguageLinesAndBlankLinesAndAnUnclosedFenceRunsToTheEnd() {
        assertThat(Adf.document("```java\nint a;\n\nint b;\n```\nafter\n```\n- not a list")).isEqualTo(json("""
                {"type": "doc", "version": 1, "content": [
                  {"type": "codeBlock", "attrs": {"language": "java"},
                   "content": [{"type": "text", "text": "int a;\\n\\nint b;"}]},
                  {"type": "paragraph", "content": [{"type": "text", "text": "after"}]},
                  {"type": "codeBlock", "content": [{"type": "text", "text": "- not a list"}]}]}
                """));
    }

    @Test
    void linkInParenthesesOrBeforePunctuationEndsWhereTheAddressEnds() {
        assertThat(Adf.document("Logs (https://logs.acme.example/run?id=7), then http://x.example/a_b!")).isEqualTo(json("""
                {"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [
                  {"type": "text", "text": "Logs ("},
                  {"type": "text", "text": "https://logs.acme.example/run?id=7",
                   "marks": [{"type": "link", "attrs": {"href": "https://logs.acme.example/run?id=7"}}]},
                  {"type": "text", "text": "), then "},
                  {"type": "text", "text": "http://x.example/a_b",
                   "marks": [{"type": "link", "attrs": {"href": "http://x.example/a_b"}}]},
                  {"type": "text", "text": "!"}]}]}
                """));
    }

    @Test
    void emptyTextIsAnEmptyDocument() {
        assertThat(Adf.document("\n\n")).isEqualTo(json("{\"type\": \"doc\", \"version\": 1, \"content\": []}"));
        assertThat(Adf.document(null)).isEqualTo(json("{\"type\": \"doc\", \"version\": 1, \"content\": []}"));
    }

    @Test
    void documentWrittenByAPersonInJiraReadsAsPlainText() {
        JsonNode written = json("""
                {"type": "doc", "version": 1, "content": [
                  {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "Steps"}]},
                  {"type": "orderedList", "content": [
                    {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Log in as "},
                      {"type": "mention", "attrs": {"id": "5b10a2844c20165700ede21g", "text": "@Anna Schmidt"}}]}]},
                    {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Pay"}]}]}]},
                  {"type": "codeBlock", "content": [{"type": "text", "text": "HTTP 500"}]},
                  {"type": "paragraph", "content": [{"type": "text", "text": "Thanks"}, {"type": "hardBreak"},
                    {"type": "text", "text": "Max "}, {"type": "emoji", "attrs": {"shortName": ":smile:", "text": "😄"}}]}]}
                """);

        assertThat(Adf.plainText(written)).isEqualTo("Steps\n\n1. Log in as @Anna Schmidt\n2. Pay\n\nHTTP 500\n\nThanks\nMax 😄");
    }

    @Test
    void plainTextSurvivesTheRoundTrip() {
        String text = "Checkout fails.\n\n- Chrome\n- Firefox\n\nSee https://status.acme.example";

        assertThat(Adf.plainText(Adf.document(text))).isEqualTo(text);
    }

    @Test
    void jiraTextReadsCloudDocumentsAndDataCenterWikiText() {
        assertThat(JiraText.plain(Adf.document("One\n\nTwo"))).isEqualTo("One\n\nTwo");
        assertThat(JiraText.plain(TextNode.valueOf("h3. Wiki *text*"))).isEqualTo("h3. Wiki *text*");
        assertThat(JiraText.plain(null)).isNull();
    }
}
