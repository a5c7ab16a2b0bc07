package org.bunnybook.api.notification;

import java.util.List;
import java.util.UUID;

/** Those of the notifications {@code ids} that belong to the member (any others are not theirs to see). */
public record FindNotificationsById(UUID profileId, List<UUID> notificationIds) {

    public FindNotificationsById {
        notificationIds = List.copyOf(notificationIds);
    }
}
