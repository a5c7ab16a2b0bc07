package org.bunnybook.platform.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.lifecycle.Phase;
import org.axonframework.lifecycle.ShutdownHandler;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The event store as the read models' processors see it, with one addition: their streams say when events may have
 * arrived. Axon's own streams cannot, so an idle pooled streaming processor looks again only every 500 ms, and a
 * member's own write would take that long to reach the read models. Here every stream is told right after events
 * commit on this node, and every {@code pollInterval} anyway, for events written by other nodes.
 */
public final class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EventStorageEngine storage;
    private final SharedReads reads;
    private final Set<EventStorageStream> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-source-ticker");
        thread.setDaemon(true);
        return thread;
    });

    public PromptEventSource(EventStore eventStore, EventStorageEngine storage, Duration pollInterval) {
        this.storage = storage;
        this.reads = new SharedReads(storage);
        eventStore.subscribe(events -> {
            // subscribers run while the events are being committed; readers can only see them afterwards
            if (!CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.afterCommit(u -> announce()))) {
                announce();
            }
        });
        ticker.scheduleWithFixedDelay(this::announce, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void announce() {
        reads.announced();
        streams.forEach(EventStorageStream::eventsMayHaveArrived);
    }

    @ShutdownHandler(phase = Phase.INBOUND_EVENT_CONNECTORS)
    void stop() {
        ticker.shutdownNow();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        EventStorageStream stream = new EventStorageStream(reads, trackingToken, streams::remove);
        streams.add(stream);
        return stream;
    }

    @Override
    public TrackingToken createTailToken() {
        return storage.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return storage.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return storage.createTokenAt(dateTime);
    }
}
