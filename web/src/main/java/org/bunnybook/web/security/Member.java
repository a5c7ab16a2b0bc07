package org.bunnybook.web.security;

import org.bunnybook.api.account.Role;

import java.util.UUID;

/** The signed-in member, as the access token vouches for them. */
public record Member(UUID profileId, String username, Role role) {
}
