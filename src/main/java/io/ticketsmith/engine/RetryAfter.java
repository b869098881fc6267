package io.ticketsmith.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the wait a remote service (an LLM provider, Jira) asks for in a {@code Retry-After} header
 * (RFC 9110: delta-seconds or an HTTP-date).
 */
public final class RetryAfter {

    // Some gateways in front of LLMs send fractional seconds; RFC 9110 allows only integers, but reading them is cheap.
    private static final Pattern SECONDS = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");
    private static final Pattern MILLIS = Pattern.compile("\\d{1,15}");

    private RetryAfter() {
    }

    /**
     * @return the wait, zero when the date is already past, or empty when the value is missing or unreadable
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (SECONDS.matcher(trimmed).matches()) {
            long millis = new BigDecimal(trimmed).movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
            return Optional.of(Duration.ofMillis(millis));
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** OpenAI also sends {@code retry-after-ms}, which is more precise than {@code Retry-After} when both are there. */
    public static Optional<Duration> parseMillis(String value) {
        if (value == null || !MILLIS.matcher(value.trim()).matches()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Long.parseLong(value.trim())));
    }
}
