package io.ticketsmith.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the rules loader learns from a pattern, and the facts about case that make its shortcuts safe. */
class InjectionLiteralsTest {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
            | Pattern.UNICODE_CHARACTER_CLASS | Pattern.MULTILINE;

    private static InjectionLiterals.Facts analyse(String pattern) {
        return InjectionLiterals.analyse(pattern);
    }

    /** Escapes such as {@code \s} and {@code \p{L}}, hexadecimal and Unicode ones: their letters are no literals. */
    private static final Pattern ESCAPE = Pattern.compile("\\\\(?:[pPx]\\{[^}]*\\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)");

    private static int fold(int c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    private static List<Set<String>> groups(InjectionLiterals.Facts facts) {
        return facts.required().stream().map(Set::copyOf).toList();
    }

    @Nested
    class RequiredStrings {

        @Test
        void everyMatchContainsOneStringOfEachGroup() {
            var facts = analyse("ignor\\w{0,12}\\s*(?:all|any|every)\\s*(?:rules|prompts?)\\b");

            assertThat(groups(facts)).containsExactlyInAnyOrder(
                    Set.of("ignor"), Set.of("prompts", "prompt", "rules"), Set.of("every", "all", "any"));
        }

        @Test
        void adjacentLiteralsAndSmallAlternativesJoinIntoWholeStrings() {
            var facts = analyse("\\bjailbreak(?:ing|ed|s)?\\b");

            assertThat(groups(facts)).containsExactly(Set.of("jailbreak", "jailbreaking", "jailbreaked", "jailbreaks"));
        }

        @Test
        void alternativesRequireOneStringOfEachBranch() {
            var facts = analyse("forget\\s+everything|\\bdisregard\\w{0,3}\\s+all");

            assertThat(groups(facts)).containsExactly(Set.of("everything", "disregard"));
        }

        @ParameterizedTest(name = "{0} requires nothing")
        @ValueSource(strings = {"(?:ignore)?\\s*rules?", "ignore|\\s+", "(?=ignore)\\w{1,3}", "a{0,3}b*"})
        void optionalOrZeroWidthPartsRequireNothing(String pattern) {
            var facts = analyse(pattern);

            assertThat(facts.required()).allSatisfy(group -> assertThat(group).doesNotContain("ignore"));
        }

        /** Each match of a bundled rule as written (case-insensitive) in the labelled set. */
        @Test
        void everyMatchOfABundledRuleContainsItsRequiredStrings() {
            var rules = InjectionRules.fromClasspath(InjectionScreen.RULES_RESOURCE);
            List<Pattern> asWritten = rules.rules().stream()
                    .map(rule -> Pattern.compile(rule.pattern().pattern(), FLAGS)).toList();
            List<String> missing = new ArrayList<>();
            int matches = 0;
            for (var c : InjectionScreenEvaluationTest.readCases()) {
                var views = InjectionText.of(c.text(), rules);
                for (int r = 0; r < asWritten.size(); r++) {
                    var rule = rules.rules().get(r);
                    List<String> texts = switch (rule.view()) {
                        case RAW -> List.of(views.raw());
                        case TEXT -> List.of(views.normal(), views.deobfuscated());
                        case SQUASHED -> List.of(views.squashed());
                    };
                    for (String text : texts) {
                        Matcher matcher = asWritten.get(r).matcher(text);
                        while (matcher.find()) {
                            matches++;
                            String match = InjectionText.caseFold(matcher.group());
                            for (int[] group : rule.required()) {
                                if (IntStream.of(group).noneMatch(i -> match.contains(rules.literals().get(i)))) {
                                    missing.add(c.id() + ": '" + matcher.group() + "' " + rule.pattern().pattern());
                                }
                            }
                        }
                    }
                }
            }

            assertThat(missing).isEmpty();
            assertThat(matches).isGreaterThan(300);
        }
    }

    @Nested
    class UnderstoodSyntax {

        @ParameterizedTest(name = "{0} gets no shortcut")
        @ValueSource(strings = {"(?i)ignore", "(?x:ignore)", "(ab)\\1", "\\Qignore\\E", "[a[b]]", "[a-z&&[^e]]",
                "\\p{Lu}gnore", "\\p{IsLowercase}", "\\cAx", "\\0101", "[\\uD800-\\uDFFF]", "a{,3}", "[a-c-e]"})
        void unknownSyntaxIsNotAnalysed(String pattern) {
            assertThat(analyse(pattern)).isNull();
        }

        @ParameterizedTest(name = "{0} is understood")
        @ValueSource(strings = {"\\bignore\\b", "(?<!\\bus\\s)pretend", "(?<name>a)b", "(?>ab)c", "[-\\s]{0,3}",
                "[\\s-]", "[.:\\-]", "\\p{L}[\\u200B\\u2060]{1,8}\\p{L}", "[\\x{E0020}-\\x{E007E}]{8}", "\\x41",
                "^\\s*#{1,6}\\s*system\\s*:?\\s*$", "\\[/?inst\\]|<<\\s*/?sys\\s*>>"})
        void patternsOfTheRulesFileAreUnderstood(String pattern) {
            assertThat(analyse(pattern)).isNotNull();
        }
    }

    @Nested
    class CaseFolding {

        @Test
        void lowerCaseLettersAreFoldedAndUpperCaseAreNot() {
            assertThat(analyse("ignore règles ß").caseFolded()).isTrue();
            assertThat(analyse("IGNORE").caseFolded()).isFalse();
            assertThat(analyse("[Ii]gnore").caseFolded()).isFalse();
            assertThat(analyse("ſystem").caseFolded()).isFalse();
            assertThat(analyse("σύστημα").caseFolded()).isFalse();
            assertThat(analyse("ignore").caseless()).isFalse();
            assertThat(analyse("<!--[ \\t]{0,10}\\p{L}[^>]{10,500}?-->").caseless()).isTrue();
        }

        @Test
        void rulesWithLowerCaseLettersMatchTheLowerCaseViewsCaseSensitivelyAndTheRawTextAsWritten() {
            var rules = InjectionRules.parse("test", List.of("a 0.5 ignore", "b 0.5 IGNORE", "c 0.5 raw:display",
                    "d 0.5 raw:<!--", "e 0.5 squashed:ignoreall"));

            assertThat(rules.rules()).extracting(rule -> (rule.pattern().flags() & Pattern.CASE_INSENSITIVE) != 0)
                    .containsExactly(false, true, true, false, false);
        }

        /**
         * The premise of {@link InjectionLiterals#isFoldedLiteral}: a character of a lower-case view is its own fold,
         * or its fold and upper case are not folded literals. Every BMP character is run through the views alone and
         * after a letter (final sigma); characters above U+FFFF are taken as they are, since removing an invisible
         * character can join two surrogates after the text was normalised.
         */
        @Test
        void lowerCaseViewsHoldNoCharacterThatAFoldedLiteralMatchesOnlyCaseInsensitively() {
            List<String> violations = new ArrayList<>();
            for (int c = viewCharacters.nextSetBit(0); c >= 0; c = viewCharacters.nextSetBit(c + 1)) {
                for (int other : new int[] {fold(c), Character.toUpperCase(c)}) {
                    if (other != c && InjectionLiterals.isFoldedLiteral(other)) {
                        violations.add(String.format("U+%04X matches U+%04X case-insensitively", c, other));
                    }
                }
            }

            assertThat(violations).isEmpty();
        }

        /**
         * The same, by the regular expressions themselves: each lower-case letter of the rules, alone and in a class,
         * on every BMP character of the views and every character above U+FFFF that has case.
         */
        @Test
        void everyLetterOfTheRulesMatchesTheSameCharactersOfTheViewsWithAndWithoutCaseFolding() {
            StringBuilder alphabet = new StringBuilder();
            for (int c = viewCharacters.nextSetBit(0); c >= 0; c = viewCharacters.nextSetBit(c + 1)) {
                if (c <= Character.MAX_VALUE || fold(c) != c || Character.toUpperCase(c) != c) {
                    alphabet.appendCodePoint(c).append('\u0000');
                }
            }
            Set<Integer> literals = new TreeSet<>();
            for (var rule : InjectionRules.fromClasspath(InjectionScreen.RULES_RESOURCE).rules()) {
                ESCAPE.matcher(rule.pattern().pattern()).replaceAll(" ").codePoints()
                        .filter(c -> Character.isLetter(c) && InjectionLiterals.isFoldedLiteral(c))
                        .forEach(literals::add);
            }
            assertThat(literals).hasSizeGreaterThan(26);

            for (int literal : literals) {
                for (String pattern : List.of(Pattern.quote(Character.toString(literal)),
                        "[" + Character.toString(literal) + "]")) {
                    assertThat(positions(pattern, FLAGS & ~Pattern.CASE_INSENSITIVE, alphabet))
                            .as(pattern).isEqualTo(positions(pattern, FLAGS, alphabet));
                }
            }
        }

        @Test
        void caselessCharactersAreNoCaseOfAnyOtherCharacter() {
            BitSet caseTargets = new BitSet(Character.MAX_CODE_POINT + 1);
            for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
                for (int other : new int[] {fold(c), Character.toUpperCase(c), Character.toLowerCase(c)}) {
                    if (other != c) {
                        caseTargets.set(other);
                    }
                }
            }
            List<String> violations = new ArrayList<>();
            for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
                if (InjectionLiterals.isCaseless(c) && (caseTargets.get(c) || fold(c) != c
                        || Character.toUpperCase(c) != c || !InjectionLiterals.isFoldedLiteral(c))) {
                    violations.add(String.format("U+%04X", c));
                }
            }

            assertThat(violations).isEmpty();
        }

