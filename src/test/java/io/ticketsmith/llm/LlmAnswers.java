package io.ticketsmith.llm;

/**
 * What a model writes when it analyses {@link #CHECKOUT_REQUEST}. The providers' envelopes around it are in
 * {@code io.ticketsmith.fixtures} (OpenAiPayloads, OllamaPayloads).
 */
final class LlmAnswers {

    static final String CHECKOUT_REQUEST = """
            Hi, since this morning the checkout page shows a blank screen after I click "Pay now".
            I tried Chrome and Firefox. This is costing us orders! Order number 48213, reach me at [EMAIL_1].
            """;

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
}
