package org.bunnybook.api.account;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.Sensitive;

import java.util.UUID;

/** A member joined. Every account starts as a {@link Role#USER}. */
@Revision("1")
public record AccountRegistered(
        UUID profileId,
        String username,
        String email,
        @Sensitive String passwordHash,
        String avatarIdentifier) {
}
