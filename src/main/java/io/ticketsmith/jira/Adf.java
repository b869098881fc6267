package io.ticketsmith.jira;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Atlassian Document Format, the only rich-text format Jira Cloud's REST v3 accepts for descriptions and comments.
 * Our texts are plain text with light markdown (from the LLM or a reviewer), so only what such text uses is
 * converted: paragraphs, bullet and numbered lists, fenced code blocks and bare links. Anything else stays text,
 * which Jira shows as typed rather than rejecting the document.
 */
final class Adf {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Pattern FENCE_OPEN = Pattern.compile("^\\s*```\\s*([\\w+#.-]*)\\s*$");
    private static final Pattern FENCE_CLOSE = Pattern.compile("^\\s*```\\s*$");
    private static final Pattern BULLET = Pattern.compile("^\\s*[-*]\\s+(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^\\s*(\\d{1,9})[.)]\\s+(.*)$");
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");
    // Sentence punctuation after a link belongs to the sentence, not to the address.
    private static final Pattern LINK_TRAILER = Pattern.compile("[.,;:!?'\\]]+$");

    private static final Set<String> BLOCKS = Set.of("paragraph", "heading", "codeBlock", "blockquote", "panel",
            "rule", "table", "mediaSingle", "mediaGroup", "expand", "nestedExpand", "decisionList", "taskList");

    private Adf() {
    }

    /** The text as an ADF document. */
    static ObjectNode document(String text) {
        ObjectNode doc = NODES.objectNode().put("type", "doc").put("version", 1);
        ArrayNode content = doc.putArray("content");
        List<String> lines = text == null ? List.of() : text.lines().toList();
        int index = 0;
        while (index < lines.size()) {
            String line = lines.get(index);
            Matcher fence = FENCE_OPEN.matcher(line);
            if (line.isBlank()) {
                index++;
            } else if (fence.matches()) {
                index = codeBlock(lines, index + 1, fence.group(1), content);
            } else if (BULLET.matcher(line).matches()) {
                index = list(lines, index, BULLET, 1, content.addObject().put("type", "bulletList"));
            } else if (NUMBERED.matcher(line).matches()) {
                index = numberedList(lines, index, content);
            } else {
                index = paragraph(lines, index, content);
            }
        }
        return doc;
    }

    /** The document as plain text, for triage: blocks separated by a blank line, list items on their own lines. */
    static String plainText(JsonNode document) {
        if (document == null || document.isNull() || document.isMissingNode()) {
            return null;
        }
        if (document.isTextual()) {
            return document.asText();
        }
        StringBuilder out = new StringBuilder();
        flatten(document, out);
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static int codeBlock(List<String> lines, int start, String language, ArrayNode content) {
        ObjectNode block = content.addObject().put("type", "codeBlock");
        if (!language.isEmpty()) {
            block.putObject("attrs").put("language", language);
        }
        int end = start;
        // An unclosed fence runs to the end, as in markdown.
        while (end < lines.size() && !FENCE_CLOSE.matcher(lines.get(end)).matches()) {
            end++;
        }
        String code = String.join("\n", lines.subList(start, end));
        ArrayNode codeContent = block.putArray("content");
        if (!code.isEmpty()) {
            codeContent.addObject().put("type", "text").put("text", code);
        }
        return end + 1;
    }

    private static int numberedList(List<String> lines, int start, ArrayNode content) {
        Matcher first = NUMBERED.matcher(lines.get(start));
        first.matches();
        ObjectNode list = content.addObject().put("type", "orderedList");
        int order = Integer.parseInt(first.group(1));
        if (order != 1) {
            list.putObject("attrs").put("order", order);
        }
        return list(lines, start, NUMBERED, 2, list);
    }

    /** Consecutive items; an indented line that starts no item continues the item before it. */
    private static int list(List<String> lines, int start, Pattern item, int textGroup, ObjectNode list) {
        ArrayNode items = list.putArray("content");
        ArrayNode inline = null;
        int index = start;
        while (index < lines.size()) {
            String line = lines.get(index);
            Matcher matcher = item.matcher(line);
            if (matcher.matches()) {
                ObjectNode paragraph = items.addObject().put("type", "listItem").putArray("content").addObject()
                        .put("type", "paragraph");
                inline = paragraph.putArray("content");
                inline(matcher.group(textGroup), inline);
            } else if (!line.isBlank() && Character.isWhitespace(line.charAt(0)) && startsNothing(line)) {
                inline.addObject().put("type", "hardBreak");
                inline(line.strip(), inline);
            } else {
                break;
            }
            index++;
        }
        return index;
    }

    private static int paragraph(List<String> lines, int start, ArrayNode content) {
        ArrayNode inline = content.addObject().put("type", "paragraph").putArray("content");
        int index = start;
        while (index < lines.size() && !lines.get(index).isBlank() && (index == start || startsNothing(lines.get(index)))) {
            // A line break in a ticket is usually meant (addresses, steps, signatures), so it stays one.
            if (index > start) {
                inline.addObject().put("type", "hardBreak");
            }
            inline(lines.get(index), inline);
            index++;
        }
        return index;
    }

    private static boolean startsNothing(String line) {
        return !FENCE_OPEN.matcher(line).matches() && !BULLET.matcher(line).matches()
                && !NUMBERED.matcher(line).matches();
    }

    /** Text nodes, with bare http(s) addresses as links. ADF forbids empty text nodes, so none are written. */
    private static void inline(String text, ArrayNode into) {
        Matcher link = LINK.matcher(text);
        int written = 0;
        while (link.find()) {
            String address = LINK_TRAILER.matcher(link.group()).replaceFirst("");
            if (address.endsWith(")") && !address.contains("(")) {
                address = address.substring(0, address.length() - 1);
            }
            text(text.substring(written, link.start()), into);
            ObjectNode node = into.addObject().put("type", "text").put("text", address);
            node.putArray("marks").addObject().put("type", "link").putObject("attrs").put("href", address);
            written = link.start() + address.length();
        }
        text(text.substring(written), into);
    }

    private static void text(String text, ArrayNode into) {
        if (!text.isEmpty()) {
            into.addObject().put("type", "text").put("text", text);
        }
    }

    private static void flatten(JsonNode node, StringBuilder out) {
        String type = node.path("type").asText();
        JsonNode attrs = node.path("attrs");
        switch (type) {
            case "text" -> out.append(node.path("text").asText());
            case "hardBreak" -> out.append('\n');
            case "mention", "emoji", "status", "date" -> out.append(attrs.path("text").asText(attrs.path("shortName").asText()));
            case "inlineCard", "blockCard", "embedCard" -> out.append(attrs.path("url").asText());
            case "bulletList", "orderedList" -> {
                int number = attrs.path("order").asInt(1);
                for (JsonNode item : node.path("content")) {
                    out.append("bulletList".equals(type) ? "- " : (number++) + ". ");
                    StringBuilder itemText = new StringBuilder();
                    item.path("content").forEach(child -> flatten(child, itemText));
                    out.append(itemText.toString().strip().replace("\n\n", "\n")).append('\n');
                }
                out.append('\n');
            }
            default -> {
                node.path("content").forEach(child -> flatten(child, out));
                if (BLOCKS.contains(type)) {
                    out.append("\n\n");
                }
            }
        }
    }
}
