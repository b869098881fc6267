package io.ticketsmith.confluence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;

/**
 * The page templates a {@code create_page} action may name. Each template's sections, in page order, are the
 * lines of {@code confluence/templates/<name>.txt}, so the wording of a heading is changed there, not in code.
 */
public enum PageTemplate {
    POST_MORTEM("post-mortem"),
    TICKET_SUMMARY("ticket-summary");

    private final String templateName;
    private final List<String> sections;

    PageTemplate(String templateName) {
        this.templateName = templateName;
        this.sections = read("confluence/templates/" + templateName + ".txt");
    }

    /** The name in an action's {@code template} field. */
    public String templateName() {
        return templateName;
    }

    /** The headings of the page's sections, in the order the page shows them. */
    public List<String> sections() {
        return sections;
    }

    public static Optional<PageTemplate> named(String name) {
        return Arrays.stream(values()).filter(template -> template.templateName.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(PageTemplate::templateName).toList();
    }

    private static List<String> read(String resource) {
        try {
            List<String> sections = new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
            if (sections.isEmpty()) {
                throw new IllegalStateException("The page template " + resource + " names no section");
            }
            return sections;
        } catch (IOException e) {
            throw new UncheckedIOException("The page template " + resource + " is missing from the classpath", e);
        }
    }
}
