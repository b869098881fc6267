package io.ticketsmith.intake;

import java.util.List;

import io.ticketsmith.request.HandleRequestProcess;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The decision record is history, so the engine's own authorization decides who reads it: READ_HISTORY on the
 * request process. What an administrator grants or revokes in the Admin webapp then holds for the record as it
 * does for Cockpit and the engine REST API.
 */
@Component
class HistoryAccess {

    private static final String ROLE_PREFIX = "ROLE_";

    private final AuthorizationService authorizations;

    HistoryAccess(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    void check(Authentication reader) {
        List<String> groups = reader.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length())).toList();
        if (!authorizations.isUserAuthorized(reader.getName(), groups, ProcessDefinitionPermissions.READ_HISTORY,
                Resources.PROCESS_DEFINITION, HandleRequestProcess.KEY)) {
            throw new IntakeExceptions.HistoryNotReadable(reader.getName());
        }
    }
}
