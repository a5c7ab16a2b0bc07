package org.bunnybook.api.notification;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A notification as its owner sees it; {@code data} is {@code {event, payload}}. */
public record NotificationView(UUID id, Instant createdAt, UUID profileId, Data data, boolean read, boolean visited) {

    public record Data(NotificationType event, Map<String, Object> payload) {
    }
}
