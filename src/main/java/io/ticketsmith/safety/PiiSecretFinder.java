package io.ticketsmith.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ticketsmith.safety.PiiRedactor.Finding;

/**
 * Finds credentials: the value of a {@code password=}, {@code api_key:}, {@code token=} or similar setting, of an
 * {@code Authorization} header or a {@code Bearer} token, the password in a URL, private key blocks, and keys with
 * a well-known shape ({@code sk-...}, {@code ghp_...}, {@code xoxb-...}, {@code AKIA...}, JWTs). Only the value is
 * a finding, so the redacted text still says which setting it was: {@code password=[SECRET_1]}.
 */
final class PiiSecretFinder {

    /** "is", "ist", "lautet", optionally with a filler: "is now", "lautet übrigens". */
    private static final String IS = "[ \\t]+(?:is|ist|lautet|was|war)(?:[ \\t]+(?:now|still|currently|actually|jetzt"
            + "|noch|aktuell|übrigens|derzeit))?[ \\t]*:?[ \\t]+";
    /** Quoted, or up to the next blank, quote, comma, semicolon or angle bracket. */
    private static final String VALUE =
            "(?:\"(?<dq>[^\"\\n]{1,200})\"|'(?<sq>[^'\\n]{1,200})'|(?<plain>[^\\s\"',;<>]+))";
    private static final String KEY_NAME = "(?:password|passwort|passwd|passphrase|kennwort|pwd"
            + "|client[_-]?secret|secret[_-]?access[_-]?key|secret[_-]?key|secret|api[_-]?key|apikey"
            + "|access[_-]?key|(?:access|refresh|auth|id|session|csrf|bearer|api)[_-]?token|token"
            + "|session(?:[_-]?id)?|jsessionid|phpsessid)";

    /**
     * A key like {@code DB_PASSWORD}, {@code spring.datasource.password} or {@code "client_secret"}, a separator
     * ({@code =}, {@code :}, "is", "lautet") and the value.
     */
    private static final Pattern KEY_VALUE = Pattern.compile("(?i)(?<![\\w.-])(?<key>(?:[a-z0-9]+[_.-]){0,8}" + KEY_NAME
            + ")(?<sep>[\"']?[ \\t]*(?:=>|:=|=|:)[ \\t]*|" + IS + ")" + VALUE);

