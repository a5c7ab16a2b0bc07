package org.bunnybook.command.account;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.bunnybook.api.account.AccountRegistered;
import org.bunnybook.api.account.GrantRole;
import org.bunnybook.api.account.Role;
import org.bunnybook.api.account.RoleGranted;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

class AccountTest {

    private final UUID profileId = UUID.randomUUID();
    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    private AccountRegistered registered() {
        return new AccountRegistered(profileId, "thumper", "thumper@example.com", "$2a$hash", "thumper");
    }

    @Test
    void aNewAccountIsAUserSoGrantingAuditorIsRecorded() {
        fixture.given(registered())
                .when(new GrantRole(profileId, Role.AUDITOR))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RoleGranted(profileId, Role.AUDITOR, Role.USER));
    }

    @Test
    void grantingTheRoleAlreadyHeldRecordsNothing() {
        fixture.given(registered(), new RoleGranted(profileId, Role.ADMIN, Role.USER))
                .when(new GrantRole(profileId, Role.ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRoleCanBeTakenBackByGrantingUser() {
        fixture.given(registered(), new RoleGranted(profileId, Role.ADMIN, Role.USER))
                .when(new GrantRole(profileId, Role.USER))
                .expectEvents(new RoleGranted(profileId, Role.USER, Role.ADMIN));
    }
}
