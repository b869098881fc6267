package io.ticketsmith.reply.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Message-IDs of e-mailed replies: {@code <{requestId}.{first 16 of the idempotency key}@{domain}>} for a reply,
 * and {@code <{requestId}@{domain}>} as the root every reply of the request names in In-Reply-To and References, so
 * mail clients and ticket systems thread them together. The same action always gets the same id, which is what lets
 * receivers drop a reply sent twice.
 *
 * <p>Request ids come from API clients. In a header only letters, digits, {@code -} and {@code _} are kept as they
 * are; every other byte of the id's UTF-8 is written {@code %XX}, so no line break, space, {@code <}, {@code >} or
 * {@code @} can reach the header, and two ids never share an encoding. An id whose encoding is longer than
 * {@value #MAX_LOCAL_LENGTH} characters is replaced by its SHA-256, to keep the header within line limits.
 */
final class MessageIds {

    static final int MAX_LOCAL_LENGTH = 64;
    private static final int KEY_LENGTH = 16;

    private MessageIds() {
    }

    /** The Message-ID of one reply. */
    static String reply(String requestId, String idempotencyKey, String domain) {
        return "<" + local(requestId) + "." + idempotencyKey.substring(0, KEY_LENGTH) + "@" + domain + ">";
    }

    /** The id every reply of the request answers, though no message carries it: the thread's root. */
    static String thread(String requestId, String domain) {
        return "<" + local(requestId) + "@" + domain + ">";
    }

    static String local(String requestId) {
        StringBuilder local = new StringBuilder();
        for (byte b : requestId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                local.append(c);
            } else {
                local.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        // An empty id would leave "<@domain>" or "<.key@domain>", neither a valid id.
        if (local.length() == 0 || local.length() > MAX_LOCAL_LENGTH) {
            return "sha256-" + sha256(requestId);
        }
        return local.toString();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
