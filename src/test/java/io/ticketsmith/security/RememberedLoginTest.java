package io.ticketsmith.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import io.ticketsmith.support.TestClock;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** A client's repeated calls within the remembered while cost no password check; anything else still does. */
class RememberedLoginTest {

    private final IdentityService identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);
    private final TestClock clock = new TestClock(Instant.parse("2026-11-30T08:00:00Z"));
    private final ProcessEngine engine = mock(ProcessEngine.class);
    private final CamundaIdentityAuthenticationProvider provider =
            new CamundaIdentityAuthenticationProvider(new IdentityLogins(identity, Duration.ofSeconds(30), clock));

    @BeforeEach
    void intakeClient() {
        when(engine.getIdentityService()).thenReturn(identity);
        Group group = mock(Group.class);
        when(group.getId()).thenReturn("intake");
        when(identity.checkPassword("intake", "s3cret")).thenReturn(true);
        when(identity.createGroupQuery().groupMember("intake").list()).thenReturn(List.of(group));
    }

    @Test
    void aSecondCallWithTheSamePasswordWithinTheWhileIsNotCheckedAgainAndKeepsItsRoles() {
        Authentication first = provider.authenticate(login("intake", "s3cret"));
        clock.advance(Duration.ofSeconds(29));
        Authentication second = provider.authenticate(login("intake", "s3cret"));

        verify(identity, times(1)).checkPassword("intake", "s3cret");
        assertThat(second.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .isEqualTo(first.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList())
                .contains("ROLE_intake");
        assertThat(second.getCredentials()).isNull();
    }

    @Test
    void afterTheWhileThePasswordIsCheckedAgain() {
        provider.authenticate(login("intake", "s3cret"));
        clock.advance(Duration.ofSeconds(30));
        provider.authenticate(login("intake", "s3cret"));

        verify(identity, times(2)).checkPassword("intake", "s3cret");
    }

    @Test
    void aWrongPasswordIsAlwaysCheckedByTheEngineAndNeverRemembered() {
        provider.authenticate(login("intake", "s3cret"));

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> provider.authenticate(login("intake", "guess")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        verify(identity, times(2)).checkPassword("intake", "guess");
    }

    @Test
    void withoutAWhileEveryCallIsChecked() {
        var checking = new CamundaIdentityAuthenticationProvider(new IdentityLogins(identity, Duration.ZERO, clock));

        checking.authenticate(login("intake", "s3cret"));
        checking.authenticate(login("intake", "s3cret"));

        verify(identity, times(2)).checkPassword(anyString(), anyString());
    }

    @Test
    void theEngineRestApiGetsTheRememberedGroupsAndTenantsWithoutAskingTheEngineAgain() {
        Tenant tenant = mock(Tenant.class);
        when(tenant.getId()).thenReturn("emea");
        when(identity.createTenantQuery().userMember("intake").includingGroupsOfUser(true).list())
                .thenReturn(List.of(tenant));
        IdentityLogins logins = new IdentityLogins(identity, Duration.ofSeconds(30), clock);
        var basic = new EngineRestAuthenticationFilter.RememberedBasicAuthentication(() -> logins);

        AuthenticationResult first = basic.extractAuthenticatedUser(basicAuth("intake:s3cret"), engine);
        AuthenticationResult second = basic.extractAuthenticatedUser(basicAuth("intake:s3cret"), engine);

        assertThat(second.isAuthenticated()).isTrue();
        assertThat(second.getAuthenticatedUser()).isEqualTo("intake");
        assertThat(second.getGroups()).containsExactly("intake").isEqualTo(first.getGroups());
        assertThat(second.getTenants()).containsExactly("emea");
        verify(identity, times(1)).checkPassword("intake", "s3cret");
    }

    @Test
    void theEngineRestApiReadsThePasswordAsUtf8AndRefusesWhatIsNotBasicAuthentication() {
        when(identity.checkPassword("intake", "pässwörd")).thenReturn(true);
        var basic = new EngineRestAuthenticationFilter.RememberedBasicAuthentication(
                () -> new IdentityLogins(identity, Duration.ofSeconds(30), clock));

        assertThat(basic.extractAuthenticatedUser(basicAuth("intake:pässwörd"), engine).isAuthenticated()).isTrue();
        assertThat(basic.extractAuthenticatedUser(basicAuth("intake:wrong"), engine).isAuthenticated()).isFalse();
        assertThat(basic.extractAuthenticatedUser(basicAuth("no colon"), engine).isAuthenticated()).isFalse();
        assertThat(basic.extractAuthenticatedUser(header("Basic %%%"), engine).isAuthenticated()).isFalse();
        assertThat(basic.extractAuthenticatedUser(header(null), engine).isAuthenticated()).isFalse();
        verify(identity).checkPassword("intake", "wrong");
    }

    private static HttpServletRequest basicAuth(String userAndPassword) {
        return header("Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpServletRequest header(String authorization) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getHeader("Authorization")).thenReturn(authorization);
        return request;
    }

    private static Authentication login(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }
}
