package org.bunnybook.web.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountById;
import org.bunnybook.api.account.RegisterAccount;
import org.bunnybook.api.account.Role;
import org.bunnybook.web.consistency.ReadYourWrites;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.eventstore.RequestOrigin;
import org.bunnybook.web.ratelimit.RateLimiter;
import org.bunnybook.web.security.Member;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;
import java.util.UUID;

@RestController
class AccountController {

    private final ReadYourWrites commands;
    private final QueryGateway queries;
    private final PasswordEncoder passwordEncoder;
    private final RateLimiter rateLimiter;

    AccountController(ReadYourWrites commands, QueryGateway queries, PasswordEncoder passwordEncoder,
                      RateLimiter rateLimiter) {
        this.commands = commands;
        this.queries = queries;
        this.passwordEncoder = passwordEncoder;
        this.rateLimiter = rateLimiter;
    }

    @PostMapping("/web/register")
    @ResponseStatus(HttpStatus.CREATED)
    AccountResponse register(@Valid @RequestBody RegistrationRequest request, HttpServletRequest http) {
        rateLimiter.registering(http);
        UUID profileId = UUID.randomUUID();
        String email = request.email().toLowerCase(Locale.ROOT);
        var command = new RegisterAccount(profileId, request.username(), email,
                passwordEncoder.encode(request.password()), request.avatarIdentifier());
        // the newcomer is the actor of their own registration
        commands.send(GenericCommandMessage.asCommandMessage(command)
                .withMetaData(MetaData.with(RequestOrigin.ACTOR, profileId.toString())), ReadModels.ACCOUNTS);
        return new AccountResponse(profileId, request.username(), email, Role.USER);
    }

    @GetMapping("/web/me")
    AccountResponse me(Member member) {
        return queries.query(new FindAccountById(member.profileId()), ResponseTypes.optionalInstanceOf(AccountView.class))
                .join()
                .map(AccountResponse::of)
                .orElseThrow(ApiException::unauthorized); // a token for an account that no longer exists
    }
}
