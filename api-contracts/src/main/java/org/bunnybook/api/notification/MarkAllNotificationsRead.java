package org.bunnybook.api.notification;

import java.util.UUID;

/** Marks every unread notification of the member read; answers how many it marked. Bookkeeping, not an event. */
public record MarkAllNotificationsRead(UUID profileId) {
}
