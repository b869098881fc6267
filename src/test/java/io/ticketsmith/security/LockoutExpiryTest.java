package io.ticketsmith.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** Ten wrong passwords lock a user out for good in the engine; here the lockout ends by itself after its duration. */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
class LockoutExpiryTest {

    @Autowired IdentityService identityService;
    @Autowired LockoutExpiry lockoutExpiry;
    @Autowired JdbcTemplate jdbc;

    @Test
    void lockedUserCanLogInAgainOnceTheLockoutHasPassed() {
        String userId = "locked" + System.nanoTime();
        User user = identityService.newUser(userId);
        user.setPassword("right-" + userId);
        identityService.saveUser(user);
        // Ten wrong passwords, each after the engine's delay between attempts has passed.
        for (int attempt = 0; attempt < 10; attempt++) {
            identityService.checkPassword(userId, "wrong");
            jdbc.update("UPDATE ACT_ID_USER SET LOCK_EXP_TIME_ = NULL WHERE ID_ = ? AND ATTEMPTS_ < 10", userId);
        }
        assertThat(identityService.checkPassword(userId, "right-" + userId)).as("locked out").isFalse();

        assertThat(lockoutExpiry.unlockExpired()).as("a fresh lockout stays").isZero();
        assertThat(identityService.checkPassword(userId, "right-" + userId)).isFalse();

        // Sixteen minutes later (the default lockout is fifteen).
        jdbc.update("UPDATE ACT_ID_USER SET LOCK_EXP_TIME_ = ? WHERE ID_ = ?",
                Timestamp.from(Instant.now().minus(16, ChronoUnit.MINUTES)), userId);
        assertThat(lockoutExpiry.unlockExpired()).isEqualTo(1);
        assertThat(identityService.checkPassword(userId, "right-" + userId)).as("unlocked").isTrue();
    }
}
