package org.bunnybook.web.admin;

import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountById;
import org.bunnybook.api.account.GrantRole;
import org.bunnybook.api.account.Role;
import org.bunnybook.api.session.RevocationReason;
import org.bunnybook.web.session.SessionEnding;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.bunnybook.web.account.AccountResponse;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.error.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;
import java.util.UUID;

/**
 * Admins read a member's account, role included, grant roles and end a member's sessions (the security configuration
 * lets only admins reach {@code /web/admin}). A role change ends every session of the member, so that no token
 * issued with the former role is accepted a second later (a demoted admin loses the admin routes at once); they sign
 * in again and their tokens carry the new role.
 */
@RestController
class RoleController {

    private final ReadYourWrites commands;
    private final QueryGateway queries;
    private final SessionEnding sessions;

    RoleController(ReadYourWrites commands, QueryGateway queries, SessionEnding sessions) {
        this.commands = commands;
        this.queries = queries;
        this.sessions = sessions;
    }

    /** The whole account, email and role included: what an admin sees before granting a role. */
    @GetMapping("/web/admin/profiles/{id}")
    AccountResponse account(@PathVariable UUID id) {
        return queries.query(new FindAccountById(id), ResponseTypes.optionalInstanceOf(AccountView.class)).join()
                .map(AccountResponse::of)
                .orElseThrow(ApiException::notFound);
    }

    @PutMapping("/web/admin/profiles/{id}/role")
    AccountResponse grant(@PathVariable UUID id, @Valid @RequestBody RoleRequest request) {
        Role before = account(id).role();
        commands.send(new GrantRole(id, request.role()));
        if (before != request.role()) {
            sessions.endAll(id, RevocationReason.ROLE_CHANGED, Optional.empty());
        }
        return account(id);
    }

    @DeleteMapping("/web/admin/profiles/{id}/sessions")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Ends every session of the member (admins only); 404 if there is no such member")
    void endSessions(@PathVariable UUID id) {
        account(id); // 404 for no such member
        sessions.endAll(id, RevocationReason.ENDED_BY_ADMIN, Optional.empty());
    }
}
