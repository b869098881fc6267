package io.ticketsmith.safety;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Makes text safe to place into Jira (summaries, descriptions, comments): links only to allowed hosts, mentions
 * only of allowed people, and no wiki markup that embeds content or raw HTML. The text stays readable; what is
 * removed is the effect, not the words.
 */
@Component
public class JiraTextSanitizer {

    private static final Pattern WIKI_LINK = Pattern.compile("\\[([^\\[\\]|]*)\\|([^\\[\\]]+)]");
    private static final Pattern MENTION = Pattern.compile("\\[~(?:accountid:)?([^\\]]+)]");
    private static final Pattern EMBED = Pattern.compile("!([^!\\s][^!\\n]*)!");
    private static final Pattern MACRO = Pattern.compile("\\{(html|iframe|include|embed|widget)[^}]*}", Pattern.CASE_INSENSITIVE);
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|ftp|file|javascript|data)://[^\\s<>\"\\]|]+|\\b(?:javascript|data):[^\\s<>\"]+");

    private static final Pattern TRAILER = Pattern.compile("[.,;:!?)'\\]]+$");

    private final SafetyProperties properties;

    public JiraTextSanitizer(SafetyProperties properties) {
        this.properties = properties;
    }

    public String sanitize(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = MACRO.matcher(text).replaceAll(match -> Matcher.quoteReplacement("(" + match.group(1) + " macro removed)"));
        result = MENTION.matcher(result).replaceAll(match -> Matcher.quoteReplacement(mention(match.group(0), match.group(1))));
        result = WIKI_LINK.matcher(result).replaceAll(match -> Matcher.quoteReplacement(
                match.group(1).isBlank() ? match.group(2) : match.group(1) + " (" + match.group(2) + ")"));
        result = EMBED.matcher(result).replaceAll(match -> Matcher.quoteReplacement(
                URL.matcher(match.group(1)).find() || match.group(1).contains(".") ? "(embedded " + match.group(1) + ")" : match.group(0)));
        return URL.matcher(result).replaceAll(match -> Matcher.quoteReplacement(link(match.group())));
    }

    private String mention(String whole, String who) {
        return properties.allowedMentions().stream().anyMatch(allowed -> allowed.equalsIgnoreCase(who.trim()))
                ? whole : "@" + who.trim() + " (mention removed)";
    }

    private String link(String match) {
        // Sentence punctuation after an address belongs to the sentence.
        Matcher trailer = TRAILER.matcher(match);
        String address = trailer.find() ? match.substring(0, trailer.start()) : match;
        String rest = match.substring(address.length());
        return checkedLink(address) + rest;
    }

    private String checkedLink(String address) {
        String host = host(address);
        if (host != null && address.toLowerCase(Locale.ROOT).startsWith("http") && allowedHost(host)) {
            return address;
        }
        return defang(address);
    }

    private boolean allowedHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return properties.allowedLinkHosts().stream().map(allowed -> allowed.toLowerCase(Locale.ROOT))
                .anyMatch(allowed -> lower.equals(allowed) || lower.endsWith("." + allowed));
    }

    private static String host(String address) {
        try {
            return URI.create(address).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The usual defanging: readable for people, no longer a link for any renderer. */
    static String defang(String address) {
        return address.replaceFirst("(?i)^http", "hxxp").replaceFirst("(?i)^ftp", "fxp")
                .replaceFirst("(?i)^file", "fxle").replaceFirst("(?i)^javascript", "javascript-blocked")
                .replaceFirst("(?i)^data", "data-blocked").replace("://", "[://]").replace(".", "[.]");
    }
}
