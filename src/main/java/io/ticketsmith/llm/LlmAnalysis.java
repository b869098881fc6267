package io.ticketsmith.llm;

import io.ticketsmith.analysis.Analysis;

/** A valid analysis from the LLM, with its raw answer (kept for prompt tuning) and what the call cost. */
public record LlmAnalysis(Analysis analysis, String rawOutput, LlmCall call) {
}
