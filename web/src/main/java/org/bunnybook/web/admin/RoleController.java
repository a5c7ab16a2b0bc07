package org.bunnybook.web.admin;

import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountById;
import org.bunnybook.api.account.GrantRole;
import org.bunnybook.web.account.AccountResponse;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.error.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * Admins read a member's account, role included, and grant roles (the security configuration lets only admins reach
 * {@code /web/admin}).
 */
@RestController
class RoleController {

    private final ReadYourWrites commands;
    private final QueryGateway queries;

    RoleController(ReadYourWrites commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
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
        commands.send(new GrantRole(id, request.role()));
        return account(id);
    }
}
