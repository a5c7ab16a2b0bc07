package org.bunnybook.command.account;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.bunnybook.api.account.AccountErased;
import org.bunnybook.api.account.AccountRegistered;
import org.bunnybook.api.account.ChangePassword;
import org.bunnybook.api.account.EraseAccount;
import org.bunnybook.api.account.GrantRole;
import org.bunnybook.api.account.LastAdminCannotBeDemoted;
import org.bunnybook.api.account.PasswordChanged;
import org.bunnybook.api.account.RegisterAccount;
import org.bunnybook.api.account.Role;
import org.bunnybook.api.account.RoleGranted;

import java.util.List;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A member's account. Registration needs set-based checks no single aggregate can make, so it is decided by
 * {@link AccountRegistration}, which creates this aggregate once the username and email are claimed.
 */
@Aggregate
public class Account {

    @AggregateIdentifier
    private UUID profileId;
    private Role role;
    private boolean erased;

    protected Account() {
        // for Axon's event sourcing
    }

    Account(RegisterAccount command) {
        apply(new AccountRegistered(command.profileId(), command.username(), command.email(),
                command.passwordHash(), command.avatarIdentifier()));
    }

    /** The roster of admins is a Spring bean Axon hands in: it writes in this command's transaction. */
    @CommandHandler
    void handle(GrantRole command, AdminRoster admins) {
        if (command.role() == role) {
            return; // already held: granting twice records nothing new
        }
        if (role == Role.ADMIN) {
            if (admins.lockAll().equals(List.of(profileId))) {
                throw new LastAdminCannotBeDemoted();
            }
            admins.remove(profileId);
        }
        if (command.role() == Role.ADMIN) {
            admins.add(profileId);
        }
        apply(new RoleGranted(profileId, command.role(), role));
    }

    /** The web checked the current password against the accounts read model; this records the new hash. */
    @CommandHandler
    void handle(ChangePassword command) {
        apply(new PasswordChanged(profileId, command.passwordHash()));
    }

    /**
     * Erasure (the web checked the password): recording {@link AccountErased} shreds the member's key in this
     * transaction (the platform's crypto-shredding), and their username and email are free to be claimed again. The
     * last admin cannot leave, as they cannot step down.
     */
    @CommandHandler
    void handle(EraseAccount command, AdminRoster admins, IdentityClaims claims) {
        if (erased) {
            return;
        }
        if (role == Role.ADMIN) {
            if (admins.lockAll().equals(List.of(profileId))) {
                throw new LastAdminCannotBeDemoted();
            }
            admins.remove(profileId);
        }
        claims.release(profileId);
        apply(new AccountErased(profileId));
    }

    @EventSourcingHandler
    void on(AccountRegistered event) {
        profileId = event.profileId();
        role = Role.USER;
    }

    @EventSourcingHandler
    void on(RoleGranted event) {
        role = event.role();
    }

    @EventSourcingHandler
    void on(AccountErased event) {
        erased = true;
    }
}
