package org.bunnybook.platform.eventstore;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

/** The global position of the newest stored event (0 while there is none), as Axon's storage engine knows it. */
@Component
public class EventStoreHead {

    private final EventStorageEngine storage;

    EventStoreHead(EventStorageEngine storage) {
        this.storage = storage;
    }

    public long position() {
        TrackingToken head = storage.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }
}