        @ParameterizedTest(name = "{0} matches the same with and without CASE_INSENSITIVE")
        @ValueSource(strings = {"\\p{L}", "\\P{L}", "\\p{M}", "\\p{N}", "\\w", "\\W", "\\s", "\\S", "\\d", "\\D",
                "\\b", "\\B", ".", "^", "$"})
        void propertiesAndClassesTheAnalysisAcceptsIgnoreCase(String pattern) {
            StringBuilder everything = new StringBuilder();
            for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
                if (!Character.isSurrogate((char) c) || c > Character.MAX_VALUE) {
                    everything.appendCodePoint(c);
                }
                if (c % 64 == 0) {
                    everything.append("\n a");
                }
            }

            assertThat(positions(pattern, FLAGS & ~Pattern.CASE_INSENSITIVE, everything))
                    .isEqualTo(positions(pattern, FLAGS, everything));
        }

        @Test
        void everyPropertyTheAnalysisAcceptsIsTested() {
            assertThat(InjectionLiterals.PROPERTIES).containsExactlyInAnyOrder("L", "M", "N");
        }
    }

    private static BitSet positions(String pattern, int flags, CharSequence text) {
        BitSet found = new BitSet(text.length());
        Matcher matcher = Pattern.compile(pattern, flags).matcher(text);
        while (matcher.find()) {
            found.set(matcher.start());
        }
        return found;
    }

    /** Every character that the lower-case views (TEXT and SQUASHED) can hold. */
    private static BitSet viewCharacters;

    @BeforeAll
    static void collectViewCharacters() {
        var rules = InjectionRules.fromClasspath(InjectionScreen.RULES_RESOURCE);
        BitSet characters = new BitSet(Character.MAX_CODE_POINT + 1);
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            for (String text : List.of(Character.toString(c), "a" + Character.toString(c))) {
                var views = InjectionText.of(text, rules);
                for (String view : List.of(views.normal(), views.deobfuscated(), views.squashed())) {
                    view.codePoints().forEach(characters::set);
                }
            }
        }
        characters.set(Character.MIN_SUPPLEMENTARY_CODE_POINT, Character.MAX_CODE_POINT + 1);
        viewCharacters = characters;
    }
}
