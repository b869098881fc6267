package io.ticketsmith.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.support.TestClock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How well the knowledge index finds a ticket's duplicate, measured on the hand-labelled pairs in
 * {@code src/test/resources/knowledge/similar-tickets.tsv} with the real offline model and the real hybrid score.
 * Every pair's {@code b} text is one document of the index; each {@code a} text is the query. The figures go to
 * {@code target/knowledge-evaluation.md}, so a change of model, weights or stop words can be compared by its report.
 */
class SimilarTicketsEvaluationTest {

    private static final Logger log = LoggerFactory.getLogger(SimilarTicketsEvaluationTest.class);
    /** The product's default, or the variant named by {@code -Dknowledge.evaluation.model=FULL} to compare. */
    private static final LocalEmbeddingModel MODEL = new LocalEmbeddingModel(LocalEmbeddingModel.Variant.valueOf(
            System.getProperty("knowledge.evaluation.model", new LocalEmbeddingModel().variant().name())));

    private static final String SET = "knowledge/similar-tickets.tsv";
    private static final Path REPORT = Path.of("target/knowledge-evaluation.md");
    private static final int TOP_K = 5;
    /** What a "possible duplicate" rule must reach: of the pairs it flags, this share are real duplicates. */
    private static final double TARGET_PRECISION = 0.9;
    private static final double[] THRESHOLDS = {0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95};
    private static final List<String> LANGUAGES = List.of("en", "de", "de-en");

    // The floors below are the figures measured on this set with all-MiniLM-L6-v2 (weights of 32 bits) and the 0.7/0.3
    // hybrid score, less a margin of about 0.05, so a worse model or scoring fails the build while rounding and a
    // changed tie do not. The build with weights of 8 bits, the default, measured the same or a little more: recall@5
    // 0.760, recall@1 0.400, MRR 0.552, related recall@5 0.600, 0.210 at 0.55; by language 1.000, 0.644, 0.200.
    // Raise them when an improvement is measured; lower them only with a report that explains why.
    private static final double MIN_DUPLICATE_RECALL_AT_5 = 0.69; // measured 0.740
    private static final double MIN_DUPLICATE_RECALL_AT_1 = 0.34; // measured 0.390
    private static final double MIN_DUPLICATE_MRR = 0.50; // measured 0.549
    private static final double MIN_RELATED_RECALL_AT_5 = 0.53; // measured 0.587
    private static final double MIN_RECALL_AT_RECOMMENDED_THRESHOLD = 0.16; // measured 0.210 at 0.55
    private static final Map<String, Double> MIN_DUPLICATE_RECALL_AT_5_BY_LANGUAGE = Map.of(
            "en", 0.95, "de", 0.55, "de-en", 0.10); // measured 1.000, 0.600, 0.200 (of only 10 pairs)

    record Pair(String id, String lang, String label, String a, String b) {

        boolean duplicate() {
            return "duplicate".equals(label);
        }
    }

    /** A pair's outcome: where its own {@code b} ranks among all documents for the query {@code a}, and its score. */
    record Outcome(Pair pair, int rank, double score) {
    }

    record Ranking(int pairs, double recallAt1, double recallAt5, double mrr) {
    }

    record ThresholdRow(double threshold, int flagged, int flaggedDuplicates, double precision, double recall) {
    }

    private static List<Pair> pairs;
    private static List<Outcome> outcomes;

