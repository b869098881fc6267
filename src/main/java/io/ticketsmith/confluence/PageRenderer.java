package io.ticketsmith.confluence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of a {@code create_page} action into a page body in Confluence's storage format (XHTML). The text
 * comes from the LLM and is never trusted as markup: every character of it is escaped, so a {@code <script>} or an
 * {@code <ac:structured-macro>} in it shows as text. The only structure read from it is the light markdown the prompt
 * asks for: {@code ## Heading} lines, paragraphs separated by blank lines and {@code - } bullet lists.
 *
 * <p>The page shows the template's sections in the template's order, whatever order the text had; a section the text
 * leaves out shows "To be completed", so the gap is visible rather than silently missing. Sections the template does
 * not know follow, so nothing a reviewer approved is dropped. A header line links the Jira issue the page is about
 * and names the request, so a page read in Confluence leads back to both.
 */
public final class PageRenderer {

    static final String TO_BE_COMPLETED = "To be completed";

    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern BULLET = Pattern.compile("^\\s*[-*]\\s+(.*)$");
    // XML 1.0 allows neither these control characters nor unpaired surrogates: Confluence would refuse the page.
    private static final Pattern NOT_XML = Pattern.compile(
            "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]");

    private PageRenderer() {
    }

    /**
     * @param issueKey  the Jira issue the page is about, or null
     * @param issueUrl  where a person opens that issue, or null when there is no Jira to link to
     * @param requestId the request the page was written for
     */
    public static String storage(PageTemplate template, String body, String issueKey, String issueUrl,
            String requestId) {
        List<String> intro = new ArrayList<>();
        Map<String, Section> sections = new LinkedHashMap<>();
        List<String> current = intro;
        for (String line : clean(body).split("\n", -1)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches() && !heading.group(1).isBlank()) {
                String title = heading.group(1);
                current = sections.computeIfAbsent(key(title), k -> new Section(title, new ArrayList<>())).lines();
            } else {
                current.add(line);
            }
        }

        StringBuilder page = new StringBuilder();
        page.append(header(issueKey, issueUrl, requestId));
        page.append(blocks(intro));
        for (String heading : template.sections()) {
            Section section = sections.remove(key(heading));
            String content = section == null ? "" : blocks(section.lines());
            page.append("<h2>").append(escape(heading)).append("</h2>");
            page.append(content.isEmpty() ? "<p><em>" + TO_BE_COMPLETED + "</em></p>" : content);
        }
        for (Section extra : sections.values()) {
            page.append("<h2>").append(escape(extra.heading())).append("</h2>").append(blocks(extra.lines()));
        }
        return page.toString();
    }

    private record Section(String heading, List<String> lines) {
    }

    private static String header(String issueKey, String issueUrl, String requestId) {
        StringBuilder header = new StringBuilder("<p>");
        if (issueKey != null && !issueKey.isBlank()) {
            header.append("Jira issue: ");
            if (issueUrl != null && !issueUrl.isBlank()) {
                header.append("<a href=\"").append(escape(issueUrl)).append("\">").append(escape(issueKey))
                        .append("</a>");
            } else {
                header.append(escape(issueKey));
            }
            header.append(" · ");
        }
        return header.append("Ticketsmith request ").append(escape(requestId)).append("</p>").toString();
    }

    /** Paragraphs (lines kept as line breaks) and bullet lists; blank lines separate them. */
    private static String blocks(List<String> lines) {
        StringBuilder out = new StringBuilder();
        List<String> paragraph = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (String line : lines) {
            Matcher bullet = BULLET.matcher(line);
            if (line.isBlank()) {
                flush(out, paragraph, items);
            } else if (bullet.matches()) {
                flushParagraph(out, paragraph);
                items.add(bullet.group(1).strip());
            } else {
                flushList(out, items);
                paragraph.add(line.strip());
            }
        }
        flush(out, paragraph, items);
        return out.toString();
    }

    private static void flush(StringBuilder out, List<String> paragraph, List<String> items) {
        flushParagraph(out, paragraph);
        flushList(out, items);
    }

    private static void flushParagraph(StringBuilder out, List<String> paragraph) {
        if (!paragraph.isEmpty()) {
            out.append("<p>").append(String.join("<br />", paragraph.stream().map(PageRenderer::escape).toList()))
                    .append("</p>");
            paragraph.clear();
        }
    }

    private static void flushList(StringBuilder out, List<String> items) {
        if (!items.isEmpty()) {
            out.append("<ul>");
            items.forEach(item -> out.append("<li>").append(escape(item)).append("</li>"));
            out.append("</ul>");
            items.clear();
        }
    }

    private static String clean(String body) {
        String text = body == null ? "" : body.replace("\r\n", "\n").replace('\r', '\n');
        return NOT_XML.matcher(text).replaceAll("");
    }

    private static String key(String heading) {
        return heading.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : NOT_XML.matcher(text).replaceAll("").toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
