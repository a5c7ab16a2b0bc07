package org.bunnybook.command.chat;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ChatConfiguration {

    static final String SNAPSHOT_TRIGGER = "conversationSnapshotTrigger";
    static final int SNAPSHOT_EVERY = 100;

    @Bean(SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition conversationSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, SNAPSHOT_EVERY);
    }
}
