package io.ticketsmith.safety;

import java.text.Normalizer;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms of one text that {@link InjectionRules} are matched against. Obfuscation is undone here, once,
 * so that the rules can be written for plain lower-case words:
 * <ul>
 * <li>{@link #normal()}: HTML entities decoded, Unicode NFKC (fullwidth and mathematical letters become
 * ASCII), invisible characters removed (zero-width, soft hyphen, bidi controls, Unicode tags), Cyrillic and
 * Greek look-alikes mapped to Latin, curly quotes straightened, lower case, runs of single letters joined
 * ("i g n o r e", "i.g.n.o.r.e"), whitespace collapsed with line breaks kept.</li>
 * <li>{@link #deobfuscated()}: the normal form without HTML tags and markdown emphasis, with leetspeak
 * undone in words that mix letters and digits ("pr3v10u5" becomes "previous", "v2" and "404" stay) and
 * accents dropped. "1" stands for "i" as often as for "l"; it is read as "l" where only that gives a word
 * the rules know ("ru13s" is "rules", "a11" is "all", "d1sregard" stays "disregard").</li>
 * <li>{@link #squashed()}: the de-obfuscated form with everything but letters removed.</li>
 * </ul>
 */
final class InjectionText {

    private static final Pattern HTML_ENTITY = Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,6}));");
    private static final Map<String, String> NAMED_ENTITIES = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ");
    static final Pattern INVISIBLE = Pattern.compile(
            "[\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180E\\u200B-\\u200F\\u202A-\\u202E"
                    + "\\u2060-\\u2064\\u2066-\\u206F\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\x{E0000}-\\x{E007F}]");
    /** Separators between spaced-out letters: "i g n o r e", "i.g.n.o.r.e", "D-A-N". */
    private static final String LETTER_SEPARATORS = " .-_*·|/+";
    private static final int MIN_SPACED_LETTERS = 4;
    static final Pattern HORIZONTAL_SPACE = Pattern.compile("[\\p{Zs}\\t\\x0B\\f\\r]+");
    private static final Pattern LINE_BREAKS = Pattern.compile(" ?\\n[\\s]*");
    private static final Pattern TAG_BETWEEN_LETTERS = Pattern.compile("(?<=\\p{L})<[^<>\\n]{0,200}>(?=\\p{L})");
    private static final Pattern TAG = Pattern.compile("<[^<>\\n]{0,200}>");
    private static final String MARKDOWN_EMPHASIS_CHARACTERS = "*_~`";
    private static final Pattern MARKDOWN_EMPHASIS = Pattern.compile("[" + MARKDOWN_EMPHASIS_CHARACTERS + "]+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}@$]+");
    /** Characters that leetspeak uses for letters. */
    private static final String LEET = "013457@$";
    /** Below this, no character has a canonical decomposition and none is a combining mark. */
    static final char FIRST_DECOMPOSABLE = '\u00C0';
    /** Below this, no character is {@link #INVISIBLE}. */
    static final char FIRST_INVISIBLE = '\u00AD';
    private static final Pattern COMBINING_MARK = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER = Pattern.compile("[^\\p{L}]+");
    /** Longer than any word in the rules; bounds the vocabulary look-up on very long "words". */
    private static final int MAX_VOCABULARY_WORD = 30;

    private static final Map<Character, Character> CONFUSABLES = confusables();
    private static final char FIRST_CONFUSABLE = Collections.min(CONFUSABLES.keySet());

    private final String raw;
    private final String normal;
    private final String deobfuscated;
    private final String squashed;
    private final boolean deobfuscatedDiffers;
    private final Literals rawLiterals;
    private final Literals normalLiterals;
    private final Literals deobfuscatedLiterals;
    private final Literals squashedLiterals;

    private InjectionText(String raw, InjectionRules rules) {
        this.raw = raw;
        this.normal = normalise(raw);
        this.deobfuscated = deobfuscate(normal, rules.vocabulary());
        this.squashed = NOT_LETTER.matcher(deobfuscated).replaceAll("");
        this.deobfuscatedDiffers = !deobfuscated.equals(normal);
        this.rawLiterals = new Literals(raw, true, rules.literalFinder());
        this.normalLiterals = new Literals(normal, false, rules.literalFinder());
        this.deobfuscatedLiterals = new Literals(deobfuscated, false, rules.literalFinder());
        this.squashedLiterals = new Literals(squashed, false, rules.literalFinder());
    }

    /**
     * @param rules the rules the text is matched against; their vocabulary tells "1" as "i" from "1" as "l" (see
     *              {@link InjectionRules#vocabulary()})
     */
    static InjectionText of(String raw, InjectionRules rules) {
        return new InjectionText(raw, rules);
    }

    String raw() {
        return raw;
    }

    String normal() {
        return normal;
    }

    String deobfuscated() {
        return deobfuscated;
    }

    String squashed() {
        return squashed;
    }

    boolean matches(InjectionRules.Rule rule) {
        return switch (rule.view()) {
            case RAW -> rawLiterals.containsOneOfEach(rule.required()) && rule.pattern().matcher(raw).find();
            case SQUASHED -> find(rule, squashed, squashedLiterals);
            case TEXT -> find(rule, normal, normalLiterals)
                    || (deobfuscatedDiffers && find(rule, deobfuscated, deobfuscatedLiterals));
        };
    }

    /** Only runs the regular expression if the view has the strings every match contains. */
    private static boolean find(InjectionRules.Rule rule, String view, Literals literals) {
        return literals.containsOneOfEach(rule.required()) && rule.pattern().matcher(view).find();
    }

    /**
     * Which of the rules' required strings one view contains, found in one pass when a rule first needs to know.
     * The raw text is searched in its case fold, where a case-insensitive match of a lower-case string is an exact
     * one.
     */
    private static final class Literals {

        private final String view;
        private final boolean fold;
        private final InjectionLiteralFinder finder;
        private boolean[] found;

        Literals(String view, boolean fold, InjectionLiteralFinder finder) {
            this.view = view;
            this.fold = fold;
            this.finder = finder;
        }

        boolean containsOneOfEach(int[][] groups) {
            if (groups.length == 0) {
                return true;
            }
            if (found == null) {
                found = finder.find(fold ? caseFold(view) : view);
            }
            for (int[] group : groups) {
                if (!containsOneOf(group)) {
                    return false;
                }
            }
            return true;
        }

        private boolean containsOneOf(int[] group) {
            for (int literal : group) {
                if (found[literal]) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Each character's {@code toLowerCase(toUpperCase(c))}, as case-insensitive regular expressions compare them. */
    static String caseFold(String text) {
        if (allBelow(text, '\u0080')) {
            return text.toLowerCase(Locale.ROOT); // the fold of an ASCII letter is its ASCII lower case
        }
        StringBuilder folded = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c < 0x80) {
                folded.append((char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
            } else {
                folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c)));
            }
        }
        return folded.toString();
    }

    static String normalise(String raw) {
        String text = decodeHtmlEntities(raw);
        text = Normalizer.normalize(text, Normalizer.Form.NFKC);
        if (!allBelow(text, FIRST_INVISIBLE)) {
            text = INVISIBLE.matcher(text).replaceAll("");
        }
        text = mapConfusables(text).toLowerCase(Locale.ROOT);
        text = joinSpacedLetters(text);
        return collapseWhitespace(text);
    }

    // Each step is skipped where the text lacks what it changes; the result is the same, only cheaper.
    private static String deobfuscate(String normal, Set<String> vocabulary) {
        String text = normal;
        if (text.indexOf('<') >= 0) {
            text = TAG_BETWEEN_LETTERS.matcher(text).replaceAll("");
            text = TAG.matcher(text).replaceAll(" ");
        }
        if (containsAny(text, MARKDOWN_EMPHASIS_CHARACTERS)) {
            text = MARKDOWN_EMPHASIS.matcher(text).replaceAll("");
        }
        text = undoLeetspeak(text, vocabulary);
        if (!allBelow(text, FIRST_DECOMPOSABLE)) {
            text = COMBINING_MARK.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        }
        return collapseWhitespace(text);
    }

    private static boolean containsAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean allBelow(String text, char limit) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= limit) {
                return false;
            }
        }
        return true;
    }

    private static String decodeHtmlEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher matcher = HTML_ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String replacement = matcher.group();
            if (matcher.group(3) != null) {
                replacement = NAMED_ENTITIES.getOrDefault(matcher.group(3).toLowerCase(Locale.ROOT), replacement);
            } else {
                int codePoint = matcher.group(1) != null
                        ? Integer.parseInt(matcher.group(1))
                        : Integer.parseInt(matcher.group(2), 16);
                if (Character.isValidCodePoint(codePoint)) {
                    replacement = Character.toString(codePoint);
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String mapConfusables(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < FIRST_CONFUSABLE) {
                continue;
            }
            Character mapped = CONFUSABLES.get(text.charAt(i));
            if (mapped != null) {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(i, mapped);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Joins "i g n o r e" to "ignore": four or more single letters, each followed by one separator. Within one
     * run the most frequent separator splits letters and any other separator splits words, so
     * "i.g.n.o.r.e a.l.l" becomes "ignore all". A scanner rather than a regular expression, because Java
     * matches a repeated group recursively and a long run would overflow the stack.
     */
    private static String joinSpacedLetters(String text) {
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < text.length()) {
            int end = spacedRunEnd(text, i);
            if ((end - i + 1) / 2 < MIN_SPACED_LETTERS) {
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, i).append(joinRun(text.substring(i, end)));
            copied = end;
            i = end;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** End (exclusive) of the letter-separator-letter run starting at {@code start}, or {@code start}. */
    private static int spacedRunEnd(String text, int start) {
        if (!isSingleLetter(text, start)) {
            return start;
        }
        int end = start + 1;
        while (end + 1 < text.length() && LETTER_SEPARATORS.indexOf(text.charAt(end)) >= 0
                && isSingleLetter(text, end + 1)) {
            end += 2;
        }
        return end;
    }

    private static boolean isSingleLetter(String text, int at) {
        return Character.isLetter(text.charAt(at))
                && (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                && (at + 1 == text.length() || !Character.isLetterOrDigit(text.charAt(at + 1)));
    }

    private static String joinRun(String run) {
        Map<Character, Integer> separators = new HashMap<>();
        for (int i = 1; i < run.length(); i += 2) {
            separators.merge(run.charAt(i), 1, Integer::sum);
        }
        char letterSeparator = separators.entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        StringBuilder joined = new StringBuilder(run.length());
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            if (i % 2 == 0) {
                joined.append(c);
            } else if (c != letterSeparator) {
                joined.append(' ');
            }
        }
        return joined.toString();
    }

    /** Only in words that also contain letters, so prices, versions and error codes keep their digits. */
    private static String undoLeetspeak(String text, Set<String> vocabulary) {
        if (!containsAny(text, LEET)) {
            return text;
        }
        Matcher matcher = WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String word = matcher.group();
            if (word.codePoints().anyMatch(Character::isLetter) && containsAny(word, LEET)) {
                String asI = undoLeetspeak(word, 'i');
                if (word.indexOf('1') >= 0 && !known(asI, vocabulary)) {
                    String asL = undoLeetspeak(word, 'l');
                    word = known(asL, vocabulary) ? asL : asI;
                } else {
                    word = asI;
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(word));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String undoLeetspeak(String word, char one) {
        StringBuilder plain = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            plain.append(word.charAt(i) == '1' ? one : leet(word.charAt(i)));
        }
        return plain.toString();
    }

    /** The word, or a beginning of it of four letters or more ("ignor" for "ignore"), is in the vocabulary. */
    private static boolean known(String word, Set<String> vocabulary) {
        for (int end = Math.min(word.length(), MAX_VOCABULARY_WORD); end >= Math.min(4, word.length()); end--) {
            if (vocabulary.contains(word.substring(0, end))) {
                return true;
            }
        }
        return false;
    }

    private static char leet(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> c;
        };
    }

    private static String collapseWhitespace(String text) {
        String collapsed = hasOnlySingleSpaces(text) ? text : HORIZONTAL_SPACE.matcher(text).replaceAll(" ");
        if (collapsed.indexOf('\n') >= 0) {
            collapsed = LINE_BREAKS.matcher(collapsed).replaceAll("\n");
        }
        return collapsed.strip();
    }

    /** No {@link #HORIZONTAL_SPACE} but single ASCII spaces, which collapsing would replace with themselves. */
    private static boolean hasOnlySingleSpaces(String text) {
        boolean afterSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = isHorizontalSpace(c);
            if (space && (c != ' ' || afterSpace)) {
                return false;
            }
            afterSpace = space;
        }
        return true;
    }

    /** A character of {@link #HORIZONTAL_SPACE}. */
    static boolean isHorizontalSpace(char c) {
        return c == '\t' || c == '\u000B' || c == '\f' || c == '\r'
                || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    /** Cyrillic, Greek and Latin letters that look like ASCII letters; NFKC leaves them alone. */
    private static Map<Character, Character> confusables() {
        String[][] pairs = {
                // Cyrillic
                {"а", "a"}, {"в", "b"}, {"е", "e"}, {"ё", "e"}, {"к", "k"}, {"м", "m"}, {"н", "h"}, {"о", "o"},
                {"р", "p"}, {"с", "c"}, {"т", "t"}, {"у", "y"}, {"х", "x"}, {"і", "i"}, {"ї", "i"}, {"ј", "j"},
                {"ѕ", "s"}, {"ԁ", "d"}, {"һ", "h"}, {"ӏ", "l"}, {"ԛ", "q"}, {"ԝ", "w"}, {"ү", "y"}, {"ɡ", "g"},
                {"А", "a"}, {"В", "b"}, {"Е", "e"}, {"К", "k"}, {"М", "m"}, {"Н", "h"}, {"О", "o"}, {"Р", "p"},
                {"С", "c"}, {"Т", "t"}, {"У", "y"}, {"Х", "x"}, {"І", "i"}, {"Ј", "j"}, {"Ѕ", "s"}, {"Ԁ", "d"},
                // Greek
                {"α", "a"}, {"ε", "e"}, {"ι", "i"}, {"κ", "k"}, {"ν", "v"}, {"ο", "o"}, {"ρ", "p"}, {"τ", "t"},
                {"υ", "u"}, {"χ", "x"}, {"Α", "a"}, {"Β", "b"}, {"Ε", "e"}, {"Ζ", "z"}, {"Η", "h"}, {"Ι", "i"},
                {"Κ", "k"}, {"Μ", "m"}, {"Ν", "n"}, {"Ο", "o"}, {"Ρ", "p"}, {"Τ", "t"}, {"Υ", "y"}, {"Χ", "x"},
                // Latin look-alikes and typographic quotes
                {"ı", "i"}, {"ɩ", "i"}, {"ɑ", "a"}, {"ʏ", "y"}, {"ո", "n"}, {"ս", "u"},
                {"‘", "'"}, {"’", "'"}, {"ʼ", "'"}, {"′", "'"}, {"“", "\""}, {"”", "\""}, {"„", "\""},
        };
        Map<Character, Character> map = new HashMap<>();
        for (String[] pair : pairs) {
            map.put(pair[0].charAt(0), pair[1].charAt(0));
        }
        return Map.copyOf(map);
    }
}