    @BeforeAll
    static void searchWithEveryPair() throws IOException {
        Instant start = Instant.now();
        pairs = readPairs();
        // Embedded once in one call, as the index's own add does, and kept to score pairs the search leaves out.
        List<float[]> vectors = MODEL.embed(pairs.stream().map(Pair::b).toList());
        KnowledgeIndex index = indexOf(pairs, vectors);
        Duration indexed = Duration.between(start, Instant.now());
        outcomes = IntStream.range(0, pairs.size()).mapToObj(i -> outcome(index, i, vectors))
                .toList();
        Duration total = Duration.between(start, Instant.now());

        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report(indexed, total), StandardCharsets.UTF_8);
        Ranking duplicates = ranking(p -> p.duplicate());
        Ranking related = ranking(p -> "related".equals(p.label()));
        log.info("Similar tickets ({} pairs, {} ms): duplicates recall@1 {} recall@5 {} MRR {}; related recall@1 {} "
                + "recall@5 {} MRR {}; recommended duplicate threshold {}; report in {}", pairs.size(),
                total.toMillis(), f(duplicates.recallAt1()), f(duplicates.recallAt5()), f(duplicates.mrr()),
                f(related.recallAt1()), f(related.recallAt5()), f(related.mrr()),
                threshold(recommended(outcomes)), REPORT.toAbsolutePath());
    }

    @Test
    void theSetHoldsEnoughUniquePairsOfEveryLabelAndLanguage() {
        assertThat(pairs).hasSizeGreaterThanOrEqualTo(240);
        assertThat(pairs).extracting(Pair::id).doesNotHaveDuplicates();
        assertThat(pairs).extracting(Pair::b).doesNotHaveDuplicates();
        assertThat(pairs).extracting(Pair::lang).containsOnly("en", "de", "de-en");
        assertThat(pairs).extracting(Pair::label).containsOnly("duplicate", "related", "unrelated");
        assertThat(share(p -> p.duplicate())).isBetween(0.35, 0.45);
        assertThat(share(p -> "related".equals(p.label()))).isBetween(0.25, 0.35);
        assertThat(share(p -> "de-en".equals(p.lang()))).isBetween(0.08, 0.15);
        // Tickets are indexed redacted, so the set must show that placeholders do not disturb the search.
        assertThat(pairs).filteredOn(p -> (p.a() + p.b()).matches(".*\\[[A-Z]+_\\d+].*")).hasSizeGreaterThan(10);
    }

    @Test
    void aDuplicateIsAmongTheFirstFiveResults() {
        Ranking duplicates = ranking(Pair::duplicate);

        assertThat(duplicates.recallAt5()).isGreaterThanOrEqualTo(MIN_DUPLICATE_RECALL_AT_5);
        assertThat(duplicates.recallAt1()).isGreaterThanOrEqualTo(MIN_DUPLICATE_RECALL_AT_1);
        assertThat(duplicates.mrr()).isGreaterThanOrEqualTo(MIN_DUPLICATE_MRR);
    }

    @Test
    void duplicatesOfEveryLanguageStayAboveTheirMeasuredRecallAt5() {
        for (String lang : LANGUAGES) {
            Ranking duplicates = ranking(p -> p.duplicate() && lang.equals(p.lang()));

            assertThat(duplicates.recallAt5()).as(lang)
                    .isGreaterThanOrEqualTo(MIN_DUPLICATE_RECALL_AT_5_BY_LANGUAGE.get(lang));
        }
    }

    @Test
    void aTicketOfTheSameAreaIsOftenAmongTheFirstFive() {
        Ranking related = ranking(p -> "related".equals(p.label()));

        assertThat(related.recallAt5()).isGreaterThanOrEqualTo(MIN_RELATED_RECALL_AT_5);
    }

    @Test
    void duplicatesScoreAboveRelatedTicketsAndRelatedAboveUnrelated() {
        double duplicate = meanScore("duplicate");
        double related = meanScore("related");
        double unrelated = meanScore("unrelated");

        assertThat(duplicate).isGreaterThan(related);
        assertThat(related).isGreaterThan(unrelated);
    }

    @Test
    void aThresholdFlagsDuplicatesWithNinetyPercentPrecision() {
        OptionalDouble recommended = recommended(outcomes);

        assertThat(recommended).as("a threshold with precision >= %s", TARGET_PRECISION).isPresent();
        ThresholdRow row = row(outcomes, recommended.getAsDouble());
        assertThat(row.precision()).isGreaterThanOrEqualTo(TARGET_PRECISION);
        assertThat(row.recall()).isGreaterThanOrEqualTo(MIN_RECALL_AT_RECOMMENDED_THRESHOLD);
    }

    private static KnowledgeIndex indexOf(List<Pair> pairs, List<float[]> vectors) throws IOException {
        DriverManagerDataSource database = KnowledgeTables.freshDatabase("similar-tickets");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        KnowledgeIndex index = new KnowledgeIndex(jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(database)), MODEL, new ObjectMapper(),
                new TestClock(Instant.parse("2026-11-30T08:00:00Z")));
        index.add(pairs.stream().map(pair -> Document.builder().id(pair.id()).text(pair.b())
                .metadata(Map.of(KnowledgeIndex.SOURCE, "request")).build()).toList(), vectors);
        return index;
    }

    /**
     * The rank and score of the pair's own b come from the index's search over the whole corpus. Spring AI allows no
     * threshold below 0, so a document whose hybrid score is negative is left out of the results; such a pair is
     * scored and ranked among the left-out documents with the index's own formula.
     */
    private static Outcome outcome(KnowledgeIndex index, int pairIndex, List<float[]> vectors) {
        Pair pair = pairs.get(pairIndex);
        float[] asked = index.embed(pair.a());
        List<Document> found = index.similaritySearch(
                SearchRequest.builder().query(pair.a()).topK(pairs.size()).build(), asked);
        for (int i = 0; i < found.size(); i++) {
            if (found.get(i).getId().equals(pair.id())) {
                return new Outcome(pair, i + 1, found.get(i).getScore());
            }
        }
        var words = KnowledgeIndex.words(pair.a());
        double score = KnowledgeIndex.score(asked, words, vectors.get(pairIndex), pair.b());
        var returned = found.stream().map(Document::getId).collect(Collectors.toSet());
        long leftOutAbove = 0;
        for (int j = 0; j < pairs.size(); j++) {
            if (!returned.contains(pairs.get(j).id())
                    && KnowledgeIndex.score(asked, words, vectors.get(j), pairs.get(j).b()) > score) {
                leftOutAbove++;
            }
        }
        return new Outcome(pair, found.size() + (int) leftOutAbove + 1, score);
    }

    private static Ranking ranking(Predicate<Pair> in) {
        return ranking(outcomes.stream().filter(o -> in.test(o.pair())).toList());
    }

    private static Ranking ranking(List<Outcome> group) {
        if (group.isEmpty()) {
            return new Ranking(0, 0, 0, 0);
        }
        double n = group.size();
        return new Ranking(group.size(), group.stream().filter(o -> o.rank() == 1).count() / n,
                group.stream().filter(o -> o.rank() <= TOP_K).count() / n,
                group.stream().mapToDouble(o -> 1.0 / o.rank()).sum() / n);
    }

    private static ThresholdRow row(List<Outcome> group, double threshold) {
        List<Outcome> flagged = group.stream().filter(o -> o.score() >= threshold).toList();
        long duplicates = group.stream().filter(o -> o.pair().duplicate()).count();
        long flaggedDuplicates = flagged.stream().filter(o -> o.pair().duplicate()).count();
        return new ThresholdRow(threshold, flagged.size(), (int) flaggedDuplicates,
                flagged.isEmpty() ? Double.NaN : (double) flaggedDuplicates / flagged.size(),
                duplicates == 0 ? Double.NaN : (double) flaggedDuplicates / duplicates);
    }

    /** The smallest threshold whose flagged pairs are duplicates at least {@link #TARGET_PRECISION} of the time. */
    private static OptionalDouble recommended(List<Outcome> group) {
        for (double threshold : THRESHOLDS) {
            ThresholdRow row = row(group, threshold);
            if (row.flagged() > 0 && row.precision() >= TARGET_PRECISION) {
                return OptionalDouble.of(threshold);
            }
        }
        return OptionalDouble.empty();
    }

    private static double meanScore(String label) {
        return outcomes.stream().filter(o -> label.equals(o.pair().label())).mapToDouble(Outcome::score).average()
                .orElseThrow();
    }

    private static double share(Predicate<Pair> counted) {
        return (double) pairs.stream().filter(counted).count() / pairs.size();
    }

    private static String report(Duration indexed, Duration total) {
        StringBuilder md = new StringBuilder();
        md.append("# Knowledge index: similar-ticket evaluation\n\n");
        md.append(String.format(Locale.ROOT, "%d pairs from `src/test/resources/%s`; every `b` indexed as one document "
                + "(%s, score %.1f × cosine + %.1f × word overlap); each `a` is the query. Indexing "
                + "took %d ms, all %d searches %d ms in total.%n%n", pairs.size(), SET, MODEL.variant().modelName(),
                KnowledgeIndex.VECTOR_WEIGHT,
                1 - KnowledgeIndex.VECTOR_WEIGHT, indexed.toMillis(), pairs.size(), total.minus(indexed).toMillis()));

        md.append("## Ranking: is the pair's own `b` among the first results?\n\n");
        md.append("| Pairs | Language | n | recall@1 | recall@5 | MRR |\n|---|---|---:|---:|---:|---:|\n");
        for (String label : List.of("duplicate", "related")) {
            for (String lang : languagesAndAll()) {
                Ranking r = ranking(p -> label.equals(p.label()) && inLanguage(p, lang));
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s |%n", label, lang, r.pairs(),
                        f(r.recallAt1()), f(r.recallAt5()), f(r.mrr())));
            }
        }

        md.append("\n## Score of each pair (a vs its own b)\n\n");
        md.append("| Label | Language | n | mean | min | max |\n|---|---|---:|---:|---:|---:|\n");
        for (String label : List.of("duplicate", "related", "unrelated")) {
            for (String lang : languagesAndAll()) {
                var stats = outcomes.stream().filter(o -> label.equals(o.pair().label()) && inLanguage(o.pair(), lang))
                        .mapToDouble(Outcome::score).summaryStatistics();
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s |%n", label, lang,
                        stats.getCount(), f(stats.getAverage()), f(stats.getMin()), f(stats.getMax())));
            }
        }

        md.append(String.format(Locale.ROOT, "%n## Duplicate threshold: pairs scoring at or above it flagged as "
                + "\"possible duplicate\"%n%nPrecision = share of flagged pairs that are duplicates; recall = share of "
                + "duplicates flagged. Recommended = the smallest threshold with precision ≥ %.2f.%n", TARGET_PRECISION));
        for (String lang : languagesAndAll()) {
            List<Outcome> group = outcomes.stream().filter(o -> inLanguage(o.pair(), lang)).toList();
            md.append(String.format(Locale.ROOT, "%n### %s (%d pairs, recommended threshold %s)%n%n", lang,
                    group.size(), threshold(recommended(group))));
            md.append("| Threshold | flagged | of them duplicates | precision | recall |\n|---:|---:|---:|---:|---:|\n");
            for (double threshold : THRESHOLDS) {
                ThresholdRow row = row(group, threshold);
                md.append(String.format(Locale.ROOT, "| %.2f | %d | %d | %s | %s |%n", threshold, row.flagged(),
                        row.flaggedDuplicates(), f(row.precision()), f(row.recall())));
            }
        }

        md.append(String.format(Locale.ROOT, "%n## Pairs that are not duplicates but score %.2f or more%n%n"
                + "| Pair | label | score |%n|---|---|---:|%n", THRESHOLDS[0]));
        outcomes.stream().filter(o -> !o.pair().duplicate() && o.score() >= THRESHOLDS[0])
                .forEach(o -> md.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", o.pair().id(),
                        o.pair().label(), f(o.score()))));

        md.append("\n## Duplicates not among the first five\n\n| Pair | rank | score |\n|---|---:|---:|\n");
        outcomes.stream().filter(o -> o.pair().duplicate() && o.rank() > TOP_K)
                .forEach(o -> md.append(String.format(Locale.ROOT, "| %s | %d | %s |%n", o.pair().id(), o.rank(),
                        f(o.score()))));
        return md.toString();
    }

    private static List<String> languagesAndAll() {
        List<String> all = new ArrayList<>(List.of("all"));
        all.addAll(LANGUAGES);
        return all;
    }

    private static boolean inLanguage(Pair pair, String lang) {
        return "all".equals(lang) || lang.equals(pair.lang());
    }

    private static String f(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String threshold(OptionalDouble threshold) {
        return threshold.isPresent() ? String.format(Locale.ROOT, "%.2f", threshold.getAsDouble()) : "none";
    }

    private static List<Pair> readPairs() {
        InputStream in = SimilarTicketsEvaluationTest.class.getClassLoader().getResourceAsStream(SET);
        assertThat(in).as(SET + " on the test classpath").isNotNull();
        List<Pair> read = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Map<String, Integer> column = new LinkedHashMap<>();
            String[] header = reader.readLine().split("\t");
            for (int i = 0; i < header.length; i++) {
                column.put(header[i], i);
            }
            assertThat(column).containsOnlyKeys("id", "lang", "label", "a", "b");
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                assertThat(cells).as(line).hasSize(header.length);
                read.add(new Pair(cells[column.get("id")], cells[column.get("lang")], cells[column.get("label")],
                        cells[column.get("a")], cells[column.get("b")]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read;
    }
}
