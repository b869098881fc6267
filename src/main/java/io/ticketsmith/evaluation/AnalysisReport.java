package io.ticketsmith.evaluation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How well analyses agree with the expected ones: per field, per action type, what they cost and how long they took,
 * and whether the model's stated confidence matches how often it is right. Built by {@link AnalysisReports}.
 *
 * @param setup       what was evaluated: provider, model, prompt version, the set or sample
 * @param tickets     how many tickets were evaluated
 * @param failed      how many of them got no analysis (counted as wrong in every field, with the label "none")
 * @param fields      intent, category, urgency, sentiment, project and issueType, in that order
 * @param actions     agreement per action type, in the order of {@code ActionType}
 * @param exactActions share of tickets whose proposed actions agree with the expected ones exactly
 * @param calibration per field with a stated confidence (intent, category, urgency, sentiment)
 */
@JsonPropertyOrder({"setup", "tickets", "failed", "fields", "actions", "exactActions", "cost", "latency", "calibration"})
public record AnalysisReport(Map<String, String> setup, int tickets, int failed, Map<String, FieldScore> fields,
        Map<String, ActionAgreement> actions, double exactActions, Cost cost, Latency latency,
        Map<String, List<CalibrationBucket>> calibration) {

    /**
     * @param accuracy  share of tickets with the expected value
     * @param macroF1   mean F1 over every label that was expected or answered
     * @param perLabelF1 F1 of each label
     * @param confusion expected label → answered label → tickets
     */
    @JsonPropertyOrder({"correct", "total", "accuracy", "macroF1", "perLabelF1", "confusion"})
    public record FieldScore(int correct, int total, double accuracy, double macroF1, Map<String, Double> perLabelF1,
            Map<String, Map<String, Integer>> confusion) {
    }

    /**
     * @param expected tickets for which this action type was expected
     * @param proposed tickets for which the model proposed it
     * @param agreed   tickets for which both did, on the same issue, project, issue type, link or template where the
     *                 expected action names them
     * @param precision agreed / proposed (0 when nothing was proposed)
     * @param recall    agreed / expected (0 when nothing was expected)
     */
    @JsonPropertyOrder({"expected", "proposed", "agreed", "precision", "recall"})
    public record ActionAgreement(int expected, int proposed, int agreed, double precision, double recall) {
    }

    /** Tokens over every call (re-asks included) and their price at {@code ticketsmith.budget.prices}. */
    @JsonPropertyOrder({"calls", "promptTokens", "completionTokens", "usd"})
    public record Cost(long calls, long promptTokens, long completionTokens, BigDecimal usd) {
    }

    /** Wall-clock time of an analysis (all its calls), nearest-rank percentiles over the tickets that were called. */
    @JsonPropertyOrder({"p50Millis", "p95Millis", "maxMillis"})
    public record Latency(long p50Millis, long p95Millis, long maxMillis) {
    }

    /**
     * @param bucket         the stated confidence range, lower bound included
     * @param count          answers whose confidence fell into it
     * @param meanConfidence their mean stated confidence
     * @param accuracy       the share of them that was right; well calibrated when close to meanConfidence
     */
    @JsonPropertyOrder({"bucket", "count", "meanConfidence", "accuracy"})
    public record CalibrationBucket(String bucket, int count, double meanConfidence, double accuracy) {
    }
}
