package org.bunnybook.platform.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One reader's stream of the event store, read in batches from storage (which upcasts and minds gaps) through the
 * {@link SharedReads} of every processing group.
 * When a batch runs out it asks storage again only after {@link #eventsMayHaveArrived()}, and then tells its reader
 * through the availability callback, so the reader neither polls nor waits.
 * <p>
 * A stream catching up with the store (a replay, a group behind) also keeps its reader from running too far ahead of
 * its processor's segments. Axon's pooled processor hands every event to each of its segments' queues of 1,024 and,
 * once one is full, stops reading for a fixed 100 ms, however soon the segment is done with it: in a replay the
 * queues were always full, the segments stood idle half of the time, and no group replayed faster than about 1,024
 * events per 100 ms. So while the events handed out run more than {@link #AHEAD_AT_MOST} positions ahead of the
 * slowest segment here, this stream has nothing available, and it tells its reader again as soon as they do not
 * ({@link #roomMayHaveFreed}, after each of the processor's batches), or after {@link #ROOM_PATIENCE_MILLIS}.
 */
final class EventStorageStream implements BlockingStream<TrackedEventMessage<?>> {

    /** Fewer than a segment's queue holds (1,024 events): positions ahead are at least as many as events queued. */
    static final long AHEAD_AT_MOST = 1000;
    /** How long a look waits for room before answering that nothing is available. */
    static final long ROOM_PATIENCE_MILLIS = 20;

    private final SharedReads reads;
    private final String reader;
    private final LongSupplier slowestSegment;
    private final Consumer<EventStorageStream> onClose;
    private final Object signal = new Object();
    private TrackingToken lastToken;
    private Iterator<? extends TrackedEventMessage<?>> events;
    private TrackedEventMessage<?> peeked;
    private volatile boolean mayHaveMore = true;
    /** Whether the last read was a full one: the store has more for this stream than it has read. */
    private volatile boolean catchingUp;
    /**
     * The slowest segment's position when last looked up. It only grows while this stream lives: a segment claimed
     * with an older token makes Axon open a new stream.
     */
    private long slowestSeen = -1;
    private volatile Runnable callback = () -> {
    };

    /**
     * @param reader         the name of the processor reading it, if known
     * @param slowestSegment the position the slowest of the reader's segments here has handled, or
     *                       {@link Long#MAX_VALUE} when that is not known (the reader is then never held back)
     */
    EventStorageStream(SharedReads reads, TrackingToken from, String reader, LongSupplier slowestSegment,
                       Consumer<EventStorageStream> onClose) {
        this.reads = reads;
        this.reader = reader;
        this.lastToken = from;
        this.slowestSegment = slowestSegment;
        this.onClose = onClose;
    }

    void eventsMayHaveArrived() {
        mayHaveMore = true;
        synchronized (signal) {
            signal.notifyAll();
        }
        callback.run();
    }

    /** A batch of {@code processor} has ended: if that is this stream's reader and it is held back, it may read on. */
    void roomMayHaveFreed(String processor) {
        if (catchingUp && processor.equals(reader)) {
            synchronized (signal) {
                signal.notifyAll();
            }
            callback.run();
        }
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

    /**
     * As {@link BlockingStream} says, except that a reader held back waits up to {@link #ROOM_PATIENCE_MILLIS} for
     * room even when it asked not to wait: Axon's coordinator asks without waiting, and answered "nothing" it would
     * wait for a callback or a second.
     */
    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        if (!awaitRoom(Math.max(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROOM_PATIENCE_MILLIS)))) {
            return false;
        }
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

    /** Whether the reader may take more before {@code deadline}: at once unless it is too far ahead. */
    private boolean awaitRoom(long deadline) throws InterruptedException {
        // asked before every event: the segments' positions are only looked up when the last one seen says no
        while (catchingUp && position(lastToken) - slowestSeen > AHEAD_AT_MOST) {
            long slowest = slowestSegment.getAsLong();
            if (slowest == Long.MAX_VALUE) {
                return true; // not known (yet): never held back
            }
            slowestSeen = Math.max(slowestSeen, slowest);
            if (position(lastToken) - slowestSeen <= AHEAD_AT_MOST) {
                return true;
            }
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMillis <= 0) {
                return false;
            }
            synchronized (signal) {
                // woken by the reader's next batch; a segment that handles nothing of what it was given
                // commits no batch, so look again every millisecond
                signal.wait(Math.min(remainingMillis, 1));
            }
        }
        return true;
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
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
            List<? extends TrackedEventMessage<?>> read = reads.after(lastToken);
            catchingUp = read.size() == SharedReads.EVENTS_PER_READ;
            events = read.iterator();
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
