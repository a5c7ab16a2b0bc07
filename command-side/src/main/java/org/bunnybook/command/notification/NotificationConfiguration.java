package org.bunnybook.command.notification;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class NotificationConfiguration {

    static final String SNAPSHOT_TRIGGER = "notificationInboxSnapshotTrigger";
    static final int SNAPSHOT_EVERY = 100;

    @Bean(SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition notificationInboxSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, SNAPSHOT_EVERY);
    }
}
