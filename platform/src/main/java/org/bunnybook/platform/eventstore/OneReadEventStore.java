package org.bunnybook.platform.eventstore;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.bunnybook.platform.StoreOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's event store as its auto-configuration builds it, except that an aggregate is read with one query for its
 * snapshot and the events after it ({@link SingleFetchStorageEngine#readAggregate}), where Axon's store asks for the
 * snapshot first and for the events then. Events the current unit of work has staged but not yet stored follow, as
 * in Axon's store. Where that read fails, or finds a snapshot not to be used, the aggregate is read Axon's way, which
 * steps past a snapshot it cannot read or use (with a warning) to an older one or to the aggregate's first event;
 * but not when it failed for the store's outage ({@link StoreOutage}), which the command is refused for.
 */
final class OneReadEventStore extends EmbeddedEventStore {

    private static final Logger log = LoggerFactory.getLogger(OneReadEventStore.class);

    private final SingleFetchStorageEngine engine;

    OneReadEventStore(EmbeddedEventStore.Builder builder, SingleFetchStorageEngine engine) {
        super(builder.storageEngine(engine));
        this.engine = engine;
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        DomainEventStream stored;
        try {
            stored = engine.readAggregate(aggregateIdentifier);
        } catch (RuntimeException failed) {
            if (StoreOutage.causedIt(failed)) {
                // Axon's read would ask the same store again, on a connection the failure may have closed: a chat
                // message read its conversation on one while PostgreSQL stalled and failed with a
                // NullPointerException from Axon's reading, refused as a failure of ours instead of an outage
                throw failed;
            }
            log.warn("Could not read aggregate [{}] with one query; reading it as Axon does", aggregateIdentifier,
                    failed);
            stored = null;
        }
        if (stored == null) {
            return super.readEvents(aggregateIdentifier);
        }
        return DomainEventStream.concat(stored, DomainEventStream.of(stagedDomainEventMessages(aggregateIdentifier)));
    }
}
