package io.ticketsmith.reply;

import java.util.Map;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How replies to requesters are written and checked.
 *
 * @param defaultTone  the tone of a reply when the request names none and its source has no default of its own
 * @param toneBySource the default tone per request source ({@code jira: concise})
 * @param signatures   the signature added under a reply, per language code ({@code de: "Viele Grüße\n…"}); the
 *                     {@code en} one for languages without their own
 * @param minLength    a shorter reply is flagged for the reviewer (characters, signature included)
 * @param maxLength    a longer reply is flagged for the reviewer (characters, signature included)
 */
@Validated
@ConfigurationProperties("ticketsmith.reply")
public record ReplyProperties(
        @DefaultValue("friendly") ReplyTone defaultTone,
        Map<String, ReplyTone> toneBySource,
        Map<String, String> signatures,
        @DefaultValue("40") @Min(0) int minLength,
        @DefaultValue("2500") @Min(1) int maxLength) {

    private static final String DEFAULT_SIGNATURE = "Kind regards,\nThe support team";

    public ReplyProperties {
        toneBySource = toneBySource == null ? Map.of() : Map.copyOf(toneBySource);
        // An environment variable cannot hold a line break: "\n" written out stands for one.
        signatures = signatures == null || signatures.isEmpty() ? Map.of("en", DEFAULT_SIGNATURE)
                : signatures.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                        Map.Entry::getKey, entry -> entry.getValue().replace("\\n", "\n")));
    }

    /** The request's own tone when it names a known one, else its source's default, else the default. */
    public ReplyTone toneFor(String requestTone, String source) {
        return ReplyTone.of(requestTone)
                .orElseGet(() -> source == null ? defaultTone : toneBySource.getOrDefault(source, defaultTone));
    }

    /** The signature in that language, or the English one. */
    public String signatureFor(String languageCode) {
        String signature = signatures.get(languageCode);
        if (signature == null) {
            signature = signatures.getOrDefault("en", DEFAULT_SIGNATURE);
        }
        return signature;
    }
}
