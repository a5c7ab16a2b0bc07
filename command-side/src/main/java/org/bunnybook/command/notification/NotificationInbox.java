package org.bunnybook.command.notification;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.bunnybook.api.notification.AllNotificationsRead;
import org.bunnybook.api.notification.MarkAllNotificationsRead;
import org.bunnybook.api.notification.MarkNotifications;
import org.bunnybook.api.notification.NotificationsMarked;

import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A member's notification inbox: what they marked read or visited, as history, so that a rebuilt read model keeps
 * it. The notifications themselves live in the read model only (they are consequences of other members' events);
 * marking needs no decision beyond that, so the inbox holds no state, and a snapshot every
 * {@value NotificationConfiguration#SNAPSHOT_EVERY} events keeps a busy member's inbox quick to load.
 */
@Aggregate(snapshotTriggerDefinition = NotificationConfiguration.SNAPSHOT_TRIGGER)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY) // snapshots are its fields, as JSON
public class NotificationInbox {

    @AggregateIdentifier
    private UUID inboxId;

    protected NotificationInbox() {
        // for Axon's event sourcing, for snapshots, and for a member's first mark
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(MarkNotifications command) {
        if (!command.notificationIds().isEmpty() && (command.read() != null || command.visited() != null)) {
            apply(new NotificationsMarked(command.inboxId(), command.profileId(), command.notificationIds(),
                    command.read(), command.visited()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(MarkAllNotificationsRead command) {
        apply(new AllNotificationsRead(command.inboxId(), command.profileId()));
    }

    @EventSourcingHandler
    void on(NotificationsMarked event) {
        inboxId = event.inboxId();
    }

    @EventSourcingHandler
    void on(AllNotificationsRead event) {
        inboxId = event.inboxId();
    }
}
