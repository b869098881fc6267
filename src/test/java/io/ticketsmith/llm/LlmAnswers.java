package io.ticketsmith.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the LLM providers answer, on the wire: analysis JSON as the model writes it, wrapped in the OpenAI
 * chat-completion and Ollama chat envelopes.
 */
final class LlmAnswers {

    static final String CHECKOUT_REQUEST = """
            Hi, since this morning the checkout page shows a blank screen after I click "Pay now".
            I tried Chrome and Firefox. This is costing us orders! Order number 48213, reach me at [EMAIL_1].
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private LlmAnswers() {
    }

    /** A valid analysis of {@link #CHECKOUT_REQUEST}, as a model writes it. */
    static String checkoutBug() {
        return checkoutBugWithUrgency("high");
    }

    /** The same analysis with any urgency, e.g. one the contract does not allow. */
    static String checkoutBugWithUrgency(String urgency) {
        return """
                {"intent": "create_issue",
                 "summary": "Checkout shows a blank screen after clicking Pay now",
                 "category": "bug",
                 "urgency": "%s",
                 "sentiment": "negative",
                 "confidence": {"intent": 0.9, "category": 0.95, "urgency": 0.8, "sentiment": 0.85},
                 "explanation": "The customer reports that payment fails in two browsers and orders are lost.",
                 "actions": [
                   {"type": "create_issue", "project": "WEB", "issueType": "Bug",
                    "summary": "Blank checkout page after Pay now", "description": "Reported by [EMAIL_1].",
                    "priority": null, "labels": ["checkout"], "assignee": null, "parent": null},
                   {"type": "draft_reply", "to": "[EMAIL_1]", "subject": "Your checkout problem",
                    "body": "Thanks for reporting this; we are looking into it."}
                 ]}
                """.formatted(urgency);
    }

    /** An answer cut off in the middle, as when the model runs out of tokens. */
    static String truncated() {
        return "{\"intent\": \"create_issue\", \"summary\": \"Checkout shows a blank";
    }

    static String openAiCompletion(String content, int promptTokens, int completionTokens) {
        return json(Map.of(
                "id", "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
                "object", "chat.completion",
                "created", 1741569952,
                "model", "gpt-4o-mini-2024-07-18",
                "choices", List.of(Map.of(
                        "index", 0,
                        "message", assistantMessage(content),
                        "finish_reason", "stop")),
                "usage", Map.of(
                        "prompt_tokens", promptTokens,
                        "completion_tokens", completionTokens,
                        "total_tokens", promptTokens + completionTokens),
                "service_tier", "default",
                "system_fingerprint", "fp_06737a9306"));
    }

    static String openAiError(String message, String type, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", code);
        return json(Map.of("error", error));
    }

    static String ollamaChat(String content, int promptEvalCount, int evalCount) {
        return json(Map.ofEntries(
                Map.entry("model", "llama3.2"),
                Map.entry("created_at", "2025-03-10T09:32:11.123456789Z"),
                Map.entry("message", Map.of("role", "assistant", "content", content)),
                Map.entry("done_reason", "stop"),
                Map.entry("done", true),
                Map.entry("total_duration", 4_883_583_458L),
                Map.entry("load_duration", 1_334_875L),
                Map.entry("prompt_eval_count", promptEvalCount),
                Map.entry("prompt_eval_duration", 342_546_000L),
                Map.entry("eval_count", evalCount),
                Map.entry("eval_duration", 4_535_599_000L)));
    }

    private static Map<String, Object> assistantMessage(String content) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", content);
        message.put("refusal", null);
        return message;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
