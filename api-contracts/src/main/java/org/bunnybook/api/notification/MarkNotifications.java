package org.bunnybook.api.notification;

import java.util.List;
import java.util.UUID;

/**
 * Sets the given flags (null: left alone) on those of the notifications that belong to the member, and answers
 * them. Read and visited flags are the member's own bookkeeping, not history: they are not events.
 */
public record MarkNotifications(UUID profileId, List<UUID> notificationIds, Boolean read, Boolean visited) {
}
