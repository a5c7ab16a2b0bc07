package org.bunnybook.api.notification;

import java.time.Instant;
import java.util.UUID;

/** A member's notifications created at or after {@code since}, oldest first, at most {@code limit}. */
public record FindNotificationsSince(UUID profileId, Instant since, int limit) {
}
