package io.ticketsmith.safety;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The heuristics of {@link InjectionScreen}, read from a rules file so they can be tuned without code
 * changes. The file format is described at the top of {@code safety/injection-patterns.txt}.
 */
final class InjectionRules {

    /** Which form of the text a rule is matched against; see {@link InjectionText}. */
    enum View { TEXT, RAW, SQUASHED }

    record Rule(String signal, double weight, View view, Pattern pattern) {
    }

    static final String DECODED_MARKER = "@decoded";

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
            | Pattern.UNICODE_CHARACTER_CLASS | Pattern.MULTILINE;
    private static final Pattern SIGNAL_NAME = Pattern.compile("[a-z][a-z_]*");
    private static final Pattern UNBOUNDED_COUNT = Pattern.compile("\\{\\d+,\\}");

    private static final Pattern REGEX_ESCAPE = Pattern.compile("\\\\[a-zA-Z]");
    private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");

    private final List<Rule> rules;
    private final String decodedSignal;
    private final double decodedWeight;
    private final Set<String> vocabulary;

    private InjectionRules(List<Rule> rules, String decodedSignal, double decodedWeight) {
        this.rules = List.copyOf(rules);
        this.decodedSignal = decodedSignal;
        this.decodedWeight = decodedWeight;
        this.vocabulary = vocabulary(rules);
    }

    List<Rule> rules() {
        return rules;
    }

    /** The words the rules are written with ("ignore", "rules", "all", ...), lower case. */
    Set<String> vocabulary() {
        return vocabulary;
    }

    private static Set<String> vocabulary(List<Rule> rules) {
        Set<String> words = new HashSet<>();
        for (Rule rule : rules) {
            String source = REGEX_ESCAPE.matcher(rule.pattern().pattern()).replaceAll(" ");
            Matcher matcher = WORD.matcher(source);
            while (matcher.find()) {
                words.add(matcher.group().toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(words);
    }

    /** Signal reported when an encoded part of the text decodes to an injection, or null if the file has none. */
    String decodedSignal() {
        return decodedSignal;
    }

    double decodedWeight() {
        return decodedWeight;
    }

    static InjectionRules fromClasspath(String resource) {
        InputStream in = InjectionRules.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Injection rules not found on the classpath: " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(resource, reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read injection rules " + resource, e);
        }
    }

    /** Fails on the first malformed line, naming it, so a bad edit stops the application at startup. */
    static InjectionRules parse(String source, List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        String decodedSignal = null;
        double decodedWeight = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1);
            String[] parts = line.split("\\s+", 3);
            if (parts.length < 3) {
                throw new IllegalStateException(where + ": expected '<signal> <weight> <pattern>'");
            }
            String signal = parts[0];
            if (!SIGNAL_NAME.matcher(signal).matches()) {
                throw new IllegalStateException(where + ": signal name must be lower case letters and '_': " + signal);
            }
            double weight = parseWeight(where, parts[1]);
            String pattern = parts[2];
            if (pattern.equals(DECODED_MARKER)) {
                decodedSignal = signal;
                decodedWeight = weight;
                continue;
            }
            View view = View.TEXT;
            if (pattern.startsWith("raw:")) {
                view = View.RAW;
                pattern = pattern.substring("raw:".length());
            } else if (pattern.startsWith("squashed:")) {
                view = View.SQUASHED;
                pattern = pattern.substring("squashed:".length());
            }
            String unbounded = unboundedRepetition(pattern, view != View.RAW);
            if (unbounded != null) {
                throw new IllegalStateException(where + ": unbounded repetition of " + unbounded + "; bound it, e.g."
                        + " \\w{0,12} instead of \\w*, because the input is adversarial and Java regular expressions"
                        + " backtrack (quadratic time) and recurse (stack overflow) on long runs");
            }
            try {
                rules.add(new Rule(signal, weight, view, Pattern.compile(pattern, FLAGS)));
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException(where + ": invalid pattern: " + e.getDescription(), e);
            }
        }
        if (rules.isEmpty()) {
            throw new IllegalStateException(source + " contains no rules");
        }
        return new InjectionRules(rules, decodedSignal, decodedWeight);
    }

    /**
     * The atom a pattern repeats without bound ({@code *}, {@code +}, {@code {n,}}), or null. Whitespace may
     * repeat freely where the text's whitespace is collapsed to one character.
     */
    static String unboundedRepetition(String pattern, boolean whitespaceCollapsed) {
        String atom = null;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int next;
            if (c == '\\') {
                next = escapeEnd(pattern, i);
                atom = pattern.substring(i, next);
            } else if (c == '[') {
                next = classEnd(pattern, i);
                atom = pattern.substring(i, next);
            } else if (c == '*' || c == '+') {
                boolean whitespace = "\\s".equals(atom) || " ".equals(atom);
                if (atom != null && !(whitespace && whitespaceCollapsed)) {
                    return atom + c;
                }
                next = i + 1;
                atom = null;
            } else if (c == '{') {
                next = pattern.indexOf('}', i) + 1;
                if (next == 0) {
                    next = pattern.length();
                }
                if (UNBOUNDED_COUNT.matcher(pattern.substring(i, next)).matches()) {
                    return atom + pattern.substring(i, next);
                }
                atom = null;
            } else if (c == ')') {
                next = i + 1;
                atom = "(...)";
            } else if (c == '?' || c == '(' || c == '|') {
                // '?' after a quantifier makes it lazy; "(?:" and "(?<!" open groups; none is an atom to repeat.
                next = i + 1;
                atom = c == '?' && atom != null ? atom : null;
            } else {
                next = i + 1;
                atom = String.valueOf(c);
            }
            i = next;
        }
        return null;
    }

    private static int escapeEnd(String pattern, int backslash) {
        int i = backslash + 1;
        if (i >= pattern.length()) {
            return pattern.length();
        }
        char c = pattern.charAt(i);
        if ((c == 'p' || c == 'P' || c == 'x') && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
            return pattern.indexOf('}', i) + 1;
        }
        if (c == 'u') {
            return Math.min(pattern.length(), i + 5);
        }
        return i + 1;
    }

    private static int classEnd(String pattern, int open) {
        int i = open + 1;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++;
        }
        while (i < pattern.length() && pattern.charAt(i) != ']') {
            i += pattern.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(pattern.length(), i + 1);
    }

    private static double parseWeight(String where, String text) {
        try {
            double weight = Double.parseDouble(text);
            if (weight > 0 && weight <= 1) {
                return weight;
            }
        } catch (NumberFormatException e) {
            // reported below with the line
        }
        throw new IllegalStateException(where + ": weight must be a number in (0, 1]: " + text);
    }
}