    /** "the password for the staging DB is ...", "das Passwort für die Staging-DB ist ...". */
    private static final Pattern KEY_IN_SENTENCE = Pattern.compile("(?i)(?<![\\w.-])(?<key>" + KEY_NAME
            + ")(?<sep>[ \\t][^.\\n:=\"']{1,40}?" + IS + ")" + VALUE);

    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)(?<![\\w-])(?:authorization[ \\t]*[:=][ \\t]*"
            + "(?:bearer|basic|token|digest|apikey)?[ \\t]*|bearer[ \\t]+)([A-Za-z0-9._~+/=-]{8,})");

    /** The password in {@code scheme://user:password@host}; people write an unescaped "@" in it, the host has none. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(?<=://)[^/\\s:@]+:([^/\\s]+)@[^/\\s@]+");

    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----\\s*([A-Za-z0-9+/=\\s:,-]+?)\\s*-----END \\1PRIVATE KEY-----");

    private static final Pattern KNOWN_SHAPES = Pattern.compile("(?<![\\w-])(?:"
            + "sk-(?:proj-|live-|test-)?[A-Za-z0-9_-]{20,}"
            + "|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}"
            + "|gh[pousr]_[A-Za-z0-9]{30,}"
            + "|github_pat_[A-Za-z0-9_]{30,}"
            + "|xox[abprse]-[A-Za-z0-9-]{10,}"
            + "|(?:AKIA|ASIA)[0-9A-Z]{16}"
            + "|AIza[0-9A-Za-z_-]{35}"
            + "|glpat-[A-Za-z0-9_-]{20,}"
            + "|eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"
            + ")(?![\\w-])");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z]+_\\d+]");
    private static final Pattern MASKED = Pattern.compile("[*xX•.#?_-]{3,}|\\$\\{[^}]*}|\\$[A-Z_][A-Z0-9_]*"
            + "|%[A-Z_]+%|<[^>]*>|\\{\\{[^}]*}}|\\(?(?:hidden|redacted|masked|removed|entfernt|geschwärzt)\\)?");
    /** "PWD=/home/app" in an environment dump is the working directory. */
    private static final Pattern PATH = Pattern.compile("(?:/|~/|[A-Za-z]:\\\\)[\\w./\\\\-]*");
    private static final Set<String> NOT_A_VALUE = Set.of("null", "none", "nil", "empty", "undefined", "true",
            "false", "n/a", "na", "leer", "keins", "keine", "required", "optional", "missing", "invalid",
            "expired", "abgelaufen", "ungültig", "falsch", "wrong", "incorrect");

    private PiiSecretFinder() {
    }

    static List<Finding> find(String text) {
        List<Finding> found = new ArrayList<>();
        Matcher block = PRIVATE_KEY.matcher(text);
        while (block.find()) {
            found.add(finding(text, block.start(2), block.end(2)));
        }
        keyValues(text, KEY_VALUE, found);
        keyValues(text, KEY_IN_SENTENCE, found);
        Matcher authorization = AUTHORIZATION.matcher(text);
        while (authorization.find()) {
            String token = authorization.group(1);
            if (token.length() >= 20 || token.chars().anyMatch(Character::isDigit)) {
                found.add(finding(text, authorization.start(1), authorization.end(1)));
            }
        }
        Matcher url = URL_PASSWORD.matcher(text);
        while (url.find()) {
            if (isValue(url.group(1))) {
                found.add(finding(text, url.start(1), url.end(1)));
            }
        }
        Matcher shape = KNOWN_SHAPES.matcher(text);
        while (shape.find()) {
            found.add(finding(text, shape.start(), shape.end()));
        }
        return found;
    }

    private static void keyValues(String text, Pattern pattern, List<Finding> found) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            boolean quoted = matcher.group("plain") == null;
            String group = quoted ? (matcher.group("dq") != null ? "dq" : "sq") : "plain";
            int start = matcher.start(group);
            int end = quoted ? matcher.end(group)
                    : trimTrailingPunctuation(text, start, endOfValue(text, matcher, group));
            String value = text.substring(start, end);
            if (!isValue(value)) {
                continue;
            }
            if (!quoted && !isStrictSeparator(text, matcher) && !looksLikeSecret(value)) {
                continue;
            }
            found.add(finding(text, start, end));
        }
    }

    /**
     * {@code password=x}, {@code password:x}, JSON and configuration lines leave no doubt that a value follows.
     * After "Password: " in prose or "my password is" it may be a plain word ("the password: it expired", "my
     * password is wrong"), so there the value has to look like a password.
     */
    private static boolean isStrictSeparator(String text, Matcher matcher) {
        String separator = matcher.group("sep");
        if (separator.contains("=") || separator.endsWith(":")) {
            return true;
        }
        String key = matcher.group("key");
        boolean configurationKey = key.equals(key.toLowerCase(Locale.ROOT)) || key.matches(".*[_.-].*");
        return configurationKey && separator.contains(":") && startsLine(text, matcher.start("key"));
    }

    private static boolean startsLine(String text, int index) {
        for (int i = index - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c) && c != '"' && c != '\'' && c != '-') {
                return text.startsWith("export ", i - "export".length() + 1);
            }
        }
        return true;
    }

    /** At least six characters with a digit, a symbol or a capital inside: "Sommer2024!", not "expired". */
    private static boolean looksLikeSecret(String value) {
        if (value.length() < 6) {
            return false;
        }
        boolean digit = value.chars().anyMatch(Character::isDigit);
        boolean symbol = value.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
        boolean innerCapital = value.substring(1).chars().anyMatch(Character::isUpperCase);
        return digit || symbol || innerCapital;
    }

    /** Not a credential: a placeholder from an earlier redaction, a masked value, a reference or a plain word. */
    private static boolean isValue(String value) {
        return value.length() >= 3 && !PLACEHOLDER.matcher(value).matches() && !MASKED.matcher(value).matches()
                && !PATH.matcher(value).matches() && !NOT_A_VALUE.contains(value.toLowerCase(Locale.ROOT));
    }

    /** In a URL query ("?user=x&token=abc&page=2") the next parameter starts at "&"; elsewhere "&" is a character. */
    private static int endOfValue(String text, Matcher matcher, String group) {
        int keyStart = matcher.start("key");
        boolean query = keyStart > 0 && (text.charAt(keyStart - 1) == '?' || text.charAt(keyStart - 1) == '&');
        int ampersand = text.indexOf('&', matcher.start(group));
        return query && ampersand >= 0 && ampersand < matcher.end(group) ? ampersand : matcher.end(group);
    }

    /** A sentence may end right after the value: "pwd=abc123." keeps its full stop. */
    private static int trimTrailingPunctuation(String text, int start, int end) {
        int trimmed = end;
        while (trimmed > start + 1 && ".,;:)]}".indexOf(text.charAt(trimmed - 1)) >= 0) {
            char c = text.charAt(trimmed - 1);
            if ((c == ')' && text.substring(start, trimmed).contains("("))
                    || (c == ']' && text.substring(start, trimmed).contains("["))
                    || (c == '}' && text.substring(start, trimmed).contains("{"))) {
                break;
            }
            trimmed--;
        }
        return trimmed;
    }

    private static Finding finding(String text, int start, int end) {
        return new Finding(PiiType.SECRET, start, end, text.substring(start, end));
    }
}
