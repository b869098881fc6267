package io.ticketsmith.zendesk;

/**
 * The signing secret of the Zendesk webhook, from {@code TICKETSMITH_ZENDESK_WEBHOOK_SECRET}; blank when not set,
 * and then every webhook call is refused.
 */
public record ZendeskWebhookSecret(String value) {

    public static final String VARIABLE = "TICKETSMITH_ZENDESK_WEBHOOK_SECRET";

    public boolean configured() {
        return value != null && !value.isBlank();
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ZendeskWebhookSecret[" + (configured() ? "****" : "none") + "]";
    }
}
