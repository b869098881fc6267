package io.ticketsmith.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.ticketsmith.safety.PiiRedactor.Finding;

/**
 * Measures the redactor on the labelled evaluation set in {@code src/test/resources/pii/evaluation.jsonl}:
 * ticket-like English and German texts, each listing its personal data spans in the order they appear, with hard
 * negatives (order numbers, versions, dates, non-Luhn numbers, ...) left unlabelled in the text. A labelled span is
 * found when findings of its type cover it; a finding is a false positive when it overlaps no labelled span of its
 * type or also takes letters or digits from outside them. Precision and recall per type are logged as a table, and
 * the targets from the safety issue are asserted.
 */
class PiiEvaluationTest {

    private static final Logger LOG = LoggerFactory.getLogger(PiiEvaluationTest.class);
    private static final String EVALUATION_SET = "/pii/evaluation.jsonl";
    private static final double STRUCTURED_RECALL = 0.99;
    private static final double STRUCTURED_PRECISION = 0.95;
    private static final double NAME_RECALL = 0.7;
    private static final double NAME_PRECISION = 0.9;
    private static final int EXAMPLES_LOGGED = 25;

    private static final PiiRedactor REDACTOR = new PiiRedactor();
    private static List<Sample> samples;
    private static Map<PiiType, Score> scores;

    @BeforeAll
    static void evaluate() throws IOException {
        samples = load();
        scores = new EnumMap<>(PiiType.class);
        for (PiiType type : PiiType.values()) {
            scores.put(type, new Score());
        }
        for (Sample sample : samples) {
            score(sample, REDACTOR.findings(sample.text()));
        }
        logTable();
    }

