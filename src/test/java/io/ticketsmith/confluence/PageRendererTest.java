package io.ticketsmith.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class PageRendererTest {

    private static final String ISSUE_URL = "https://acme.atlassian.net/browse/WEB-7";

    @Test
    void sectionsFollowTheTemplateOrderWhateverOrderTheTextHas() {
        String storage = PageRenderer.storage(PageTemplate.POST_MORTEM, """
                ## Root cause
                An expired certificate on the payment gateway.

                ## Summary
                Card payments failed for 40 minutes.
                """, "WEB-7", ISSUE_URL, "req-1");

        assertThat(headings(storage)).containsExactly("Summary", "Impact", "Timeline", "Root cause", "Resolution",
                "Action items");
        assertThat(storage).contains("<h2>Summary</h2><p>Card payments failed for 40 minutes.</p><h2>Impact</h2>")
                .contains("<h2>Root cause</h2><p>An expired certificate on the payment gateway.</p>");
    }

    @Test
    void sectionsTheTextLeavesOutSayToBeCompleted() {
        String storage = PageRenderer.storage(PageTemplate.TICKET_SUMMARY, "## Problem\nLogin fails.", null, null,
                "req-1");

        assertThat(storage).contains("<h2>Analysis</h2><p><em>To be completed</em></p>")
                .contains("<h2>Resolution</h2><p><em>To be completed</em></p>")
                .contains("<h2>Next steps</h2><p><em>To be completed</em></p>")
                .doesNotContain("<h2>Problem</h2><p><em>To be completed");
    }

    @Test
    void headerLinksTheJiraIssueAndNamesTheRequest() {
        String storage = PageRenderer.storage(PageTemplate.TICKET_SUMMARY, "## Problem\nLogin fails.", "WEB-7",
                ISSUE_URL, "req-1");

        assertThat(storage).startsWith("<p>Jira issue: <a href=\"" + ISSUE_URL + "\">WEB-7</a> · Ticketsmith request "
                + "req-1</p>");
    }

    @Test
    void headerNamesTheIssueWithoutALinkWhenThereIsNoJiraToLinkTo() {
        String storage = PageRenderer.storage(PageTemplate.TICKET_SUMMARY, "", "WEB-7", null, "req-1");

        assertThat(storage).startsWith("<p>Jira issue: WEB-7 · Ticketsmith request req-1</p>").doesNotContain("<a ");
    }

    @Test
    void paragraphsKeepTheirLinesAndDashLinesBecomeLists() {
        String storage = PageRenderer.storage(PageTemplate.POST_MORTEM, """
                ## Action items
                Owners agreed on:
                - renew certificates automatically
                * alert 14 days before expiry

                Reviewed on Monday
                by the on-call team.
                """, null, null, "req-1");

        assertThat(storage).contains("<h2>Action items</h2><p>Owners agreed on:</p><ul><li>renew certificates "
                + "automatically</li><li>alert 14 days before expiry</li></ul><p>Reviewed on Monday<br />by the "
                + "on-call team.</p>");
    }

    @Test
    void headingsMatchTheTemplateWhateverTheirCaseAndSectionsItDoesNotKnowFollowIt() {
        String storage = PageRenderer.storage(PageTemplate.TICKET_SUMMARY, """
                ## Glossary
                SSO: single sign-on.
                ## next STEPS
                Ship the fix.
                """, null, null, "req-1");

        assertThat(headings(storage)).containsExactly("Problem", "Analysis", "Resolution", "Next steps", "Glossary");
        assertThat(storage).contains("<h2>Next steps</h2><p>Ship the fix.</p>")
                .endsWith("<h2>Glossary</h2><p>SSO: single sign-on.</p>");
    }

    @Test
    void markupInTheTextComesOutAsTextNeverAsMarkup() throws Exception {
        String hostile = """
                ## Summary
                <script>alert(document.cookie)</script>
                <ac:structured-macro ac:name="html"><ac:plain-text-body><![CDATA[<iframe src="https://evil.example">]]></ac:plain-text-body></ac:structured-macro>
                - <a href="javascript:alert(1)">click</a> & "quotes" 'too'
                ## <b>Impact</b>
                ]]> &amp; &nbsp;\u0000\u001b
                """;

        String storage = PageRenderer.storage(PageTemplate.POST_MORTEM, hostile, "WEB-7", ISSUE_URL, "req-<1>");

        assertThat(storage).doesNotContain("<script").doesNotContain("<ac:").doesNotContain("<![CDATA[")
                .doesNotContain("<iframe").doesNotContain("<a href=\"javascript").doesNotContain("<b>")
                .contains("&lt;script&gt;alert(document.cookie)&lt;/script&gt;")
                .contains("&lt;ac:structured-macro ac:name=&quot;html&quot;&gt;")
                .contains("<li>&lt;a href=&quot;javascript:alert(1)&quot;&gt;click&lt;/a&gt; &amp; &quot;quotes&quot; "
                        + "&#39;too&#39;</li>")
                .contains("<h2>&lt;b&gt;Impact&lt;/b&gt;</h2>")
                .contains("]]&gt; &amp;amp; &amp;nbsp;")
                .contains("Ticketsmith request req-&lt;1&gt;");
        // Well-formed XML whose only elements are the renderer's own: the text added none.
        assertThat(elements(storage)).containsOnly("root", "p", "a", "br", "h2", "ul", "li", "em");
    }

    @Test
    void emptyTextGivesEverySectionToBeCompleted() {
        String storage = PageRenderer.storage(PageTemplate.POST_MORTEM, null, null, null, "req-1");

        assertThat(storage).startsWith("<p>Ticketsmith request req-1</p>");
        assertThat(storage.split("To be completed", -1)).hasSize(PageTemplate.POST_MORTEM.sections().size() + 1);
    }

    @Test
    void templatesAreKnownByTheNamesActionsUse() {
        assertThat(PageTemplate.names()).containsExactly("post-mortem", "ticket-summary");
        assertThat(PageTemplate.named("ticket-summary")).contains(PageTemplate.TICKET_SUMMARY);
        assertThat(PageTemplate.named("runbook")).isEmpty();
    }

    private static List<String> headings(String storage) {
        List<String> headings = new ArrayList<>();
        NodeList h2 = parse(storage).getElementsByTagName("h2");
        for (int i = 0; i < h2.getLength(); i++) {
            headings.add(h2.item(i).getTextContent());
        }
        return headings;
    }

    private static List<String> elements(String storage) {
        List<String> names = new ArrayList<>();
        NodeList all = parse(storage).getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            names.add(((Element) all.item(i)).getTagName());
        }
        return names;
    }

    private static Document parse(String storage) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader("<root>" + storage + "</root>")));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + storage, e);
        }
    }
}
