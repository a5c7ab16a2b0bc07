package org.bunnybook.api.account;

import java.util.UUID;

/** An account as the accounts read model knows it. The password hash is there for logging in only. */
public record AccountView(UUID id, String username, String email, Role role, String passwordHash) {
}
