package org.bunnybook.platform.eventstore;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bunnybook.platform.processing.ProjectionConnections;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads of the event store that the processing groups share. Every group keeps its own stream, and at the head they
 * all stand at the same token: after a commit each of them used to run the same query and deserialize the same
 * events (eleven times per event, the largest share of their coordinators' CPU). Here the first stream to ask for
 * the events after a token reads them, and the others that ask for the same token before anything more was
 * announced get the same events: the same message objects, so each payload is deserialized once.
 * <p>
 * A shared read is as good as one of the stream's own: it started after the latest announcement that events may
 * have arrived, so it saw every event committed before that announcement. (A read started before an announcement
 * is never handed to a stream after it: reads are filed under the number of announcements made when they began.)
 */
final class SharedReads {

    /** A read looks this many positions ahead: one of the storage engine's fetches. */
    static final int EVENTS_PER_READ = SealedSnapshotStorage.BATCH_SIZE;
    private static final int READS_KEPT = 64;

    private final Function<TrackingToken, List<? extends TrackedEventMessage<?>>> fetch;
    private final AtomicLong announcements = new AtomicLong();
    private final Map<Read, CompletableFuture<List<? extends TrackedEventMessage<?>>>> reads =
            new LinkedHashMap<>(READS_KEPT, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Read, CompletableFuture<List<? extends
                        TrackedEventMessage<?>>>> eldest) {
                    return size() > READS_KEPT;
                }
            };

    /**
     * Reads one fetch at a time from the application's engine; from another, up to {@link #EVENTS_PER_READ}. On the
     * processors' connections: a burst of commands holding all of theirs does not stop the read models.
     */
    SharedReads(EventStorageEngine storage) {
        Function<TrackingToken, List<? extends TrackedEventMessage<?>>> read =
                storage instanceof SingleFetchStorageEngine jdbc ? jdbc::fetchAfter : token -> {
                    try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(token, false)) {
                        return events.limit(EVENTS_PER_READ).toList();
                    }
                };
        this.fetch = token -> ProjectionConnections.forProcessors(() -> read.apply(token));
    }

    /** Called before the streams are told that events may have arrived. */
    void announced() {
        announcements.incrementAndGet();
    }

    /**
     * The next events after {@code token} (from the start when null): those at most {@link #EVENTS_PER_READ}
     * positions ahead and in the gaps it waits for. Fewer need not mean that no more follow.
     */
    List<? extends TrackedEventMessage<?>> after(TrackingToken token) {
        if (token == null) {
            return fetch.apply(null);
        }
        Read read = new Read(token, announcements.get());
        CompletableFuture<List<? extends TrackedEventMessage<?>>> mine = new CompletableFuture<>();
        CompletableFuture<List<? extends TrackedEventMessage<?>>> theirs;
        synchronized (reads) {
            theirs = reads.putIfAbsent(read, mine);
        }
        if (theirs != null) {
            try {
                return theirs.join();
            } catch (CompletionException failed) {
                throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
            }
        }
        try {
            List<? extends TrackedEventMessage<?>> events = fetch.apply(token);
            mine.complete(events);
            return events;
        } catch (RuntimeException e) {
            synchronized (reads) {
                reads.remove(read);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private record Read(TrackingToken after, long announcement) {
    }
}
