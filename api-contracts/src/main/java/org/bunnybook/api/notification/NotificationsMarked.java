package org.bunnybook.api.notification;

import java.util.List;
import java.util.UUID;

/** The member set these flags (null: left alone) on these of their notifications. */
public record NotificationsMarked(UUID inboxId, UUID profileId, List<UUID> notificationIds, Boolean read,
                                  Boolean visited) {
}
