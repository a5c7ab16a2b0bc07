package org.bunnybook.web.account;

import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.Role;

import java.util.UUID;

/** An account as its member sees it (register, {@code /me}) and as admins do (roles). Never the password hash. */
public record AccountResponse(UUID id, String username, String email, Role role) {

    public static AccountResponse of(AccountView account) {
        return new AccountResponse(account.id(), account.username(), account.email(), account.role());
    }
}
