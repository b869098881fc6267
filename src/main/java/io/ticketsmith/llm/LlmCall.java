package io.ticketsmith.llm;

/**
 * What one analysis cost and who answered it, recorded with every LLM analysis.
 *
 * @param provider         {@code openai} or {@code ollama}
 * @param model            the model the provider says answered
 * @param promptVersion    the version of the prompt resource used
 * @param promptTokens     input tokens over all calls of this analysis (including a re-ask)
 * @param completionTokens output tokens over all calls of this analysis
 * @param latencyMillis    wall-clock time over all calls of this analysis
 * @param calls            1, or 2 when the first answer was invalid and the model was asked again
 */
public record LlmCall(String provider, String model, String promptVersion, long promptTokens,
        long completionTokens, long latencyMillis, int calls) {
}
