package io.ticketsmith.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Authenticates the application's own endpoints against the engine's identity store, so webapps,
 * engine REST, API and actuator share one set of users. Each Camunda group becomes the role of the
 * same name.
 *
 * <p>An API client sends its password with every call. A successful check is remembered for a short while
 * ({@code ticketsmith.security.authentication-cache-ttl}, 30 s by default), so a client's next calls cost no
 * password hash and no user and group queries. What is remembered is a keyed hash of the user id and password (a
 * random key per process), never the password. A failed check is never remembered, and a wrong password is always
 * checked by the engine, so its lockout counts every attempt. A password change, a lock or a group change applies to
 * a remembered login after at most that while.
 */
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    /** Beyond this many remembered logins, expired ones are dropped, then all: memory stays bounded. */
    private static final int MAX_REMEMBERED = 10_000;

    private final IdentityService identityService;
    private final Duration ttl;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    CamundaIdentityAuthenticationProvider(IdentityService identityService, Duration ttl, Clock clock) {
        this.identityService = identityService;
        this.ttl = ttl == null ? Duration.ZERO : ttl;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (userId == null || userId.isBlank() || credentials == null) {
            throw new BadCredentialsException("Bad credentials");
        }
        String login = ttl.isZero() ? null : fingerprint(userId, credentials.toString());
        Instant now = clock.instant();
        Remembered known = login == null ? null : remembered.get(login);
        if (known != null && now.isBefore(known.until())) {
            return UsernamePasswordAuthenticationToken.authenticated(userId, null, known.roles());
        }
        if (!identityService.checkPassword(userId, credentials.toString())) {
            throw new BadCredentialsException("Bad credentials");
        }
        List<String> groupIds = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        var roles = TicketsmithGroups.asRoles(groupIds);
        if (login != null) {
            remember(login, new Remembered(List.copyOf(roles), now.plus(ttl)), now);
        }
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, roles);
    }

    private void remember(String login, Remembered entry, Instant now) {
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.values().removeIf(old -> !now.isBefore(old.until()));
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
        }
        remembered.put(login, entry);
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

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private record Remembered(List<? extends org.springframework.security.core.GrantedAuthority> roles,
            Instant until) {
    }
}
