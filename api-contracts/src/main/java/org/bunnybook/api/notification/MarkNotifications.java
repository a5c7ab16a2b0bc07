package org.bunnybook.api.notification;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.List;
import java.util.UUID;

/**
 * Sets the given flags (null: left alone) on those of the notifications that belong to the member. Recorded as an
 * event, so that a rebuilt notifications read model keeps what members had read and visited.
 */
@ReflectedIn(ReadModels.NOTIFICATIONS)
public record MarkNotifications(UUID profileId, List<UUID> notificationIds, Boolean read, Boolean visited) {

    public MarkNotifications {
        notificationIds = List.copyOf(notificationIds);
    }

    @TargetAggregateIdentifier
    public UUID inboxId() {
        return NotificationInboxId.of(profileId);
    }
}
