package io.ticketsmith.evaluation;

/**
 * What the OpenAI stub answers for the five tickets of {@code evaluation/stub-set.jsonl}: right for the checkout bug,
 * the question and the comment; wrong in intent, category and urgency for the refund; wrong in category, urgency and
 * issue type for the outage. The figures the tests expect are worked out by hand from these.
 */
final class StubAnswers {

    static final String CHECKOUT_RIGHT = """
            {"intent": "create_issue", "summary": "Checkout fails with PayPal", "category": "bug", "urgency": "high",
             "sentiment": "negative", "confidence": {"intent": 0.95, "category": 0.9, "urgency": 0.85, "sentiment": 0.9},
             "explanation": "Payment with PayPal fails for a customer.",
             "actions": [{"type": "create_issue", "project": "WEB", "issueType": "Bug", "summary": "PayPal checkout 500",
               "description": "Reported by [EMAIL_1].", "priority": null, "labels": [], "assignee": null, "parent": null}]}""";

    static final String QUESTION_RIGHT = """
            {"intent": "question", "summary": "How to change the account e-mail address", "category": "question",
             "urgency": "low", "sentiment": "neutral",
             "confidence": {"intent": 0.92, "category": 0.92, "urgency": 0.92, "sentiment": 0.92},
             "explanation": "A how-to question.",
             "actions": [{"type": "draft_reply", "to": "[NAME_1]", "subject": "Changing your e-mail address",
               "body": "Explain where the address is changed in the settings."}]}""";

    /** Intent, category and urgency wrong, sentiment and the reply right. */
    static final String REFUND_WRONG = """
            {"intent": "question", "summary": "Charged after cancelling", "category": "question", "urgency": "low",
             "sentiment": "negative", "confidence": {"intent": 0.6, "category": 0.65, "urgency": 0.55, "sentiment": 0.75},
             "explanation": "Asks about a charge.",
             "actions": [{"type": "draft_reply", "to": "[EMAIL_1]", "subject": "Ihre Abbuchung",
               "body": "Say that the charge is being checked."}]}""";

    /** Category bug instead of incident, urgency high instead of critical, a Task instead of a Bug. */
    static final String OUTAGE_WRONG = """
            {"intent": "create_issue", "summary": "Site returns 502", "category": "bug", "urgency": "high",
             "sentiment": "negative", "confidence": {"intent": 0.9, "category": 0.75, "urgency": 0.7, "sentiment": 0.95},
             "explanation": "The site is down.",
             "actions": [{"type": "create_issue", "project": "OPS", "issueType": "Task", "summary": "Site down",
               "description": "502 on every page.", "priority": null, "labels": [], "assignee": null, "parent": null}]}""";

    static final String COMMENT_RIGHT = """
            {"intent": "comment", "summary": "WEB-42 also on Android", "category": "bug", "urgency": "medium",
             "sentiment": "neutral", "confidence": {"intent": 0.45, "category": 0.45, "urgency": 0.45, "sentiment": 0.45},
             "explanation": "Adds information to WEB-42.",
             "actions": [{"type": "comment", "issueKey": "WEB-42", "body": "Also happens in the Android app 4.2.1."}]}""";

    private StubAnswers() {
    }
}
