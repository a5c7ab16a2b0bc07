package org.bunnybook.web.admin;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountByEmail;
import org.bunnybook.api.account.GrantRole;
import org.bunnybook.api.account.Role;
import org.bunnybook.web.account.Registrations;
import org.bunnybook.web.consistency.ReadYourWrites;
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
 * run on every start and on every node: registering an existing email is refused, granting a held role is a no-op.
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
        UUID profileId = queries.query(new FindAccountByEmail(email), ResponseTypes.optionalInstanceOf(AccountView.class))
                .join()
                .map(AccountView::id)
                .orElseGet(() -> registrations.register(admin.username(), email, admin.password(), null));
        commands.send(new GrantRole(profileId, Role.ADMIN), ReadModels.ACCOUNTS);
        log.info("{} is an admin", email);
    }
}
