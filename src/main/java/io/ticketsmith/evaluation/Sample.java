package io.ticketsmith.evaluation;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.llm.LlmCall;

/**
 * One evaluated ticket: what a person says the analysis should be, and what the model answered.
 *
 * @param id       the ticket's id in the evaluation set, or the request id of a replayed request
 * @param expected the labelled (or reviewer-final) analysis; only intent, category, urgency, sentiment and actions count
 * @param actual   the model's analysis, or null when it gave none (unreachable, or invalid twice)
 * @param call     what the call cost and how long it took, or null when nothing was called
 * @param failure  why there is no analysis (an exception's class, never the text), or null
 */
public record Sample(String id, Analysis expected, Analysis actual, LlmCall call, String failure) {

    public static Sample answered(String id, Analysis expected, Analysis actual, LlmCall call) {
        return new Sample(id, expected, actual, call, null);
    }

    public static Sample failed(String id, Analysis expected, LlmCall call, String failure) {
        return new Sample(id, expected, null, call, failure);
    }
}
