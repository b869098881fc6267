package io.ticketsmith.analysis;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What the analysis (LLM or keyword rules) proposes for one request. This is the JSON shape the
 * LLM must answer with, the shape kept in the process variable {@code analysis}, and the shape the
 * API returns.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"intent", "summary", "category", "urgency", "sentiment", "confidence", "explanation", "actions"})
public record Analysis(
        String intent,
        String summary,
        String category,
        String urgency,
        String sentiment,
        Confidence confidence,
        String explanation,
        List<ProposedAction> actions) {

    public Analysis {
        actions = actions == null ? null : List.copyOf(actions);
    }

    public Analysis withActions(List<ProposedAction> newActions) {
        return new Analysis(intent, summary, category, urgency, sentiment, confidence, explanation, newActions);
    }

    /** Confidence of each part of the analysis, from 0 to 1. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"intent", "category", "urgency", "sentiment"})
    public record Confidence(Double intent, Double category, Double urgency, Double sentiment) {

        public static Confidence all(double value) {
            return new Confidence(value, value, value, value);
        }

        /** The lowest of the four; a missing value counts as 0 so that it can never raise the minimum. */
        public double min() {
            return Math.min(Math.min(orZero(intent), orZero(category)), Math.min(orZero(urgency), orZero(sentiment)));
        }

        private static double orZero(Double value) {
            return value == null ? 0.0 : value;
        }
    }
}
