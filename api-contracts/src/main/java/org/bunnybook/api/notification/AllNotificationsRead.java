package org.bunnybook.api.notification;

import java.util.UUID;

/**
 * The member marked read every notification about something that happened before this event: those not yet in the
 * read model when it is handled (a rebuild meets it in another segment first, a busy projection lags) are read too.
 */
public record AllNotificationsRead(UUID inboxId, UUID profileId) {
}
