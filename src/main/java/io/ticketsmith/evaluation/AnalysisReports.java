package io.ticketsmith.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import io.ticketsmith.analysis.ActionType;
import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.evaluation.AnalysisReport.ActionAgreement;
import io.ticketsmith.evaluation.AnalysisReport.CalibrationBucket;
import io.ticketsmith.evaluation.AnalysisReport.Cost;
import io.ticketsmith.evaluation.AnalysisReport.FieldScore;
import io.ticketsmith.evaluation.AnalysisReport.Latency;
import io.ticketsmith.llm.LlmCall;

/**
 * Compares answered analyses with the expected ones. Knows nothing of where either came from: the evaluation set and
 * the replay of finished requests both end here, so their figures mean the same.
 */
public final class AnalysisReports {

    /** The value of a field that an analysis lacks: no answer at all, no project, no new issue. */
    public static final String NONE = "none";

    /** Confidence buckets, lower bound included; the last one includes 1.0. */
    static final double[] BUCKET_BOUNDS = {0.0, 0.5, 0.7, 0.8, 0.9};
    static final String[] BUCKET_NAMES = {"<0.5", "0.5-0.7", "0.7-0.8", "0.8-0.9", ">=0.9"};

    private static final List<String> CONFIDENCE_FIELDS = List.of("intent", "category", "urgency", "sentiment");

    private AnalysisReports() {
    }

    /**
     * @param setup   what was evaluated, shown at the top of the report
     * @param samples the evaluated tickets
     * @param pricing USD of one analysis's calls
     */
    public static AnalysisReport of(Map<String, String> setup, List<Sample> samples,
            Function<LlmCall, BigDecimal> pricing) {
        Map<String, FieldScore> fields = new LinkedHashMap<>();
        fields.put("intent", score(samples, Analysis::intent));
        fields.put("category", score(samples, Analysis::category));
        fields.put("urgency", score(samples, Analysis::urgency));
        fields.put("sentiment", score(samples, Analysis::sentiment));
        fields.put("project", score(samples, AnalysisReports::project));
        fields.put("issueType", score(samples, AnalysisReports::issueType));

        Map<String, ActionAgreement> actions = new LinkedHashMap<>();
        for (ActionType type : ActionType.values()) {
            actions.put(type.wireName(), agreement(samples, type.wireName()));
        }
        long exact = samples.stream().filter(s -> s.actual() != null)
                .filter(s -> actionsAgree(actionsOf(s.expected()), actionsOf(s.actual()))).count();

        Map<String, List<CalibrationBucket>> calibration = new LinkedHashMap<>();
        for (String field : CONFIDENCE_FIELDS) {
            calibration.put(field, calibration(samples, field));
        }
        int failed = (int) samples.stream().filter(s -> s.actual() == null).count();
        return new AnalysisReport(Map.copyOf(setup), samples.size(), failed, fields, actions,
                ratio(exact, samples.size()), cost(samples, pricing), latency(samples), calibration);
    }

    /** The project of the first action that touches one (a new issue's, or an issue key's prefix). */
    static String project(Analysis analysis) {
        return actionsOf(analysis).stream().map(ProposedAction::projectKey).filter(Objects::nonNull).findFirst()
                .orElse(NONE);
    }

    /** The issue type of the first issue the analysis creates. */
    static String issueType(Analysis analysis) {
        return actionsOf(analysis).stream().filter(a -> ActionType.CREATE_ISSUE.wireName().equals(a.type()))
                .map(ProposedAction::issueType).filter(Objects::nonNull).map(AnalysisReports::capitalised)
                .findFirst().orElse(NONE);
    }

    private static FieldScore score(List<Sample> samples, Function<Analysis, String> field) {
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        TreeSet<String> labels = new TreeSet<>();
        int correct = 0;
        for (Sample sample : samples) {
            String expected = valueOf(sample.expected(), field);
            String actual = sample.actual() == null ? NONE : valueOf(sample.actual(), field);
            confusion.computeIfAbsent(expected, e -> new TreeMap<>()).merge(actual, 1, Integer::sum);
            labels.add(expected);
            labels.add(actual);
            if (expected.equals(actual)) {
                correct++;
            }
        }
        Map<String, Double> perLabel = new LinkedHashMap<>();
        double sum = 0;
        for (String label : labels) {
            int truePositives = cell(confusion, label, label);
            int expectedCount = confusion.getOrDefault(label, Map.of()).values().stream().mapToInt(Integer::intValue)
                    .sum();
            int answeredCount = confusion.values().stream().mapToInt(row -> row.getOrDefault(label, 0)).sum();
            // F1 = 2TP / (2TP + FP + FN), and FP + FN + 2TP = answered + expected.
            double f1 = expectedCount + answeredCount == 0 ? 0 : 2.0 * truePositives / (expectedCount + answeredCount);
            perLabel.put(label, round(f1));
            sum += f1;
        }
        return new FieldScore(correct, samples.size(), ratio(correct, samples.size()),
                labels.isEmpty() ? 0 : round(sum / labels.size()), perLabel, confusion);
    }

    private static ActionAgreement agreement(List<Sample> samples, String type) {
        int expected = 0;
        int proposed = 0;
        int agreed = 0;
        for (Sample sample : samples) {
            List<ProposedAction> wanted = ofType(actionsOf(sample.expected()), type);
            List<ProposedAction> answered = sample.actual() == null ? List.of()
                    : ofType(actionsOf(sample.actual()), type);
            if (!wanted.isEmpty()) {
                expected++;
            }
            if (!answered.isEmpty()) {
                proposed++;
            }
            if (!wanted.isEmpty() && wanted.stream().allMatch(w -> answered.stream().anyMatch(a -> matches(w, a)))) {
                agreed++;
            }
        }
        return new ActionAgreement(expected, proposed, agreed, ratio(agreed, proposed), ratio(agreed, expected));
    }

