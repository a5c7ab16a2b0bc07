package org.bunnybook.web.admin;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountByEmail;
import org.bunnybook.api.account.EmailAlreadyTaken;
import org.bunnybook.api.account.GrantRole;
import org.bunnybook.api.account.Role;
import org.bunnybook.api.account.UsernameAlreadyTaken;
import org.bunnybook.web.account.Registrations;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.UUID;

/**
 * Makes sure the configured admin exists and is an admin, through the same commands a person would cause. Safe to
 * run on every start and on every node: an existing account is promoted, granting a held role records nothing, and
 * a refusal (the username taken by a member) is logged rather than stopping the application.
 */
@Component
@EnableConfigurationProperties(AdminProperties.class)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AdminProperties admin;
    private final ReadYourWrites commands;
    private final QueryGateway queries;
    private final Registrations registrations;

    AdminBootstrap(AdminProperties admin, ReadYourWrites commands, QueryGateway queries,
                   Registrations registrations) {
        this.admin = admin;
        this.commands = commands;
        this.queries = queries;
        this.registrations = registrations;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!admin.configured()) {
            return;
        }
        String email = admin.email().toLowerCase(Locale.ROOT);
        try {
            UUID profileId = existing(email).orElseGet(() -> registrations.register(admin.username(), email,
                    admin.password(), null));
            commands.send(new GrantRole(profileId, Role.ADMIN));
            log.info("{} is an admin", email);
        } catch (EmailAlreadyTaken raced) {
            // another node registered it a moment ago: promote that account
            existing(email).ifPresent(id -> commands.send(new GrantRole(id, Role.ADMIN)));
        } catch (UsernameAlreadyTaken | ApiException refused) {
            log.error("Could not create the admin {} ({}); set another bunnybook.admin.username or a password of at "
                    + "most 72 bytes", email, refused.getMessage());
        }
    }

    private java.util.Optional<UUID> existing(String email) {
        return queries.query(new FindAccountByEmail(email), ResponseTypes.optionalInstanceOf(AccountView.class))
                .join()
                .map(AccountView::id);
    }
}
