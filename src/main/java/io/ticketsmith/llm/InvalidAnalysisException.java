package io.ticketsmith.llm;

import java.util.List;

/** The LLM answered twice, and neither answer was a valid analysis. */
public class InvalidAnalysisException extends RuntimeException {

    private final List<String> errors;
    private final String rawOutput;
    private final transient LlmCall call;

    public InvalidAnalysisException(List<String> errors, String rawOutput, LlmCall call) {
        super("The LLM's analysis was invalid after one re-ask: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
        this.rawOutput = rawOutput;
        this.call = call;
    }

    public List<String> errors() {
        return errors;
    }

    /** The last answer, as received. */
    public String rawOutput() {
        return rawOutput;
    }

    public LlmCall call() {
        return call;
    }
}
