package org.bunnybook.api.notification;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A member's notification inbox has one id, derived from the member's, so that marking needs no lookup and never
 * shares an aggregate id with the member's account.
 */
public final class NotificationInboxId {

    private NotificationInboxId() {
    }

    public static UUID of(UUID profileId) {
        return UUID.nameUUIDFromBytes(("notifications/" + profileId).getBytes(StandardCharsets.UTF_8));
    }
}
