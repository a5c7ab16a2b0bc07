package org.bunnybook.platform.privacy;

import org.bunnybook.platform.command.RequestOrigin;

import java.util.Optional;
import java.util.UUID;

/**
 * Whose personal data the client address an event's metadata records ({@link RequestOrigin#CLIENT_ADDRESS}) is: the
 * member who acted, as every request that records one names (signing up, in and out, refreshing included). An address
 * recorded with no member acting is no one's, and is not kept: no member could erase it (docs/privacy.md).
 */
final class AddressOwner {

    private AddressOwner() {
    }

    /** The owner named by the metadata's actor, if a member acted. */
    static Optional<UUID> of(Object actor) {
        if (actor instanceof UUID id) {
            return Optional.of(id);
        }
        if (actor instanceof String text && !RequestOrigin.SYSTEM.equals(text)) {
            try {
                return Optional.of(UUID.fromString(text));
            } catch (IllegalArgumentException notAnId) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
