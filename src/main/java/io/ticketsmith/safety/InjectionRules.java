package io.ticketsmith.safety;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /**
     * @param pattern  the rule's regular expression; compiled without {@code CASE_INSENSITIVE} where that cannot
     *                 change a match (see {@link InjectionLiterals})
     * @param required groups of indexes into {@link #literals()}: a text that lacks every string of one group
     *                 cannot match the pattern, so it is not matched against it; empty if nothing is known. The
     *                 RAW view is looked up in its case fold, since its rules may match case-insensitively.
     */
    record Rule(String signal, double weight, View view, Pattern pattern, int[][] required) {
    }

    static final String DECODED_MARKER = "@decoded";

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
            | Pattern.UNICODE_CHARACTER_CLASS | Pattern.MULTILINE;
    private static final Pattern SIGNAL_NAME = Pattern.compile("[a-z][a-z_]*");
    private static final Pattern UNBOUNDED_COUNT = Pattern.compile("\\{\\d+,\\}");

    private static final Pattern REGEX_ESCAPE = Pattern.compile("\\\\[a-zA-Z]");
    private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");

    private final List<Rule> rules;
    private final List<String> literals;
    private final InjectionLiteralFinder literalFinder;
    private final String decodedSignal;
    private final double decodedWeight;
    private final Set<String> vocabulary;

    private InjectionRules(List<Rule> rules, List<String> literals, String decodedSignal, double decodedWeight) {
        this.rules = List.copyOf(rules);
        this.literals = List.copyOf(literals);
        this.literalFinder = new InjectionLiteralFinder(this.literals);
        this.decodedSignal = decodedSignal;
        this.decodedWeight = decodedWeight;
        this.vocabulary = vocabulary(rules);
    }

    List<Rule> rules() {
        return rules;
    }

    /** The strings that {@link Rule#required()} refers to, each once. */
    List<String> literals() {
        return literals;
    }

    /** Finds which of {@link #literals()} a text contains. */
    InjectionLiteralFinder literalFinder() {
        return literalFinder;
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
        return parse(resource, lines(resource));
    }

    /** The lines of a rules file on the classpath. */
    static List<String> lines(String resource) {
        InputStream in = InjectionRules.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Injection rules not found on the classpath: " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read injection rules " + resource, e);
        }
    }

    /** Fails on the first malformed line, naming it, so a bad edit stops the application at startup. */
    static InjectionRules parse(String source, List<String> lines) {
        return parse(source, lines, true);
    }

    /**
     * The rules exactly as written: every pattern case-insensitive and matched against every text. Gives the same
     * results as {@link #parse}, only slower; tests compare the two.
     */
    static InjectionRules parseAsWritten(String source, List<String> lines) {
        return parse(source, lines, false);
    }

    private static InjectionRules parse(String source, List<String> lines, boolean shortcuts) {
        List<Rule> rules = new ArrayList<>();
        Map<String, Integer> literals = new LinkedHashMap<>();
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
                Pattern compiled = Pattern.compile(pattern, FLAGS);
                InjectionLiterals.Facts facts = shortcuts ? InjectionLiterals.analyse(pattern) : null;
                int[][] required = new int[0][];
                if (facts != null && facts.caseFolded()) {
                    required = literalIndexes(facts.required(), literals);
                    // No case folding where it cannot change a match: TEXT and SQUASHED are lower case already,
                    // and a caseless pattern has no letters to fold.
                    if (facts.caseless() || view != View.RAW) {
                        compiled = Pattern.compile(pattern, FLAGS & ~Pattern.CASE_INSENSITIVE);
                    }
                }
                rules.add(new Rule(signal, weight, view, compiled, required));
            } catch (PatternSyntaxException e) {
                throw new IllegalStateException(where + ": invalid pattern: " + e.getDescription(), e);
            }
        }
        if (rules.isEmpty()) {
            throw new IllegalStateException(source + " contains no rules");
        }
        return new InjectionRules(rules, new ArrayList<>(literals.keySet()), decodedSignal, decodedWeight);
    }

    private static int[][] literalIndexes(List<List<String>> required, Map<String, Integer> literals) {
        int[][] groups = new int[required.size()][];
        for (int g = 0; g < groups.length; g++) {
            groups[g] = required.get(g).stream()
                    .mapToInt(literal -> literals.computeIfAbsent(literal, key -> literals.size()))
                    .toArray();
        }
        return groups;
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
