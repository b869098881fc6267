package io.ticketsmith.safety;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param restoreInActions put the original values back into the Jira actions after approval (e.g. a customer's
 *                         e-mail in a new issue); off by default, so nothing personal reaches Jira either
 * @param vaultKey         AES key (Base64, 16, 24 or 32 bytes) that encrypts the originals while a request runs;
 *                         required when restoring, from {@code TICKETSMITH_PII_VAULT_KEY}
 */
@Validated
@ConfigurationProperties("ticketsmith.pii")
public record PiiProperties(boolean restoreInActions, String vaultKey) {

    /** Never prints the key. */
    @Override
    public String toString() {
        return "PiiProperties[restoreInActions=" + restoreInActions + ", vaultKey="
                + (vaultKey == null || vaultKey.isBlank() ? "none" : "****") + "]";
    }
}
