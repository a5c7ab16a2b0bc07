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
 * When a batch runs out at the head of the store it asks storage again only after {@link #eventsMayHaveArrived()},
 * and then tells its reader through the availability callback, so the reader neither polls nor waits; a reader
 * catching up on the history reads on by itself ({@link #catchingUp}).
 * <p>
 * A stream also keeps its reader from running too far ahead of its processor's segments. Axon's pooled processor
 * hands every event to each of its segments' queues of 1,024 and, once one is full, stops reading for a fixed 100 ms,
 * however soon the segment is done with it: in a replay the queues were always full, the segments stood idle half of
 * the time, and no group replayed faster than about 1,024 events per 100 ms. So while the events handed out run more
 * than {@link #AHEAD_AT_MOST} positions ahead of the slowest segment here, this stream waits up to
 * {@link #ROOM_PATIENCE_MILLIS} for room and otherwise answers that nothing is available; it tells its reader as soon
 * as one of the processor's batches has ended ({@link #roomMayHaveFreed}), and the reader looks again by itself
 * too (at the latest with the next {@link #eventsMayHaveArrived()}). Live, a processor keeps up with the store and is
 * never that far ahead.
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
    /** Whether the last read was taken for one of a reader catching up ({@link #catchingUp}); a new stream's is. */
    private boolean lastReadCatchingUp = true;
    /** Whether the reader was last told that nothing is available for want of room (or is waiting for it). */
    private volatile boolean heldBack;
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

    /** The name of the processor reading it, or null if not known. */
    String reader() {
        return reader;
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
        if (heldBack && processor.equals(reader)) {
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
     * As {@link BlockingStream} says, except that a reader too far ahead waits up to {@link #ROOM_PATIENCE_MILLIS}
     * for room even when it asked not to wait: Axon's coordinator asks without waiting, and answered "nothing" it
     * waits for the callback or up to a second.
     */
    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        return awaitRoom(Math.max(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROOM_PATIENCE_MILLIS)))
                && awaitNext(deadline);
    }

    /** Whether the reader may take more before {@code deadline}: at once unless it is too far ahead. */
    private boolean awaitRoom(long deadline) throws InterruptedException {
        // asked before every event: the segments' positions are only looked up when the last one seen says no
        while (position(lastToken) - slowestSeen > AHEAD_AT_MOST) {
            long slowest = slowestSegment.getAsLong();
            if (slowest == Long.MAX_VALUE) {
                return true; // not known (yet): never held back
            }
            slowestSeen = Math.max(slowestSeen, slowest);
            if (position(lastToken) - slowestSeen <= AHEAD_AT_MOST) {
                break;
            }
            heldBack = true;
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
        heldBack = false;
        return true;
    }

    /** Whether an event is there, or arrives before {@code deadline}. */
    private boolean awaitNext(long deadline) throws InterruptedException {
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

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    /**
     * The next event, however far ahead the reader is: Axon asks for it after {@link #hasNextAvailable} or
     * {@link #peek} said it is there, and takes the events that share a token (an upcaster's) all at once.
     */
    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        while (!awaitNext(System.nanoTime() + TimeUnit.DAYS.toNanos(1))) {
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
            long from = position(lastToken);
            List<? extends TrackedEventMessage<?>> read = reads.after(lastToken);
            events = read.iterator();
            boolean wasCatchingUp = lastReadCatchingUp;
            lastReadCatchingUp = events.hasNext() && catchingUp(read, from);
            if (events.hasNext()) {
                peeked = events.next();
                if (lastReadCatchingUp || wasCatchingUp) {
                    mayHaveMore = true;
                }
            }
        }
        return peeked;
    }

    /**
     * Whether a read that found events is taken for one of a reader catching up on the history: it found more than
     * half as many events as it looked positions ahead, or reached the last position it looked at. Such a reader reads
     * on at once, and once more after its first short read: positions that rolled-back transactions left without an
     * event can fill most of a window. A read at the head is followed by another only when the stream is told that
     * events may have arrived, as everything committed after it is; looking again at once used to be a read of
     * nothing after every read there. So a replay waits for an announcement (the next commit here, or the source's
     * tick) only where two windows in a row are mostly without events.
     */
    private static boolean catchingUp(List<? extends TrackedEventMessage<?>> read, long from) {
        return read.size() > SharedReads.EVENTS_PER_READ / 2
                || position(read.get(read.size() - 1).trackingToken()) - from >= SharedReads.EVENTS_PER_READ;
    }

    @Override
    public void close() {
        onClose.accept(this);
    }
}
