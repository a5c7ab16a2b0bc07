package org.bunnybook.platform.eventstore;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's event store as its auto-configuration builds it, except that an aggregate is read with one query for its
 * snapshot and the events after it ({@link SingleFetchStorageEngine#readAggregate}), where Axon's store asks for the
 * snapshot first and for the events then. Events the current unit of work has staged but not yet stored follow, as
 * in Axon's store.
 */
final class OneReadEventStore extends EmbeddedEventStore {

    private final SingleFetchStorageEngine engine;

    OneReadEventStore(EmbeddedEventStore.Builder builder, SingleFetchStorageEngine engine) {
        super(builder.storageEngine(engine));
        this.engine = engine;
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return DomainEventStream.concat(engine.readAggregate(aggregateIdentifier),
                DomainEventStream.of(stagedDomainEventMessages(aggregateIdentifier)));
    }
}
