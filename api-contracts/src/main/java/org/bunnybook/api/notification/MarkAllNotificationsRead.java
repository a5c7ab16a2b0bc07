package org.bunnybook.api.notification;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** Marks read every notification of the member about something that happened before now. */
@ReflectedIn(ReadModels.NOTIFICATIONS)
public record MarkAllNotificationsRead(UUID profileId) {

    @TargetAggregateIdentifier
    public UUID inboxId() {
        return NotificationInboxId.of(profileId);
    }
}
