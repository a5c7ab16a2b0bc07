package org.bunnybook.platform.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One reader's stream of the event store, read in batches from storage (which upcasts and minds gaps) through the
 * {@link SharedReads} of every processing group.
 * When a batch runs out it asks storage again only after {@link #eventsMayHaveArrived()}, and then tells its reader
 * through the availability callback, so the reader neither polls nor waits.
 */
final class EventStorageStream implements BlockingStream<TrackedEventMessage<?>> {

    private final SharedReads reads;
    private final Consumer<EventStorageStream> onClose;
    private final Object signal = new Object();
    private TrackingToken lastToken;
    private Iterator<? extends TrackedEventMessage<?>> events;
    private TrackedEventMessage<?> peeked;
    private volatile boolean mayHaveMore = true;
    private volatile Runnable callback = () -> {
    };

    EventStorageStream(SharedReads reads, TrackingToken from, Consumer<EventStorageStream> onClose) {
        this.reads = reads;
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
            events = reads.after(lastToken).iterator();
            if (events.hasNext()) {
                peeked = events.next();
                mayHaveMore = true; // a batch may be followed by more
            }
        }
        return peeked;
    }

    @Override
    public void close() {
        onClose.accept(this);
    }
}
