package org.bunnybook.platform.eventstore;

import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.util.List;

/**
 * Axon's JDBC storage engine, which can also read the store's events one fetch at a time ({@link #fetchAfter}).
 * <p>
 * Its own stream of the store's events fetches until a fetch comes back empty: every read that reached the newest
 * event cost one more fetch, and that empty fetch one more query for events beyond a gap, each in a transaction of
 * its own. At the head, where the processing groups read after every commit, that was half of their reads
 * (docs/performance.md).
 */
final class SingleFetchStorageEngine extends JdbcEventStorageEngine {

    SingleFetchStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    /**
     * The events of one fetch after {@code token} (from the first when null), upcast and deserialized as
     * {@link #readEvents(TrackingToken, boolean)} gives them: at most {@link #batchSize()} positions ahead (more only
     * to step over a run of positions with no event), or events in gaps the token still waits for.
     */
    List<? extends TrackedEventMessage<?>> fetchAfter(TrackingToken token) {
        return EventUtils.upcastAndDeserializeTrackedEvents(fetchTrackedEvents(token, batchSize()).stream(),
                getEventSerializer(), upcasterChain).toList();
    }
}
