package org.bunnybook.command.account;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.bunnybook.api.account.AccountRegistered;
import org.bunnybook.api.account.GrantRole;
import org.bunnybook.api.account.LastAdminCannotBeDemoted;
import org.bunnybook.api.account.Role;
import org.bunnybook.api.account.RoleGranted;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AccountTest {

    private final UUID profileId = UUID.randomUUID();
    private final RosterInMemory admins = new RosterInMemory();
    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
        fixture.registerInjectableResource(admins);
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
        admins.roster.addAll(List.of(profileId, UUID.randomUUID()));
        fixture.given(registered(), new RoleGranted(profileId, Role.ADMIN, Role.USER))
                .when(new GrantRole(profileId, Role.USER))
                .expectEvents(new RoleGranted(profileId, Role.USER, Role.ADMIN));
        assertThat(admins.roster).doesNotContain(profileId).hasSize(1);
    }

    @Test
    void grantingAdminPutsTheMemberOnTheRoster() {
        fixture.given(registered())
                .when(new GrantRole(profileId, Role.ADMIN))
                .expectEvents(new RoleGranted(profileId, Role.ADMIN, Role.USER));
        assertThat(admins.roster).containsExactly(profileId);
    }

    @Test
    void theLastAdminCannotGiveUpTheRole() {
        admins.roster.add(profileId);
        fixture.given(registered(), new RoleGranted(profileId, Role.ADMIN, Role.USER))
                .when(new GrantRole(profileId, Role.AUDITOR))
                .expectException(LastAdminCannotBeDemoted.class)
                .expectNoEvents();
        assertThat(admins.roster).containsExactly(profileId);
    }

    /** The roster's rules are the aggregate's; its table (and its locking) is tested through HTTP in AdminSafetyTest. */
    private static final class RosterInMemory implements AdminRoster {
        final List<UUID> roster = new ArrayList<>();

        @Override
        public List<UUID> lockAll() {
            return List.copyOf(roster);
        }

        @Override
        public void add(UUID profileId) {
            roster.add(profileId);
        }

        @Override
        public void remove(UUID profileId) {
            roster.remove(profileId);
        }
    }
}
