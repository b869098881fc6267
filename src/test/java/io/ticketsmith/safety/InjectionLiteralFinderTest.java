package io.ticketsmith.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class InjectionLiteralFinderTest {

    private static void assertFindsWhatContainsFinds(List<String> literals, List<String> texts) {
        var finder = new InjectionLiteralFinder(literals);
        for (String text : texts) {
            boolean[] found = finder.find(text);
            for (int i = 0; i < literals.size(); i++) {
                assertThat(found[i]).as("'%s' in '%s'", literals.get(i), text).isEqualTo(text.contains(literals.get(i)));
            }
        }
    }

    @Test
    void findsOverlappingAndNestedStrings() {
        assertFindsWhatContainsFinds(List.of("he", "she", "his", "hers", "ignor", "ignore", "ignorier", "e", "", "ß"),
                List.of("ushers", "ignorieren", "she ignored his", "", "h", "hehehe", "groß", "ignoignore"));
    }

    @Test
    void findsWhatStringContainsFindsForRandomTextsOverTheSameLetters() {
        Random random = new Random(7);
        List<String> literals = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            literals.add(randomText(random, 1 + random.nextInt(6)));
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            texts.add(randomText(random, random.nextInt(80)));
        }

        assertFindsWhatContainsFinds(literals.stream().distinct().toList(), texts);
    }

    @Test
    void findsTheRequiredStringsOfTheBundledRulesInTheViewsOfTheLabelledSet() {
        var rules = InjectionRules.fromClasspath(InjectionScreen.RULES_RESOURCE);
        List<String> texts = new ArrayList<>();
        for (var c : InjectionScreenEvaluationTest.readCases()) {
            var views = InjectionText.of(c.text(), rules);
            texts.addAll(List.of(views.normal(), views.deobfuscated(), views.squashed(),
                    InjectionText.caseFold(views.raw())));
        }

        assertFindsWhatContainsFinds(rules.literals(), texts);
    }

    private static String randomText(Random random, int length) {
        String alphabet = "abcab \u00DF\uD801\uDC00";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
