package io.ticketsmith.security;

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
 */
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identityService;

    CamundaIdentityAuthenticationProvider(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (userId == null || userId.isBlank() || credentials == null
                || !identityService.checkPassword(userId, credentials.toString())) {
            throw new BadCredentialsException("Bad credentials");
        }
        List<String> groupIds = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, TicketsmithGroups.asRoles(groupIds));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