    /** The same action types, each expected one answered by a matching one. */
    private static boolean actionsAgree(List<ProposedAction> expected, List<ProposedAction> actual) {
        TreeSet<String> expectedTypes = new TreeSet<>(expected.stream().map(ProposedAction::type).toList());
        TreeSet<String> actualTypes = new TreeSet<>(actual.stream().map(ProposedAction::type).toList());
        return expectedTypes.equals(actualTypes)
                && expected.stream().allMatch(w -> actual.stream().anyMatch(a -> matches(w, a)));
    }

    /**
     * An answered action matches an expected one of its type when it touches the same project and, where the expected
     * one names them, the same issue type, issue, linked issue, link type, space and template. Texts (summaries,
     * bodies) are never compared: they are written freely.
     */
    static boolean matches(ProposedAction expected, ProposedAction actual) {
        return Objects.equals(expected.type(), actual.type())
                && same(expected.projectKey(), actual.projectKey())
                && same(expected.issueType(), actual.issueType())
                && same(expected.issueKey(), actual.issueKey())
                && same(expected.linkedIssueKey(), actual.linkedIssueKey())
                && same(expected.linkType(), actual.linkType())
                && same(expected.space(), actual.space())
                && same(expected.template(), actual.template());
    }

    private static boolean same(String expected, String actual) {
        return expected == null || expected.equalsIgnoreCase(actual == null ? "" : actual.trim());
    }

    private static List<CalibrationBucket> calibration(List<Sample> samples, String field) {
        int[] counts = new int[BUCKET_NAMES.length];
        int[] right = new int[BUCKET_NAMES.length];
        double[] confidenceSums = new double[BUCKET_NAMES.length];
        for (Sample sample : samples) {
            Double confidence = sample.actual() == null || sample.actual().confidence() == null ? null
                    : confidenceOf(sample.actual().confidence(), field);
            if (confidence == null) {
                continue;
            }
            int bucket = bucketOf(confidence);
            counts[bucket]++;
            confidenceSums[bucket] += confidence;
            if (Objects.equals(valueOf(sample.expected(), a -> fieldOf(a, field)),
                    valueOf(sample.actual(), a -> fieldOf(a, field)))) {
                right[bucket]++;
            }
        }
        List<CalibrationBucket> buckets = new ArrayList<>();
        for (int i = 0; i < BUCKET_NAMES.length; i++) {
            buckets.add(new CalibrationBucket(BUCKET_NAMES[i], counts[i],
                    counts[i] == 0 ? 0 : round(confidenceSums[i] / counts[i]), ratio(right[i], counts[i])));
        }
        return buckets;
    }

    static int bucketOf(double confidence) {
        for (int i = BUCKET_BOUNDS.length - 1; i > 0; i--) {
            if (confidence >= BUCKET_BOUNDS[i]) {
                return i;
            }
        }
        return 0;
    }

    private static Double confidenceOf(Analysis.Confidence confidence, String field) {
        return switch (field) {
            case "intent" -> confidence.intent();
            case "category" -> confidence.category();
            case "urgency" -> confidence.urgency();
            default -> confidence.sentiment();
        };
    }

    private static String fieldOf(Analysis analysis, String field) {
        return switch (field) {
            case "intent" -> analysis.intent();
            case "category" -> analysis.category();
            case "urgency" -> analysis.urgency();
            default -> analysis.sentiment();
        };
    }

    private static Cost cost(List<Sample> samples, Function<LlmCall, BigDecimal> pricing) {
        long calls = 0;
        long prompt = 0;
        long completion = 0;
        BigDecimal usd = BigDecimal.ZERO;
        for (Sample sample : samples) {
            LlmCall call = sample.call();
            if (call == null) {
                continue;
            }
            calls += call.calls();
            prompt += call.promptTokens();
            completion += call.completionTokens();
            usd = usd.add(pricing.apply(call));
        }
        return new Cost(calls, prompt, completion, usd.setScale(6, RoundingMode.HALF_UP));
    }

    private static Latency latency(List<Sample> samples) {
        long[] millis = samples.stream().map(Sample::call).filter(Objects::nonNull).mapToLong(LlmCall::latencyMillis)
                .sorted().toArray();
        if (millis.length == 0) {
            return new Latency(0, 0, 0);
        }
        return new Latency(percentile(millis, 50), percentile(millis, 95), millis[millis.length - 1]);
    }

    /** Nearest rank: the smallest value that at least p % of the values do not exceed. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static List<ProposedAction> actionsOf(Analysis analysis) {
        return analysis == null || analysis.actions() == null ? List.of()
                : analysis.actions().stream().filter(Objects::nonNull).toList();
    }

    private static List<ProposedAction> ofType(List<ProposedAction> actions, String type) {
        return actions.stream().filter(a -> type.equals(a.type())).toList();
    }

    private static int cell(Map<String, Map<String, Integer>> confusion, String expected, String actual) {
        return confusion.getOrDefault(expected, Map.of()).getOrDefault(actual, 0);
    }

    private static String valueOf(Analysis analysis, Function<Analysis, String> field) {
        String value = analysis == null ? null : field.apply(analysis);
        return value == null || value.isBlank() ? NONE : value.trim();
    }

    private static String capitalised(String value) {
        String trimmed = value.trim();
        return trimmed.isEmpty() ? NONE
                : trimmed.substring(0, 1).toUpperCase(Locale.ROOT) + trimmed.substring(1).toLowerCase(Locale.ROOT);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : round((double) part / whole);
    }

    private static double round(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }
}
