package io.ticketsmith.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import io.ticketsmith.support.TestClock;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ClientRateLimitsTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-30T08:00:00Z"));

    @Test
    void aMinutesCallsPassAtOnceThenOneEveryShareOfTheMinute() {
        ClientRateLimits limits = limits(600, 10);
        for (int i = 0; i < 10; i++) {
            limits.acquire("rita", ClientRateLimits.Kind.PLANS);
        }

        assertThatThrownBy(() -> limits.acquire("rita", ClientRateLimits.Kind.PLANS))
                .isInstanceOfSatisfying(IntakeExceptions.RateLimited.class,
                        limited -> assertThat(limited.retryAfterSeconds()).isEqualTo(6));

        clock.advance(Duration.ofSeconds(6));
        limits.acquire("rita", ClientRateLimits.Kind.PLANS);
        assertThatThrownBy(() -> limits.acquire("rita", ClientRateLimits.Kind.PLANS))
                .isInstanceOf(IntakeExceptions.RateLimited.class);
    }

    @Test
    void eachUserAndKindHasItsOwnBucket() {
        ClientRateLimits limits = limits(1, 1);
        limits.acquire("rita", ClientRateLimits.Kind.PLANS);

        limits.acquire("sam", ClientRateLimits.Kind.PLANS);
        limits.acquire("rita", ClientRateLimits.Kind.REQUESTS);
        assertThatThrownBy(() -> limits.acquire("rita", ClientRateLimits.Kind.REQUESTS))
                .isInstanceOfSatisfying(IntakeExceptions.RateLimited.class,
                        limited -> assertThat(limited.retryAfterSeconds()).isEqualTo(60));
    }

    @Test
    void zeroMeansNoLimit() {
        ClientRateLimits limits = limits(0, 0);

        assertThatCode(() -> {
            for (int i = 0; i < 10_000; i++) {
                limits.acquire("bench", ClientRateLimits.Kind.REQUESTS);
            }
        }).doesNotThrowAnyException();
    }

    private ClientRateLimits limits(int requestsPerMinute, int plansPerMinute) {
        return new ClientRateLimits(clock, new IntakeProperties(DataSize.ofKilobytes(32), 100, requestsPerMinute,
                plansPerMinute));
    }
}
