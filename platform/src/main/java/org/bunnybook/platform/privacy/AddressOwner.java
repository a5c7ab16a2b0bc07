package org.bunnybook.platform.privacy;

import org.bunnybook.platform.command.RequestOrigin;

import java.util.Optional;
import java.util.UUID;

/**
 * Whose personal data the client address an event's metadata records ({@link RequestOrigin#CLIENT_ADDRESS}) is: the
 * member who acted; when no member acted (a refresh of a session, answered before anyone is signed in), the member
 * the event is about, named by its {@code profileId}. An address that is no one's by this rule is not kept: no member
 * could erase it (docs/privacy.md).
 */
final class AddressOwner {

    /** The payload field naming the member an event is about, where no member acted. */
    static final String ABOUT = "profileId";

    private AddressOwner() {
    }

    /** The owner, from the metadata's actor and the payload's {@value #ABOUT} (either may be missing). */
    static Optional<UUID> of(Object actor, Object about) {
        return id(actor).or(() -> id(about));
    }

    private static Optional<UUID> id(Object value) {
        if (value instanceof UUID id) {
            return Optional.of(id);
        }
        if (value instanceof String text && !RequestOrigin.SYSTEM.equals(text)) {
            try {
                return Optional.of(UUID.fromString(text));
            } catch (IllegalArgumentException notAnId) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