    @Test
    void evaluationSetHasAtLeast300TextsWith1000SpansInEnglishAndGerman() {
        assertThat(samples).hasSizeGreaterThanOrEqualTo(300);
        assertThat(samples.stream().mapToInt(sample -> sample.spans().size()).sum()).isGreaterThanOrEqualTo(1000);
        assertThat(samples).extracting(Sample::lang).contains("en", "de").containsOnly("en", "de");
        for (PiiType type : PiiType.values()) {
            assertThat(scores.get(type).spans()).as("labelled %s spans", type).isGreaterThanOrEqualTo(100);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = PiiType.class, names = {"EMAIL", "PHONE", "CARD", "IBAN", "SSN", "IP", "SECRET"})
    void structuredTypeReachesRecallAndPrecisionTargets(PiiType type) {
        Score score = scores.get(type);

        assertThat(score.recall()).as("%s recall (%s)", type, score).isGreaterThanOrEqualTo(STRUCTURED_RECALL);
        assertThat(score.precision()).as("%s precision (%s)", type, score)
                .isGreaterThanOrEqualTo(STRUCTURED_PRECISION);
    }

    @Test
    void namesFoundWithContextReachRecallAndPrecisionFloor() {
        Score score = scores.get(PiiType.NAME);

        assertThat(score.recall()).as("NAME recall (%s)", score).isGreaterThanOrEqualTo(NAME_RECALL);
        assertThat(score.precision()).as("NAME precision (%s)", score).isGreaterThanOrEqualTo(NAME_PRECISION);
    }

    @Test
    void redactedTextNoLongerContainsAnyFoundValueAndNamesItsType() {
        for (Sample sample : samples) {
            List<Finding> findings = REDACTOR.findings(sample.text());
            String redacted = REDACTOR.redact(sample.text()).text();
            for (Span span : sample.spans()) {
                if (isCovered(span, findings)) {
                    assertThat(occurrence(span.value()).matcher(redacted).find())
                            .as("%s still contains %s", sample.id(), span.value()).isFalse();
                    assertThat(redacted).as(sample.id()).contains("[" + span.type() + "_");
                }
            }
        }
    }

    @Test
    void redactingRedactedTextChangesNothing() {
        for (Sample sample : samples) {
            String once = REDACTOR.redact(sample.text()).text();

            assertThat(REDACTOR.redact(once).text()).as(sample.id()).isEqualTo(once);
        }
    }

    private static void score(Sample sample, List<Finding> findings) {
        for (Span span : sample.spans()) {
            Score score = scores.get(span.type());
            if (isCovered(span, findings)) {
                score.found++;
            } else {
                score.missed.add(sample.id() + ": " + span.value());
            }
        }
        for (Finding finding : findings) {
            Score score = scores.get(finding.type());
            if (isLabelled(sample, finding)) {
                score.rightFindings++;
            } else {
                score.wrong.add(sample.id() + ": " + finding.value());
            }
        }
    }

    /**
     * A finding is right when it lies on labelled spans of its type and takes no letter or digit from outside them:
     * "Anna Urlaub" for the labelled "Anna" is wrong, as it hides a word the reader needs.
     */
    private static boolean isLabelled(Sample sample, Finding finding) {
        BitSet labelled = new BitSet();
        for (Span span : sample.spans()) {
            if (span.type() == finding.type()) {
                labelled.set(span.start(), span.end());
            }
        }
        if (labelled.nextSetBit(finding.start()) < 0 || labelled.nextSetBit(finding.start()) >= finding.end()) {
            return false;
        }
        for (int i = finding.start(); i < finding.end(); i++) {
            if (!labelled.get(i) && Character.isLetterOrDigit(sample.text().charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Findings of the span's type cover every non-blank character of it ("Anna" and "Weber" cover "Anna Weber"). */
    private static boolean isCovered(Span span, List<Finding> findings) {
        BitSet covered = new BitSet();
        for (Finding finding : findings) {
            if (finding.type() == span.type()) {
                covered.set(finding.start(), finding.end());
            }
        }
        for (int i = span.start(); i < span.end(); i++) {
            if (!covered.get(i) && !Character.isWhitespace(span.value().charAt(i - span.start()))) {
                return false;
            }
        }
        return true;
    }

    private static void logTable() {
        StringBuilder table = new StringBuilder(String.format("%nPII evaluation: %d texts, %d labelled spans%n",
                samples.size(), samples.stream().mapToInt(sample -> sample.spans().size()).sum()));
        table.append(String.format("%-7s %6s %6s %6s %9s %6s %10s %7s%n",
                "type", "spans", "found", "missed", "findings", "false", "precision", "recall"));
        scores.forEach((type, score) -> table.append(String.format("%-7s %6d %6d %6d %9d %6d %10.3f %7.3f%n",
                type, score.spans(), score.found, score.missed.size(), score.findings(), score.wrong.size(),
                score.precision(), score.recall())));
        LOG.info("{}", table);
        scores.forEach((type, score) -> {
            if (!score.missed.isEmpty()) {
                LOG.info("{} missed: {}", type,
                        score.missed.subList(0, Math.min(EXAMPLES_LOGGED, score.missed.size())));
            }
            if (!score.wrong.isEmpty()) {
                LOG.info("{} false positives: {}", type,
                        score.wrong.subList(0, Math.min(EXAMPLES_LOGGED, score.wrong.size())));
            }
        });
    }

    private static List<Sample> load() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Sample> loaded = new ArrayList<>();
        try (InputStream in = PiiEvaluationTest.class.getResourceAsStream(EVALUATION_SET)) {
            assertThat(in).as(EVALUATION_SET).isNotNull();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    loaded.add(sample(json.readTree(line)));
                }
            }
        }
        return loaded;
    }

    /** Labelled values are listed in the order they appear, so each is looked for after the previous one. */
    private static Sample sample(JsonNode node) {
        String id = node.get("id").asText();
        String text = node.get("text").asText();
        List<Span> spans = new ArrayList<>();
        int from = 0;
        for (JsonNode spanNode : node.get("spans")) {
            PiiType type = PiiType.valueOf(spanNode.get("type").asText());
            String value = spanNode.get("value").asText();
            Matcher occurrence = occurrence(value).matcher(text);
            assertThat(occurrence.find(from)).as("%s: %s %s not found after %d", id, type, value, from).isTrue();
            spans.add(new Span(type, occurrence.start(), occurrence.end(), value));
            from = occurrence.end();
        }
        return new Sample(id, node.get("lang").asText(), text, spans);
    }

    /** The value as a whole word, so "Anna" is not found in "Johanna". */
    private static Pattern occurrence(String value) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(value) + "(?![\\p{L}\\p{N}_])");
    }

    private record Sample(String id, String lang, String text, List<Span> spans) {
    }

    private record Span(PiiType type, int start, int end, String value) {
    }

    private static final class Score {

        private int found;
        private int rightFindings;
        private final List<String> missed = new ArrayList<>();
        private final List<String> wrong = new ArrayList<>();

        int spans() {
            return found + missed.size();
        }

        int findings() {
            return rightFindings + wrong.size();
        }

        double recall() {
            return spans() == 0 ? 1.0 : (double) found / spans();
        }

        double precision() {
            return findings() == 0 ? 1.0 : (double) rightFindings / findings();
        }

        @Override
        public String toString() {
            return String.format("found %d of %d spans, %d of %d findings right", found, spans(), rightFindings,
                    findings());
        }
    }
}
