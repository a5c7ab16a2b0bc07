package org.bunnybook.platform.eventstore;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream keeps its reader from running more than {@link EventStorageStream#AHEAD_AT_MOST} positions ahead of the
 * reader's slowest segment, so that Axon never finds a segment's queue full (and stops for 100 ms); it lets the reader
 * on, and tells it, once the segments have caught up enough. A reader at the head reads again only when told that
 * events may have arrived; one catching up reads on by itself.
 */
class EventStorageStreamTest {

    private static final int EVENTS = 3000;

    @Test
    void aReaderCatchingUpIsHeldBackWhileTooFarAheadOfItsSegmentsAndToldWhenItMayGoOn() throws Exception {
        InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
        List<GenericDomainEventMessage<String>> history = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            history.add(new GenericDomainEventMessage<>("Bunny", "bunny-" + (i % 7), i / 7, "hop " + i));
        }
        storage.appendEvents(history);
        AtomicLong slowestSegment = new AtomicLong(-1);
        AtomicInteger told = new AtomicInteger();
        EventStorageStream stream = new EventStorageStream(new SharedReads(storage), null, "bunnies",
                slowestSegment::get, closed -> {
                });
        stream.setOnAvailableCallback(told::incrementAndGet);

        long taken = takeWhileAvailable(stream);
        assertThat(taken).as("events handed out before the segments moved")
                .isGreaterThan(EventStorageStream.AHEAD_AT_MOST - SharedReads.EVENTS_PER_READ)
                .isLessThanOrEqualTo(EventStorageStream.AHEAD_AT_MOST + 1);
        long started = System.nanoTime();
        assertThat(stream.hasNextAvailable()).as("still too far ahead").isFalse();
        assertThat(System.nanoTime() - started).as("waited for room a while, not for ever")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(EventStorageStream.ROOM_PATIENCE_MILLIS - 1))
                .isLessThan(TimeUnit.SECONDS.toNanos(5));

        long asked = System.nanoTime();
        assertThat(stream.peek()).as("an event is there, held back or not").isPresent();
        stream.nextAvailable(); // as Axon takes the events sharing a token: never held back
        taken++;
        assertThat(System.nanoTime() - asked).as("taken at once").isLessThan(TimeUnit.SECONDS.toNanos(1));

        slowestSegment.set(taken - 1);
        stream.roomMayHaveFreed("carrots");
        assertThat(told.get()).as("another processor's batch tells this reader nothing").isZero();
        stream.roomMayHaveFreed("bunnies");
        assertThat(told.get()).as("the reader told to look again").isEqualTo(1);
        assertThat(takeWhileAvailable(stream)).as("handed out once the segments caught up")
                .isGreaterThan(EventStorageStream.AHEAD_AT_MOST - SharedReads.EVENTS_PER_READ);

        slowestSegment.set(Long.MAX_VALUE); // not known: never held back
        takeWhileAvailable(stream);
        assertThat(stream.hasNextAvailable()).as("every event read").isFalse();
    }

    @Test
    void aReaderNotAheadIsNeitherHeldBackNorToldOfRoom() throws Exception {
        InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
        storage.appendEvents(new GenericDomainEventMessage<>("Bunny", "bunny", 0, "hop"));
        AtomicInteger told = new AtomicInteger();
        EventStorageStream stream = new EventStorageStream(new SharedReads(storage), null, "bunnies", () -> -1,
                closed -> {
        });
        stream.setOnAvailableCallback(told::incrementAndGet);

        assertThat(takeWhileAvailable(stream)).isEqualTo(1);
        stream.roomMayHaveFreed("bunnies");
        assertThat(told.get()).isZero();
    }

    @Test
    void aReaderAtTheHeadReadsAgainOnlyWhenToldThatEventsMayHaveArrived() throws Exception {
        HoleyStorage storage = new HoleyStorage(position -> false);
        for (int i = 0; i < 3; i++) {
            storage.appendEvents(new GenericDomainEventMessage<>("Bunny", "bunny", i, "hop " + i));
        }
        SharedReads reads = new SharedReads(storage);
        EventStorageStream stream = new EventStorageStream(reads, null, "bunnies", () -> -1, closed -> {
        });

        assertThat(takeWhileAvailable(stream)).isEqualTo(3);
        assertThat(storage.reads).as("a new stream's first read and one more").hasValue(2);

        storage.appendEvents(new GenericDomainEventMessage<>("Bunny", "bunny", 3, "hop 3"));
        assertThat(takeWhileAvailable(stream)).as("not told yet").isZero();
        assertThat(storage.reads).hasValue(2);
        reads.announced();
        stream.eventsMayHaveArrived();
        assertThat(takeWhileAvailable(stream)).isEqualTo(1);
        assertThat(storage.reads).as("the read that came back short was taken for the head").hasValue(3);
    }

    @Test
    void aReaderCatchingUpReadsOnPastPositionsLeftWithoutAnEvent() throws Exception {
        // positions that rolled-back transactions left without an event, however they fall in the windows read
        assertThat(readWithoutBeingTold(position -> position % 10 == 9)).as("every tenth without an event")
                .isEqualTo(EVENTS - EVENTS / 10);
        assertThat(readWithoutBeingTold(position -> position % 10 != 0)).as("all but every tenth")
                .isEqualTo(EVENTS / 10);
        assertThat(readWithoutBeingTold(position -> position >= 1005 && position < 1100)).as("a window nearly empty")
                .isEqualTo(EVENTS - 95);
    }

    /** The events a reader catching up on a history with {@code holes} reads without being told of any. */
    private static long readWithoutBeingTold(LongPredicate holes) throws InterruptedException {
        HoleyStorage storage = new HoleyStorage(holes);
        List<GenericDomainEventMessage<String>> history = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            history.add(new GenericDomainEventMessage<>("Bunny", "bunny-" + (i % 7), i / 7, "hop " + i));
        }
        storage.appendEvents(history);
        EventStorageStream stream = new EventStorageStream(new SharedReads(storage), null, "bunnies",
                () -> Long.MAX_VALUE, closed -> {
        });
        return takeWhileAvailable(stream);
    }

    /**
     * The in-memory engine read as the JDBC engine reads the store: {@link SharedReads#EVENTS_PER_READ} positions
     * at a time, some of them without an event; counting its reads.
     */
    private static final class HoleyStorage extends InMemoryEventStorageEngine {
        private final LongPredicate hole;
        final AtomicInteger reads = new AtomicInteger();

        HoleyStorage(LongPredicate hole) {
            this.hole = hole;
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
            reads.incrementAndGet();
            long from = token == null ? -1 : token.position().orElseThrow();
            return super.readEvents(token, mayBlock)
                    .filter(event -> event.trackingToken().position().orElseThrow() <= from
                            + SharedReads.EVENTS_PER_READ)
                    .filter(event -> !hole.test(event.trackingToken().position().orElseThrow()));
        }
    }

    private static long takeWhileAvailable(EventStorageStream stream) throws InterruptedException {
        long count = 0;
        while (stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
            stream.nextAvailable();
            count++;
        }
        return count;
    }
}
