package io.ticketsmith.llm;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Shortens a provider's error text for exception messages, which end up in logs, job exception messages and
 * Cockpit incidents, and masks anything that looks like a credential, as providers echo keys back (OpenAI's 401
 * says "Incorrect API key provided: ...").
 */
final class ErrorExcerpt {

    static final int MAX_LENGTH = 200;
    private static final String MASK = "***";

    private static final Pattern[] SECRETS = {
        // OpenAI-style keys: sk-..., sk-proj-...
        Pattern.compile("\\bsk-[A-Za-z0-9_*-]{3,}"),
        Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+"),
        Pattern.compile("(?i)(api[ _-]?key( provided)?\\s*[:=]\\s*)[^\\s,;\"']+"),
        Pattern.compile("(?i)((?:key|token|secret|password)=)[^&\\s\"']+"),
        // user:password@ in a URL, e.g. a base URL of a proxy in front of Ollama
        Pattern.compile("(//)[^/\\s:@]+:[^/\\s@]+(?=@)"),
    };

    private ErrorExcerpt() {
    }

    static String of(String text, Collection<String> knownSecrets) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String masked = text.strip().replaceAll("\\s+", " ");
        for (String secret : knownSecrets) {
            if (secret != null && secret.length() >= 4) {
                masked = masked.replace(secret, MASK);
            }
        }
        for (Pattern pattern : SECRETS) {
            masked = pattern.matcher(masked).replaceAll(match -> match.groupCount() > 0 && match.group(1) != null
                    ? java.util.regex.Matcher.quoteReplacement(match.group(1)) + MASK
                    : MASK);
        }
        return masked.length() <= MAX_LENGTH ? masked : masked.substring(0, MAX_LENGTH) + "…";
    }
}
