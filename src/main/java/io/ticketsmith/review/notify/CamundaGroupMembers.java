package io.ticketsmith.review.notify;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * Group members from the engine's identity service, the one user store of the application (or LDAP behind it).
 * Asked on a notification thread, where no user is authenticated, so the engine's authorization checks do not
 * hide members.
 */
final class CamundaGroupMembers implements GroupMembers {

    private final IdentityService identityService;

    CamundaGroupMembers(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public List<String> emailsOf(String groupId) {
        return identityService.createUserQuery().memberOfGroup(groupId).list().stream()
                .map(User::getEmail)
                .filter(email -> email != null && !email.isBlank())
                .toList();
    }
}
