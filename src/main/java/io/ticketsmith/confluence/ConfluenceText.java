package io.ticketsmith.confluence;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Confluence's storage format (XHTML with {@code ac:} macros and HTML entities, not always well-formed XML) as plain
 * text: block elements end lines, macro parameters (a code block's language, a panel's colour) are dropped, a code
 * block's body is kept.
 */
public final class ConfluenceText {

    private static final String BLOCKS = "p, div, br, li, tr, h1, h2, h3, h4, h5, h6, pre, blockquote, table, ul, ol, "
            + "ac|structured-macro, ac|task";

    private ConfluenceText() {
    }

    public static String plain(String storage) {
        if (storage == null || storage.isBlank()) {
            return "";
        }
        // The HTML parser reads entities such as &nbsp; that an XML parser refuses; namespaced tags stay as tags.
        Document document = Jsoup.parseBodyFragment(storage);
        document.select("ac|parameter, ri|user, ac|placeholder").remove();
        for (Element block : document.select(BLOCKS)) {
            block.appendText("\n");
        }
        document.outputSettings().prettyPrint(false);
        String text = Parser.unescapeEntities(document.body().wholeText(), false);
        return text.replace('\u00a0', ' ')
                .replaceAll("[ \\t\\x0B\\f\\r]+", " ")
                .replaceAll(" *\\n *", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }
}
