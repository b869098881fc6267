package io.ticketsmith.safety;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a rule's regular expression says about the texts it can match, worked out once when the rules are loaded,
 * so that {@link InjectionText} can skip the regular expression where it cannot match, and match without case
 * folding where folding cannot change the result:
 * <ul>
 * <li>{@link Facts#required()}: groups of literal strings; every match contains at least one string of each group.
 * "ignor\w{0,12}\s*(?:all|any)\s*(?:rules|prompts?)" needs "ignor", one of "all" and "any", and one of "rules"
 * and "prompt".</li>
 * <li>{@link Facts#caseFolded()}: every character the pattern names is a {@linkplain #isFoldedLiteral folded
 * literal}. Then the pattern matches the lower-case views of {@link InjectionText} in the same places with and
 * without {@code CASE_INSENSITIVE}, and a case-insensitive match of a required string in any text is found in the
 * text's case fold.</li>
 * <li>{@link Facts#caseless()}: every character the pattern names is {@linkplain #isCaseless caseless}, so
 * {@code CASE_INSENSITIVE} changes nothing on any text.</li>
 * </ul>
 * Only a subset of the regular expression syntax is understood: groups, lookaround, alternation, quantifiers,
 * character classes with ranges, {@code \s \S \w \W \d \D \b \B \n \t \p{L} \p{M} \p{N}}, escaped punctuation,
 * hexadecimal and Unicode escapes. A pattern with anything else (inline flags, back references, quoting, nested
 * classes, other properties, ...) gets no shortcut: {@link #analyse} returns null and the rule is matched as written,
 * case-insensitively, on every text.
 */
final class InjectionLiterals {

    /** Larger alternatives are not enumerated: "(?:a|b|c)(?:d|e|f)" is 9 strings, and so on. */
    private static final int MAX_ALTERNATIVES = 16;
    /** Every further group costs a look-up on every text and rarely skips more. */
    private static final int MAX_REQUIRED_GROUPS = 3;
    /** Ranges are checked character by character; a wider one gets no shortcut. */
    private static final int MAX_RANGE = 0x1000;
    /**
     * Properties whose meaning {@code CASE_INSENSITIVE} does not change ({@code \p{Lu}}, {@code \p{Ll}} and
     * {@code \p{Lt}} it widens to every cased letter); InjectionLiteralsTest checks each on every code point.
     */
    static final Set<String> PROPERTIES = Set.of("L", "M", "N");

    /**
     * @param caseFolded every literal is a folded literal: case-sensitive on lower-case text is the same as
     *                   case-insensitive, and required strings are found in a case fold of any text
     * @param caseless   every literal is caseless: case-sensitive is the same as case-insensitive on any text
     * @param required   groups of strings of which every match contains one each, most selective first;
     *                   meaningful only for a case-folded pattern
     */
    record Facts(boolean caseFolded, boolean caseless, List<List<String>> required) {

        Facts {
            required = required.stream().map(List::copyOf).toList();
        }
    }

    private static final class Unsupported extends RuntimeException {

        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    /**
     * What a part of the pattern can match: {@code exact}, if not null, holds every string the part can consume
     * (a superset is fine); {@code required} holds groups of strings of which each match contains one.
     */
    private record Info(Set<String> exact, List<Set<String>> required) {

        static final Info EMPTY = new Info(Set.of(""), List.of());
        static final Info ANY = new Info(null, List.of());
    }

    private final String pattern;
    private int at;
    private boolean caseFolded = true;
    private boolean caseless = true;

    private InjectionLiterals(String pattern) {
        this.pattern = pattern;
    }

    /** The facts of a pattern, or null if it uses syntax this class does not understand. */
    static Facts analyse(String pattern) {
        InjectionLiterals scan = new InjectionLiterals(pattern);
        try {
            Info info = scan.alternation();
            if (scan.at != pattern.length()) {
                throw new Unsupported("unbalanced ')' at " + scan.at);
            }
            List<Set<String>> groups = new ArrayList<>(candidates(info));
            groups.sort(Comparator.comparingInt(InjectionLiterals::shortest).reversed()
                    .thenComparingInt(Set::size));
            List<List<String>> required = groups.stream().limit(MAX_REQUIRED_GROUPS)
                    .map(group -> (List<String>) new ArrayList<>(group)).toList();
            return new Facts(scan.caseFolded, scan.caseless, required);
        } catch (Unsupported e) {
            return null;
        }
    }

    /**
     * Whether matching this literal character case-insensitively finds exactly the same characters as matching it
     * case-sensitively, in a text that {@link InjectionText} has lower-cased. Java matches a literal {@code c}
     * case-insensitively (with {@code UNICODE_CASE}) where a character's fold, {@code toLowerCase(toUpperCase(x))},
     * equals {@code c}'s. The lower-case views consist of characters that are their own fold, except a few outside
     * Latin whose fold is another non-Latin letter (final sigma ς folds to σ, the Cyrillic variants ᲀ-ᲈ to в, д,
     * о, ..., the Greek ypogegrammeni to ι, and letters of scripts above U+FFFF whose surrogates meet when
     * invisible characters between them are removed); InjectionLiteralsTest checks this over every code point.
     * So a literal that is its own fold and is not a letter from U+0370 on matches the same characters either way.
     */
    static boolean isFoldedLiteral(int c) {
        return Character.toLowerCase(Character.toUpperCase(c)) == c && (c < 0x370 || !Character.isLetter(c));
    }

    /**
     * Whether the character has no case at all: it is no other character's upper case, lower case or fold, and its
     * own are itself; punctuation, spaces, digits, symbols other than "other symbols" (circled letters have case),
     * and control and format characters. InjectionLiteralsTest checks this over every code point.
     */
    static boolean isCaseless(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL,
                    Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.DECIMAL_DIGIT_NUMBER -> true;
            default -> false;
        };
    }

    // --- parser: alternation := concatenation ('|' concatenation)*

    private Info alternation() {
        List<Info> branches = new ArrayList<>();
        branches.add(concatenation());
        while (at < pattern.length() && pattern.charAt(at) == '|') {
            at++;
            branches.add(concatenation());
        }
        return branches.size() == 1 ? branches.get(0) : alternatives(branches);
    }

    private Info concatenation() {
        List<Info> items = new ArrayList<>();
        while (at < pattern.length() && pattern.charAt(at) != '|' && pattern.charAt(at) != ')') {
            items.add(quantified(atom()));
        }
        return sequence(items);
    }

    private Info quantified(Info atom) {
        if (at >= pattern.length()) {
            return atom;
        }
        int min;
        int max;
        char c = pattern.charAt(at);
        if (c == '?') {
            min = 0;
            max = 1;
            at++;
        } else if (c == '*') {
            min = 0;
            max = Integer.MAX_VALUE;
            at++;
        } else if (c == '+') {
            min = 1;
            max = Integer.MAX_VALUE;
            at++;
        } else if (c == '{') {
            int close = pattern.indexOf('}', at);
            if (close < 0) {
                throw new Unsupported("'{' without '}'");
            }
            String[] bounds = pattern.substring(at + 1, close).split(",", -1);
            try {
                min = Integer.parseInt(bounds[0]);
                max = bounds.length == 1 ? min
                        : bounds[1].isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(bounds[1]);
            } catch (NumberFormatException e) {
                throw new Unsupported("repetition " + pattern.substring(at, close + 1));
            }
            if (bounds.length > 2) {
                throw new Unsupported("repetition " + pattern.substring(at, close + 1));
            }
            at = close + 1;
        } else {
            return atom;
        }
        if (at < pattern.length() && (pattern.charAt(at) == '?' || pattern.charAt(at) == '+')) {
            at++; // lazy or possessive: matches the same strings
        }
        if (at < pattern.length() && "?*+{".indexOf(pattern.charAt(at)) >= 0) {
            throw new Unsupported("repeated quantifier at " + at);
        }
        return repeat(atom, min, max);
    }

    private Info atom() {
        char c = pattern.charAt(at);
        switch (c) {
            case '(':
                return group();
            case '[':
                return characterClass();
            case '\\':
                return escape();
            case '.':
                at++;
                return Info.ANY;
            case '^':
            case '$':
                at++;
                return Info.EMPTY;
            case '*':
            case '+':
            case '?':
            case '{':
            case ']':
            case '}':
                throw new Unsupported("'" + c + "' at " + at);
            default:
                int codePoint = pattern.codePointAt(at);
                at += Character.charCount(codePoint);
                return literal(codePoint);
        }
    }

    private Info group() {
        at++;
        boolean zeroWidth = false;
        if (pattern.startsWith("?", at)) {
            if (pattern.startsWith("?:", at) || pattern.startsWith("?>", at)) {
                at += 2;
            } else if (pattern.startsWith("?=", at) || pattern.startsWith("?!", at)) {
                at += 2;
                zeroWidth = true;
            } else if (pattern.startsWith("?<=", at) || pattern.startsWith("?<!", at)) {
                at += 3;
                zeroWidth = true;
            } else if (pattern.startsWith("?<", at)) {
                int close = pattern.indexOf('>', at);
                if (close < 0 || !pattern.substring(at + 2, close).matches("[a-zA-Z][a-zA-Z0-9]*")) {
                    throw new Unsupported("group at " + at);
                }
                at = close + 1;
            } else {
                throw new Unsupported("inline flags at " + at); // (?i), (?x:...) and the like
            }
        }
        Info inner = alternation();
        if (at >= pattern.length() || pattern.charAt(at) != ')') {
            throw new Unsupported("unclosed group");
        }
        at++;
        // A lookaround consumes nothing; its literals were still checked for case.
        return zeroWidth ? Info.EMPTY : inner;
    }

    private Info escape() {
        if (at + 1 >= pattern.length()) {
            throw new Unsupported("trailing backslash");
        }
        char c = pattern.charAt(at + 1);
        switch (c) {
            case 's', 'S', 'w', 'W', 'd', 'D':
                at += 2;
                return Info.ANY;
            case 'b', 'B', 'A', 'z', 'Z':
                at += 2;
                return Info.EMPTY;
            case 'p', 'P':
                at += 2;
                property();
                return Info.ANY;
            default:
                return literal(escapedCharacter());
        }
    }

    /** The character a backslash escape at {@code at} stands for, moving past it. */
    private int escapedCharacter() {
        char c = pattern.charAt(at + 1);
        at += 2;
        switch (c) {
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'u':
                return hex(4);
            case 'x':
                if (pattern.startsWith("{", at)) {
                    int close = pattern.indexOf('}', at);
                    if (close < 0) {
                        throw new Unsupported("unclosed \\x{");
                    }
                    int codePoint = parseHex(pattern.substring(at + 1, close));
                    at = close + 1;
                    return codePoint;
                }
                return hex(2);
            default:
                if (Character.isLetterOrDigit(c)) {
                    throw new Unsupported("escape \\" + c); // quoting, back references, octal, controls, ...
                }
                return c;
        }
    }

    private int hex(int digits) {
        if (at + digits > pattern.length()) {
            throw new Unsupported("short hexadecimal escape");
        }
        int value = parseHex(pattern.substring(at, at + digits));
        at += digits;
        return value;
    }

    /** A code point; surrogates are refused, since Java joins an escaped pair into one character. */
    private static int parseHex(String digits) {
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(d -> Character.digit(d, 16) >= 0)) {
            throw new Unsupported("hexadecimal escape " + digits);
        }
        int value = Integer.parseInt(digits, 16);
        if (!Character.isValidCodePoint(value)
                || (value >= Character.MIN_SURROGATE && value <= Character.MAX_SURROGATE)) {
            throw new Unsupported("hexadecimal escape " + digits);
        }
        return value;
    }

    private void property() {
        String name;
        if (pattern.startsWith("{", at)) {
            int close = pattern.indexOf('}', at);
            if (close < 0) {
                throw new Unsupported("unclosed property");
            }
            name = pattern.substring(at + 1, close);
            at = close + 1;
        } else if (at < pattern.length()) {
            name = pattern.substring(at, at + 1);
            at++;
        } else {
            throw new Unsupported("property without name");
        }
        if (!PROPERTIES.contains(name)) {
            throw new Unsupported("property " + name);
        }
    }

    /** Single characters, ranges and {@code \s}-like escapes; nested classes and intersections are refused. */
    private Info characterClass() {
        at++;
        boolean negated = pattern.startsWith("^", at);
        if (negated) {
            at++;
        }
        Set<String> members = new LinkedHashSet<>();
        boolean onlyCharacters = true;
        boolean first = true;
        while (true) {
            if (at >= pattern.length()) {
                throw new Unsupported("unclosed class");
            }
            char c = pattern.charAt(at);
            if (c == ']' && !first) {
                at++;
                break;
            }
            if (c == '[' || c == ']' || pattern.startsWith("&&", at)) {
                throw new Unsupported("nested class or intersection at " + at);
            }
            if (c == '-' && !first && !pattern.startsWith("-]", at)) {
                throw new Unsupported("'-' inside a class at " + at); // only first or last is plainly literal
            }
            first = false;
            if (c == '\\' && at + 1 < pattern.length() && "sSwWdDpP".indexOf(pattern.charAt(at + 1)) >= 0) {
                boolean property = "pP".indexOf(pattern.charAt(at + 1)) >= 0;
                at += 2;
                if (property) {
                    property();
                }
                onlyCharacters = false;
                if (pattern.startsWith("-", at) && !pattern.startsWith("-]", at)) {
                    throw new Unsupported("range from a character class");
                }
                continue;
            }
            int from = classCharacter();
            int to = from;
            if (pattern.startsWith("-", at) && !pattern.startsWith("-]", at)) {
                at++;
                if (at >= pattern.length() || pattern.charAt(at) == '[') {
                    throw new Unsupported("range at " + at);
                }
                to = classCharacter();
                if (to < from || to - from > MAX_RANGE) {
                    throw new Unsupported("range at " + at);
                }
            }
            for (int member = from; member <= to; member++) {
                checkCase(member);
                if (members.size() <= MAX_ALTERNATIVES) {
                    members.add(Character.toString(member));
                }
            }
        }
        return !negated && onlyCharacters && members.size() <= MAX_ALTERNATIVES
                ? new Info(Set.copyOf(members), List.of())
                : Info.ANY;
    }

    private int classCharacter() {
        if (pattern.charAt(at) == '\\') {
            if (at + 1 >= pattern.length()) {
                throw new Unsupported("trailing backslash");
            }
            return escapedCharacter();
        }
        int codePoint = pattern.codePointAt(at);
        at += Character.charCount(codePoint);
        return codePoint;
    }

    private Info literal(int codePoint) {
        checkCase(codePoint);
        return new Info(Set.of(Character.toString(codePoint)), List.of());
    }

    private void checkCase(int codePoint) {
        if (!isFoldedLiteral(codePoint)) {
            caseFolded = false;
        }
        if (!isCaseless(codePoint)) {
            caseless = false;
        }
    }

    // --- combining what parts match

    private static Info sequence(List<Info> items) {
        List<Set<String>> required = new ArrayList<>();
        Set<String> run = Set.of("");
        boolean exact = true;
        for (Info item : items) {
            Set<String> joined = item.exact() == null ? null : product(run, item.exact());
            if (joined != null) {
                run = joined;
                continue;
            }
            exact = false;
            addGroup(required, run);
            if (item.exact() == null) {
                required.addAll(item.required());
                run = Set.of("");
            } else {
                run = item.exact();
            }
        }
        if (exact) {
            return new Info(run, List.of());
        }
        addGroup(required, run);
        return new Info(null, required);
    }

    private static Info alternatives(List<Info> branches) {
        Set<String> union = new LinkedHashSet<>();
        for (Info branch : branches) {
            if (branch.exact() == null) {
                union = null;
                break;
            }
            union.addAll(branch.exact());
        }
        if (union != null && union.size() <= MAX_ALTERNATIVES) {
            return new Info(Set.copyOf(union), List.of());
        }
        Set<String> either = new LinkedHashSet<>();
        for (Info branch : branches) {
            Set<String> best = candidates(branch).stream()
                    .max(Comparator.comparingInt(InjectionLiterals::shortest)).orElse(null);
            if (best == null) {
                return Info.ANY;
            }
            either.addAll(best);
        }
        return new Info(null, List.of(either));
    }

    private static Info repeat(Info atom, int min, int max) {
        if (max == 0) {
            return Info.EMPTY;
        }
        if (min == 1 && max == 1) {
            return atom;
        }
        if (min == 0 && max == 1 && atom.exact() != null && atom.exact().size() < MAX_ALTERNATIVES) {
            Set<String> optional = new LinkedHashSet<>(atom.exact());
            optional.add("");
            return new Info(Set.copyOf(optional), List.of());
        }
        return min == 0 ? Info.ANY : new Info(null, candidates(atom));
    }

    /** The groups of strings of which every match of the part contains one. */
    private static List<Set<String>> candidates(Info info) {
        List<Set<String>> groups = new ArrayList<>(info.required());
        if (info.exact() != null) {
            addGroup(groups, info.exact());
        }
        return groups;
    }

    private static void addGroup(List<Set<String>> groups, Set<String> strings) {
        if (!strings.contains("")) {
            groups.add(strings);
        }
    }

    private static Set<String> product(Set<String> left, Set<String> right) {
        if ((long) left.size() * right.size() > MAX_ALTERNATIVES) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String l : left) {
            for (String r : right) {
                out.add(l + r);
            }
        }
        return out;
    }

    private static int shortest(Set<String> strings) {
        return strings.stream().mapToInt(String::length).min().orElse(0);
    }
}
