package io.ticketsmith.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * After {@code loginMaxAttempts} wrong passwords the engine locks a user for good, until an administrator unlocks
 * them: anyone who knows a user name, the administrator's included, could lock that person out. Here the lockout
 * ends by itself after {@code ticketsmith.security.lockout-duration} (default 15 minutes), counted from the last
 * wrong password; until then the engine's growing delay between attempts still slows down guessing.
 */
@Component
class LockoutExpiry {

    private static final Logger log = LoggerFactory.getLogger(LockoutExpiry.class);

    private final JdbcTemplate jdbc;
    private final IdentityService identityService;
    private final ProcessEngineConfigurationImpl engine;
    private final Clock clock;
    private final Duration lockoutDuration;

    LockoutExpiry(JdbcTemplate jdbc, ProcessEngine processEngine, Clock clock,
            @Value("${ticketsmith.security.lockout-duration:PT15M}") Duration lockoutDuration) {
        this.jdbc = jdbc;
        this.identityService = processEngine.getIdentityService();
        this.engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        this.clock = clock;
        this.lockoutDuration = lockoutDuration;
    }

    /** Unlocks every user whose lockout is older than the lockout duration; returns how many. */
    @Scheduled(fixedDelayString = "${ticketsmith.security.lockout-check-interval:PT1M}")
    int unlockExpired() {
        // The last wrong password set the lock's expiry up to loginDelayMaxTime ahead, so a lockout ends at most
        // that much (a minute by default) after the duration, never before it.
        Timestamp lockedBefore = Timestamp.from(clock.instant().minus(lockoutDuration));
        List<String> expired = jdbc.queryForList("SELECT ID_ FROM ACT_ID_USER WHERE ATTEMPTS_ >= ? AND LOCK_EXP_TIME_ < ?",
                String.class, engine.getLoginMaxAttempts(), lockedBefore);
        expired.forEach(identityService::unlockUser);
        if (!expired.isEmpty()) {
            log.info("Unlocked {} user(s) whose lockout of {} has passed", expired.size(), lockoutDuration);
        }
        return expired.size();
    }
}
