package io.ticketsmith.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The views skip a step where the text lacks what the step changes; these are the facts each skip relies on. */
class InjectionTextTest {

    private static final Pattern MARK = Pattern.compile("\\p{M}");

    @Test
    void noCharacterBelowTheFirstDecomposableOneDecomposesOrIsAMark() {
        for (char c = 0; c < InjectionText.FIRST_DECOMPOSABLE; c++) {
            String text = String.valueOf(c);

            assertThat(Normalizer.normalize(text, Normalizer.Form.NFD)).isEqualTo(text);
            assertThat(MARK.matcher(text).find()).isFalse();
        }
    }

    @Test
    void noCharacterBelowTheFirstInvisibleOneIsInvisible() {
        for (char c = 0; c < InjectionText.FIRST_INVISIBLE; c++) {
            assertThat(InjectionText.INVISIBLE.matcher(String.valueOf(c)).find()).as("U+%04X", (int) c).isFalse();
        }
        assertThat(InjectionText.INVISIBLE.matcher(String.valueOf(InjectionText.FIRST_INVISIBLE)).find()).isTrue();
    }

    @Test
    void horizontalSpacesAreThoseTheWhitespacePatternCollapses() {
        List<String> differences = new ArrayList<>();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            boolean collapsed = InjectionText.HORIZONTAL_SPACE.matcher(String.valueOf(c)).matches();
            if (InjectionText.isHorizontalSpace(c) != collapsed) {
                differences.add(String.format("U+%04X", (int) c));
            }
        }

        assertThat(differences).isEmpty();
    }

    @Test
    void caseFoldIsEveryCharactersFoldInAsciiTextAndBeyond() {
        StringBuilder all = new StringBuilder();
        StringBuilder folded = new StringBuilder();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            int fold = Character.toLowerCase(Character.toUpperCase(c));
            assertThat(InjectionText.caseFold(Character.toString(c))).isEqualTo(Character.toString(fold));
            if (!Character.isSurrogate((char) c) || c > Character.MAX_VALUE) {
                all.appendCodePoint(c);
                folded.appendCodePoint(fold);
            }
        }

        assertThat(InjectionText.caseFold(all.toString())).isEqualTo(folded.toString());
        assertThat(InjectionText.caseFold("Ignore ALL Previous")).isEqualTo("ignore all previous");
    }

    @Test
    void viewsCollapseEveryKindOfHorizontalSpaceAndKeepSingleSpaces() {
        var rules = InjectionRules.fromClasspath(InjectionScreen.RULES_RESOURCE);

        assertThat(InjectionText.of("ignore all", rules).normal()).isEqualTo("ignore all");
        assertThat(InjectionText.of("ignore  all\u00A0\u2003previous\t\r rules \n\n next", rules).normal())
                .isEqualTo("ignore all previous rules\nnext");
    }
}
