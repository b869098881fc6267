package io.ticketsmith.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class InjectionDecodingTest {

    /** The character classes the runs were found with before, as regular expressions. */
    private static final Pattern BASE64_WORD = Pattern.compile("[A-Za-z0-9+/_=-]{4,}");
    private static final Pattern HEX_RUN = Pattern.compile("[0-9A-Fa-fxX\\\\:, -]{16,}");

    /** Characters of both classes, of neither, line breaks, non-ASCII and a surrogate pair. */
    private static final String ALPHABET = "aZ09+/_=-xX\\:, fF.;!\n\t\u00e9\u00df\u0430\uD83D\uDE00";

    @Test
    void theRunsOfBase64AndHexCharactersAreWhatTheirRegularExpressionsFind() {
        Random random = new Random(20_261_201);
        List<String> texts = new ArrayList<>(List.of("", "abc", "abcd", "a".repeat(15), "0".repeat(16),
                "SWdub3JlIGFsbCBwcmV2aW91cyBpbnN0cnVjdGlvbnM=", "69 67 6e 6f 72 65 20 61 6c 6c 20 70",
                "0x69\\x67:6e,6f-72 65", "Deploy since 2024-11-30 12:00, see build c0ffee42deadbeef."));
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(80); length > 0; length--) {
                // Long runs of one class too: letters and digits are in both.
                text.append(random.nextInt(4) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
                        : "abcdef0123456789 ".charAt(random.nextInt(17)));
            }
            texts.add(text.toString());
        }
        int found = 0;
        for (String text : texts) {
            List<String> expectedBase64 = regexRuns(BASE64_WORD, text);
            List<String> expectedHex = regexRuns(HEX_RUN, text);
            assertThat(runs(InjectionDecoding.BASE64_WORD, text)).as(text).isEqualTo(expectedBase64);
            assertThat(runs(InjectionDecoding.HEX_RUN, text)).as(text).isEqualTo(expectedHex);
            found += expectedBase64.size() + expectedHex.size();
        }
        assertThat(found).as("runs in the texts").isGreaterThan(5_000);
    }

    private static List<String> regexRuns(Pattern pattern, String text) {
        List<String> runs = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            runs.add(matcher.start() + ":" + matcher.group());
        }
        return runs;
    }

    private static List<String> runs(InjectionDecoding.CharRun run, String text) {
        List<String> runs = new ArrayList<>();
        for (int start = run.next(text, 0); start >= 0; start = run.next(text, run.end(text, start))) {
            runs.add(start + ":" + text.substring(start, run.end(text, start)));
        }
        return runs;
    }
}
