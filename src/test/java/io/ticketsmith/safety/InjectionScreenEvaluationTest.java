package io.ticketsmith.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs the screen over the labelled test set in {@code src/test/resources/injection/cases.jsonl} (injection
 * attempts and support tickets written for Ticketsmith) and reports detection and false-positive rates.
 * A case counts as flagged when its level is "suspected" or "strong".
 */
class InjectionScreenEvaluationTest {

    private static final Logger log = LoggerFactory.getLogger(InjectionScreenEvaluationTest.class);

    private static final String CASES = "injection/cases.jsonl";
    private static final double MIN_DETECTION_RATE = 0.9;
    private static final double MAX_FALSE_POSITIVE_RATE = 0.05;
    private static final int MIN_CASES_PER_LABEL = 100;

    record Case(String id, String label, String kind, String lang, String text) {

        boolean injection() {
            return "injection".equals(label);
        }
    }

    record Result(Case testCase, InjectionScreen.Screening screening) {

        boolean flagged() {
            return !InjectionScreen.LEVEL_NONE.equals(screening.level());
        }
    }

    private static List<Result> results;

    @BeforeAll
    static void screenAllCases() {
        InjectionScreen screen = new InjectionScreen();
        results = readCases().stream().map(c -> new Result(c, screen.screen(c.text()))).toList();
    }

    @Test
    void testSetHasAtLeastHundredInjectionsAndHundredBenignTickets() {
        Map<String, Long> perLabel = results.stream()
                .collect(Collectors.groupingBy(r -> r.testCase().label(), Collectors.counting()));

        assertThat(perLabel.get("injection")).isGreaterThanOrEqualTo(MIN_CASES_PER_LABEL);
        assertThat(perLabel.get("benign")).isGreaterThanOrEqualTo(MIN_CASES_PER_LABEL);
    }

    @Test
    void everyCaseHasAUniqueIdAndKnownLabelKindAndLanguage() {
        assertThat(results).extracting(r -> r.testCase().id()).doesNotHaveDuplicates();
        for (Result result : results) {
            Case c = result.testCase();
            assertThat(c.text()).as(c.id()).isNotBlank();
            assertThat(c.lang()).as(c.id()).isIn("en", "de", "fr", "es");
            if (c.injection()) {
                assertThat(c.kind()).as(c.id()).isIn("direct", "indirect", "multilingual", "obfuscated");
            } else {
                assertThat(c.label()).as(c.id()).isEqualTo("benign");
                assertThat(c.kind()).as(c.id()).isIn("benign", "hard_benign");
            }
        }
    }

    @Test
    void detectsAtLeastNinetyPercentOfInjectionAttempts() {
        List<Result> injections = results.stream().filter(r -> r.testCase().injection()).toList();

        double detectionRate = rate(injections, Result::flagged);
        log.info("Injection detection rate: {} ({} of {})", percent(detectionRate),
                injections.stream().filter(Result::flagged).count(), injections.size());
        logRates("Detection rate", injections, r -> r.testCase().kind(), Result::flagged);
        logRates("Detection rate", injections, r -> "lang " + r.testCase().lang(), Result::flagged);
        logRates("Strong rate", injections, r -> r.testCase().kind(),
                r -> InjectionScreen.LEVEL_STRONG.equals(r.screening().level()));
        injections.stream().filter(r -> !r.flagged()).forEach(r -> log.info("Missed {}: {}", r.testCase().id(),
                r.screening()));

        assertThat(detectionRate).isGreaterThanOrEqualTo(MIN_DETECTION_RATE);
    }

    @Test
    void flagsAtMostFivePercentOfBenignTickets() {
        List<Result> benign = results.stream().filter(r -> !r.testCase().injection()).toList();

        double falsePositiveRate = rate(benign, Result::flagged);
        log.info("False-positive rate: {} ({} of {} benign tickets)", percent(falsePositiveRate),
                benign.stream().filter(Result::flagged).count(), benign.size());
        logRates("False-positive rate", benign, r -> r.testCase().kind(), Result::flagged);
        benign.stream().filter(Result::flagged).forEach(r -> log.info("False positive {}: {}", r.testCase().id(),
                r.screening()));

        assertThat(falsePositiveRate).isLessThanOrEqualTo(MAX_FALSE_POSITIVE_RATE);
    }

    private static void logRates(String what, List<Result> group, Function<Result, String> key,
            Predicate<Result> counted) {
        Map<String, List<Result>> byKey = new TreeMap<>(group.stream().collect(Collectors.groupingBy(key)));
        byKey.forEach((name, members) -> log.info("{} {}: {} ({} of {})", what, name,
                percent(rate(members, counted)), members.stream().filter(counted).count(), members.size()));
    }

    private static double rate(List<Result> group, Predicate<Result> counted) {
        return group.isEmpty() ? 0.0 : (double) group.stream().filter(counted).count() / group.size();
    }

    private static String percent(double rate) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", rate * 100);
    }

    static List<Case> readCases() {
        ObjectMapper json = new ObjectMapper();
        InputStream in = InjectionScreenEvaluationTest.class.getClassLoader().getResourceAsStream(CASES);
        assertThat(in).as(CASES + " on the test classpath").isNotNull();
        List<Case> cases = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    cases.add(json.readValue(line, Case.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }
}
