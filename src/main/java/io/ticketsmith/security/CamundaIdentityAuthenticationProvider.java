package io.ticketsmith.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Authenticates the application's own endpoints against the engine's identity store ({@link IdentityLogins}, which
 * remembers a successful check for a short while). Each Camunda group becomes the role of the same name.
 */
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityLogins logins;

    CamundaIdentityAuthenticationProvider(IdentityLogins logins) {
        this.logins = logins;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object credentials = authentication.getCredentials();
        IdentityLogins.Login login = logins.check(authentication.getName(),
                credentials == null ? null : credentials.toString());
        if (login == null) {
            throw new BadCredentialsException("Bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(login.userId(), null,
                TicketsmithGroups.asRoles(login.groupIds()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
