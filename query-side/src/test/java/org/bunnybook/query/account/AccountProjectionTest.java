package org.bunnybook.query.account;

import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountByEmail;
import org.bunnybook.api.account.FindAccountById;
import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.account.Role;
import org.bunnybook.api.account.RoleGranted;
import org.bunnybook.api.account.SearchProfiles;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.ProjectionEvents;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

@ReadModelTest({AccountProjection.class, AccountQueries.class})
class AccountProjectionTest {

    @Autowired
    ProjectionEvents events;

    @Autowired
    AccountQueries accounts;

    @Test
    void aRegisteredMemberIsFoundByIdByEmailInAnyCaseAndByPartOfTheirName() {
        Bunny ann = Bunny.named("Annabel");
        events.given(ann.id(), ann.registers());

        AccountView expected = new AccountView(ann.id(), ann.username(),
                ann.registers().email().toLowerCase(Locale.ROOT), Role.USER, ann.registers().passwordHash());
        assertThat(accounts.handle(new FindAccountById(ann.id()))).contains(expected);
        assertThat(accounts.handle(new FindAccountByEmail(ann.registers().email().toUpperCase(Locale.ROOT))))
                .contains(expected);
        assertThat(accounts.handle(new SearchProfiles(ann.username().substring(2).toUpperCase(Locale.ROOT), 10)))
                .containsExactly(new ProfileSummary(ann.id(), ann.username()));
    }

    @Test
    void aGrantedRoleReplacesTheOldOne() {
        Bunny boss = Bunny.named("Boss");
        events.given(boss.id(), boss.registers(), new RoleGranted(boss.id(), Role.ADMIN, Role.USER));

        assertThat(accounts.handle(new FindAccountById(boss.id()))).get()
                .extracting(AccountView::role).isEqualTo(Role.ADMIN);
    }

    @Test
    void aRegistrationHandledAgainKeepsTheFirstAccountAndItsRole() {
        Bunny ann = Bunny.named("Twice");
        var registered = events.given(ann.id(), ann.registers(), new RoleGranted(ann.id(), Role.AUDITOR, Role.USER));
        events.deliver(registered.subList(0, 1));

        assertThat(accounts.handle(new FindAccountById(ann.id()))).get()
                .extracting(AccountView::role).isEqualTo(Role.AUDITOR);
    }

    @Test
    void aResetForgetsEveryAccount() {
        Bunny ann = Bunny.named("Forgotten");
        events.given(ann.id(), ann.registers());

        events.reset();

        assertThat(accounts.handle(new FindAccountById(ann.id()))).isEmpty();
    }
}
