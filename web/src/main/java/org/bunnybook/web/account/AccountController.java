package org.bunnybook.web.account;

import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountById;
import org.bunnybook.api.account.Role;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.security.Member;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;
import java.util.UUID;

@RestController
class AccountController {

    private final Registrations registrations;
    private final QueryGateway queries;

    AccountController(Registrations registrations, QueryGateway queries) {
        this.registrations = registrations;
        this.queries = queries;
    }

    @PostMapping("/web/register")
    @ResponseStatus(HttpStatus.CREATED)
    AccountResponse register(@Valid @RequestBody RegistrationRequest request) {
        UUID profileId = registrations.register(request.username(), request.email(), request.password(),
                request.avatarIdentifier());
        return new AccountResponse(profileId, request.username(), request.email().toLowerCase(Locale.ROOT),
                Role.USER);
    }

    @GetMapping("/web/me")
    AccountResponse me(Member member) {
        return queries.query(new FindAccountById(member.profileId()), ResponseTypes.optionalInstanceOf(AccountView.class))
                .join()
                .map(AccountResponse::of)
                .orElseThrow(ApiException::unauthorized); // a token for an account that no longer exists
    }
}
