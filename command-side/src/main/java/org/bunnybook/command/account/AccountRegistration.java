package org.bunnybook.command.account;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.bunnybook.api.account.RegisterAccount;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Decides registrations. Usernames and emails must be unique across all accounts, a rule about a set that no one
 * account can check. The claims are written in the same database transaction that appends the
 * {@code AccountRegistered} event, so either both happen or neither does.
 */
@Component
class AccountRegistration {

    private final Repository<Account> accountRepository;
    private final IdentityClaims claims;

    AccountRegistration(Repository<Account> accountRepository, IdentityClaims claims) {
        this.accountRepository = accountRepository;
        this.claims = claims;
    }

    @CommandHandler
    public UUID handle(RegisterAccount command) throws Exception {
        claims.claim(command.profileId(), command.username(), command.email());
        accountRepository.newInstance(() -> new Account(command));
        return command.profileId();
    }
}
