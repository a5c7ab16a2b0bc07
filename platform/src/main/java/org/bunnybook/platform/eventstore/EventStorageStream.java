package org.bunnybook.platform.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One reader's stream of the event store, read in batches straight from storage (which upcasts and minds gaps).
 * When a batch runs out it asks storage again only after {@link #eventsMayHaveArrived()}, and then tells its reader
 * through the availability callback, so the reader neither polls nor waits.
 */
final class EventStorageStream implements BlockingStream<TrackedEventMessage<?>> {

    private final EventStorageEngine storage;
    private final Consumer<EventStorageStream> onClose;
    private final Object signal = new Object();
    private TrackingToken lastToken;
    private Stream<? extends TrackedEventMessage<?>> batch;
    private Iterator<? extends TrackedEventMessage<?>> events;
    private TrackedEventMessage<?> peeked;
    private volatile boolean mayHaveMore = true;
    private volatile Runnable callback = () -> {
    };

    EventStorageStream(EventStorageEngine storage, TrackingToken from, Consumer<EventStorageStream> onClose) {
        this.storage = storage;
        this.lastToken = from;
        this.onClose = onClose;
    }

    void eventsMayHaveArrived() {
        mayHaveMore = true;
        synchronized (signal) {
            signal.notifyAll();
        }
        callback.run();
    }

    @Override
    public boolean setOnAvailableCallback(Runnable callback) {
        this.callback = callback;
        return true;
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        return Optional.ofNullable(fetchNext());
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (fetchNext() == null) {
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMillis <= 0) {
                return false;
            }
            synchronized (signal) {
                if (!mayHaveMore) {
                    signal.wait(remainingMillis);
                }
            }
        }
        return true;
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
            Thread.onSpinWait();
        }
        TrackedEventMessage<?> next = peeked;
        peeked = null;
        lastToken = next.trackingToken();
        return next;
    }

    private TrackedEventMessage<?> fetchNext() {
        if (peeked == null && events != null && events.hasNext()) {
            peeked = events.next();
        }
        if (peeked == null && mayHaveMore) {
            mayHaveMore = false; // cleared before reading, so an announcement during the read is not lost
            closeBatch();
            batch = storage.readEvents(lastToken, false);
            events = batch.iterator();
            if (events.hasNext()) {
                peeked = events.next();
                mayHaveMore = true; // a batch may be followed by more
            }
        }
        return peeked;
    }

    private void closeBatch() {
        if (batch != null) {
            batch.close();
        }
    }

    @Override
    public void close() {
        closeBatch();
        onClose.accept(this);
    }
}
