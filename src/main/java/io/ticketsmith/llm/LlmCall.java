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
 * @param schemaEnforced   whether the provider was asked to hold the answer to the analysis schema (structured
 *                         output); null for calls recorded before this was kept
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record LlmCall(String provider, String model, String promptVersion, long promptTokens,
        long completionTokens, long latencyMillis, int calls, Boolean schemaEnforced) {

    public LlmCall(String provider, String model, String promptVersion, long promptTokens, long completionTokens,
            long latencyMillis, int calls) {
        this(provider, model, promptVersion, promptTokens, completionTokens, latencyMillis, calls, null);
    }
}
