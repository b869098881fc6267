package io.ticketsmith.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;

/**
 * Password checks against the engine's identity store, shared by the application's API and the engine REST API, so
 * webapps, engine REST, API and actuator share one set of users.
 *
 * <p>A client sends its password with every call. A successful check is remembered for a short while
 * ({@code ticketsmith.security.authentication-cache-ttl}, 30 s by default) with the user's groups and tenants, so a
 * client's next calls cost no password hash and no user, group and tenant queries. What is remembered is a keyed hash
 * of the user id and password (a random key per process), never the password. A failed check is never remembered,
 * and a wrong password is always checked by the engine, so its lockout counts every attempt. A password change, a
 * lock or a group or tenant change applies to a remembered login after at most that while.
 */
final class IdentityLogins {

    /** Beyond this many remembered logins, expired ones are dropped, then all: memory stays bounded. */
    private static final int MAX_REMEMBERED = 10_000;

    /** A user whose password was right, with the groups and tenants they belonged to then. */
    record Login(String userId, List<String> groupIds, List<String> tenantIds) {
    }

    private final IdentityService identityService;
    private final Duration ttl;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    IdentityLogins(IdentityService identityService, Duration ttl, Clock clock) {
        this.identityService = identityService;
        this.ttl = ttl == null ? Duration.ZERO : ttl;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** @return the login, or null when the user id or the password is wrong, missing, or the user is locked */
    Login check(String userId, String password) {
        return check(identityService, userId, password);
    }

    /**
     * The same, checked by the identity service of the engine a call addresses (the engine REST API's), which is this
     * application's engine.
     */
    Login check(IdentityService identityService, String userId, String password) {
        if (userId == null || userId.isBlank() || password == null) {
            return null;
        }
        String fingerprint = ttl.isZero() ? null : fingerprint(userId, password);
        Instant now = clock.instant();
        Remembered known = fingerprint == null ? null : remembered.get(fingerprint);
        if (known != null && now.isBefore(known.until())) {
            return known.login();
        }
        if (!identityService.checkPassword(userId, password)) {
            return null;
        }
        Login login = new Login(userId,
                identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList(),
                identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
                        .map(Tenant::getId).toList());
        if (fingerprint != null) {
            remember(fingerprint, new Remembered(login, now.plus(ttl)), now);
        }
        return login;
    }

    private void remember(String fingerprint, Remembered entry, Instant now) {
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.values().removeIf(old -> !now.isBefore(old.until()));
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
        }
        remembered.put(fingerprint, entry);
    }

    private String fingerprint(String userId, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(userId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    private record Remembered(Login login, Instant until) {
    }
}
