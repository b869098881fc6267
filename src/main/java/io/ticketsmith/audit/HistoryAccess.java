package io.ticketsmith.audit;

import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.security.TicketsmithGroups;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The decision record is history, so the engine's own authorization decides who reads it: READ_HISTORY on the
 * request process. What an administrator grants or revokes in the Admin webapp then holds for the record as it
 * does for Cockpit and the engine REST API.
 */
@Component
class HistoryAccess {

    private final AuthorizationService authorizations;

    HistoryAccess(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    void check(Authentication reader) {
        if (!authorizations.isUserAuthorized(reader.getName(), TicketsmithGroups.groupIdsOf(reader), ProcessDefinitionPermissions.READ_HISTORY,
                Resources.PROCESS_DEFINITION, HandleRequestProcess.KEY)) {
            throw new AuditExceptions.HistoryNotReadable(reader.getName());
        }
    }
}
