package io.ticketsmith.safety;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps, only when {@code ticketsmith.pii.restore-in-actions} is on, the values behind a request's placeholders,
 * AES-GCM encrypted with a key from the environment, so that approved Jira actions can carry them. The engine's
 * tables never see them, and they are deleted when the request ends.
 */
@Component
public class PiiVault {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcTemplate jdbc;
    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public PiiVault(JdbcTemplate jdbc, PiiProperties properties) {
        this.jdbc = jdbc;
        this.key = properties.restoreInActions() ? key(properties.vaultKey()) : null;
    }

    public boolean isEnabled() {
        return key != null;
    }

    public void store(String requestId, Map<String, String> originals) {
        if (key == null || requestId == null) {
            return;
        }
        originals.forEach((placeholder, value) -> {
            if (jdbc.queryForObject("SELECT COUNT(*) FROM ts_pii_vault WHERE request_id = ? AND placeholder = ?",
                    Long.class, requestId, placeholder) == 0) {
                jdbc.update("INSERT INTO ts_pii_vault (request_id, placeholder, value_enc, created_at) VALUES (?, ?, ?, ?)",
                        requestId, placeholder, encrypt(value), Timestamp.from(Instant.now()));
            }
        });
    }

    /** The text with this request's placeholders replaced by their values; unchanged when the vault is off. */
    public String restore(String requestId, String text) {
        if (key == null || text == null || !text.contains("[")) {
            return text;
        }
        Map<String, String> originals = new LinkedHashMap<>();
        jdbc.query("SELECT placeholder, value_enc FROM ts_pii_vault WHERE request_id = ?",
                row -> {
                    originals.put(row.getString("placeholder"), decrypt(row.getString("value_enc")));
                }, requestId);
        String restored = text;
        for (Map.Entry<String, String> original : originals.entrySet()) {
            restored = restored.replace(original.getKey(), original.getValue());
        }
        return restored;
    }

    /** The placeholders of this request that {@link #restore} puts back; empty when the vault is off. */
    public java.util.Set<String> placeholders(String requestId) {
        if (key == null || requestId == null) {
            return java.util.Set.of();
        }
        return java.util.Set.copyOf(jdbc.queryForList("SELECT placeholder FROM ts_pii_vault WHERE request_id = ?",
                String.class, requestId));
    }

    public void forget(String requestId) {
        if (key != null && requestId != null) {
            jdbc.update("DELETE FROM ts_pii_vault WHERE request_id = ?", requestId);
        }
    }

    private String encrypt(String value) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The PII vault could not encrypt a value", e);
        }
    }

    private String decrypt(String stored) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Wrong key or tampered row: say so without echoing anything of the value.
            throw new IllegalStateException("The PII vault could not decrypt a value (wrong TICKETSMITH_PII_VAULT_KEY?)");
        }
    }

    private static SecretKey key(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException("ticketsmith.pii.restore-in-actions needs a key: set TICKETSMITH_PII_VAULT_KEY "
                    + "to a Base64 AES key (e.g. openssl rand -base64 32)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("TICKETSMITH_PII_VAULT_KEY is not Base64");
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalStateException("TICKETSMITH_PII_VAULT_KEY must be 16, 24 or 32 bytes, not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
