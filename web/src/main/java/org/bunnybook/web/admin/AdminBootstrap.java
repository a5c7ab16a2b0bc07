package org.bunnybook.web.admin;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.EmailAlreadyTaken;
import org.bunnybook.api.account.FindAccountByEmail;
import org.bunnybook.api.account.GrantRole;
import org.bunnybook.api.account.Role;
import org.bunnybook.api.account.UsernameAlreadyTaken;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.account.Registrations;
import org.bunnybook.web.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;

/**
 * Makes sure the configured admin exists and is an admin, through the same commands a person would cause. Safe to
 * run on every start and on every node: granting a held role records nothing.
 * <p>
 * Registration never proves that one owns an email, so an account that already holds the configured email is
 * promoted only when its password is the configured one (the operator's own, or one this bootstrap created on
 * another node); a stranger who registered that email first makes the application refuse to start instead of
 * becoming its admin. An account that is an admin already is left as it is, whatever its password is now.
 */
@Component
@EnableConfigurationProperties(AdminProperties.class)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AdminProperties admin;
    private final ReadYourWrites commands;
    private final QueryGateway queries;
    private final Registrations registrations;
    private final PasswordEncoder passwords;

    AdminBootstrap(AdminProperties admin, ReadYourWrites commands, QueryGateway queries,
                   Registrations registrations, PasswordEncoder passwords) {
        this.admin = admin;
        this.commands = commands;
        this.queries = queries;
        this.registrations = registrations;
        this.passwords = passwords;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!admin.configured()) {
            return;
        }
        String email = admin.email().toLowerCase(Locale.ROOT);
        Optional<AccountView> existing = existing(email);
        if (existing.isPresent()) {
            promote(existing.get());
            return;
        }
        try {
            commands.send(new GrantRole(registrations.register(admin.username(), email, admin.password(), null),
                    Role.ADMIN));
            log.info("{} is an admin", email);
        } catch (EmailAlreadyTaken raced) {
            // another node registered it a moment ago, or someone else did: the password tells which
            existing(email).ifPresent(this::promote);
        } catch (UsernameAlreadyTaken | ApiException refused) {
            log.error("Could not create the admin {} ({}); set another bunnybook.admin.username or a password of at "
                    + "most 72 bytes", email, refused.getMessage());
        }
    }

    private void promote(AccountView account) {
        if (account.role() == Role.ADMIN) {
            return;
        }
        if (!passwords.matches(admin.password(), account.passwordHash())) {
            throw new IllegalStateException("Refusing to make " + account.email() + " an admin: an account with that "
                    + "email was registered by someone who does not know bunnybook.admin.password (emails are not "
                    + "verified). Set bunnybook.admin.email to an address nobody has registered or, if that account "
                    + "is yours, bunnybook.admin.password to its password.");
        }
        commands.send(new GrantRole(account.id(), Role.ADMIN));
        log.info("{} is an admin", account.email());
    }

    private Optional<AccountView> existing(String email) {
        return queries.query(new FindAccountByEmail(email), ResponseTypes.optionalInstanceOf(AccountView.class))
                .join();
    }
}
