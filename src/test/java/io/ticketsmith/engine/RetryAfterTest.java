package io.ticketsmith.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-10-21T07:28:00Z");

    @Test
    void deltaSecondsAreTheWait() {
        assertThat(RetryAfter.parse("30", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void fractionalSecondsFromGatewaysAreRoundedUpToMillis() {
        assertThat(RetryAfter.parse("1.5", NOW)).contains(Duration.ofMillis(1500));
        assertThat(RetryAfter.parse("0.0001", NOW)).contains(Duration.ofMillis(1));
    }

    @Test
    void httpDateIsTheWaitUntilThatMoment() {
        assertThat(RetryAfter.parse("Tue, 21 Oct 2025 07:30:00 GMT", NOW)).contains(Duration.ofMinutes(2));
    }

    @Test
    void httpDateInThePastMeansNoWait() {
        assertThat(RetryAfter.parse("Tue, 21 Oct 2025 07:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void garbageMissingOrNegativeValuesAreIgnored() {
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("21 Oct 2025", NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }

    @Test
    void retryAfterMsIsReadAsMillis() {
        assertThat(RetryAfter.parseMillis("1250")).contains(Duration.ofMillis(1250));
        assertThat(RetryAfter.parseMillis("1.5s")).isEmpty();
        assertThat(RetryAfter.parseMillis(null)).isEmpty();
    }
}
