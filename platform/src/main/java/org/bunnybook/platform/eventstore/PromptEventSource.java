package org.bunnybook.platform.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.lifecycle.Phase;
import org.axonframework.lifecycle.ShutdownHandler;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The event store as the read models' processors see it, with one addition: their streams say when events may have
 * arrived. Axon's own streams cannot, so an idle pooled streaming processor looks again only every 500 ms, and a
 * member's own write would take that long to reach the read models. Here the streams are told soon after events
 * commit on this node, and every {@code pollInterval} anyway, for events written by other nodes.
 * <p>
 * The streams of processors a request is waiting for ({@code awaited}) are told of a commit at once, and so are those
 * whose reader is not known (opened off a processor's coordinator); the others at most {@code unawaitedDelay} later,
 * together. A processor no one waits for then handles the events of many commits
 * in one batch (one transaction, one token update, one look at its dead letters) instead of one batch for every
 * command, and its coordinator reads the store once for them all.
 * <p>
 * A stream is held back while too far ahead of its processor's segments (as in a replay, where reading is far quicker
 * than handling), and told as soon as they have room again ({@link EventStorageStream}, {@link #batchCommitted}).
 */
public final class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(PromptEventSource.class);

    private final EventStorageEngine storage;
    private final SharedReads reads;
    private final Set<EventStorageStream> streams = ConcurrentHashMap.newKeySet();
    /** Streams not yet told of a commit, because no one waited for their processor then. */
    private final Set<EventStorageStream> owed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean owedToldSoon = new AtomicBoolean();
    private final Duration unawaitedDelay;
    private final Predicate<String> awaited;
    private final Function<String, Optional<StreamingEventProcessor>> processors;
    private final Map<String, StreamingEventProcessor> otherReaders = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-source-ticker");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param processors     the application's streaming processors by name; others reading this source (a
     *                       rebuild's) say so themselves ({@link #readBy})
     * @param unawaitedDelay how long a commit may wait before the streams of processors no one waits for are told
     *                       (zero: at once)
     * @param awaited        whether a request waits for a processor, by name; when one starts to, say so
     *                       ({@link #awaited})
     */
    public PromptEventSource(EventStore eventStore, EventStorageEngine storage, Duration pollInterval,
                             Function<String, Optional<StreamingEventProcessor>> processors, Duration unawaitedDelay,
                             Predicate<String> awaited) {
        this.storage = storage;
        this.processors = processors;
        this.unawaitedDelay = unawaitedDelay;
        this.awaited = awaited;
        this.reads = new SharedReads(storage);
        eventStore.subscribe(events -> {
            // subscribers run while the events are being committed; readers can only see them afterwards
            if (!CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.afterCommit(u -> committed()))) {
                committed();
            }
        });
        ticker.scheduleWithFixedDelay(this::announce, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Events committed here: the streams of awaited processors are told now, the others soon. */
    private void committed() {
        reads.announced();
        streams.forEach(stream -> {
            if (unawaitedDelay.isZero() || stream.reader() == null) {
                tell(stream);
                return;
            }
            // owed first, then asked: a request that starts waiting meanwhile (it counts itself, then looks at
            // what is owed, in awaited) either finds the stream owed or is seen here
            owed.add(stream);
            if (awaited.test(stream.reader()) && owed.remove(stream)) {
                tell(stream);
            }
        });
        // flagged after the streams were added: a telling under way (it clears the flag first) finds them,
        // or a new one is scheduled
        if (!owed.isEmpty() && owedToldSoon.compareAndSet(false, true)) {
            try {
                ticker.schedule(this::tellAllOwed, unawaitedDelay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                owedToldSoon.set(false); // the processors are stopping: nothing reads the streams any more
            }
        }
    }

    private void tellAllOwed() {
        owedToldSoon.set(false);
        tellOwed(stream -> true);
    }

    /** A request now waits for {@code processor}: its streams owed a commit's news are told at once. */
    public void awaited(String processor) {
        tellOwed(stream -> processor.equals(stream.reader()));
    }

    /** Tells each of {@code these} streams that is owed news, once: whoever takes it off the owed ones tells it. */
    private void tellOwed(Predicate<EventStorageStream> these) {
        owed.forEach(stream -> {
            if (these.test(stream) && owed.remove(stream)) {
                tell(stream);
            }
        });
    }

    /** Tells every stream, for events committed anywhere. */
    private void announce() {
        reads.announced();
        streams.forEach(stream -> {
            owed.remove(stream);
            tell(stream);
        });
    }

    /**
     * One stream whose reader fails to take the news (a rebuild's processor shutting down) must not keep it from the
     * others, nor end the ticker: an exception would cancel its every later run.
     */
    private static void tell(EventStorageStream stream) {
        try {
            stream.eventsMayHaveArrived();
        } catch (RuntimeException e) {
            log.warn("A stream of the event store could not be told that events may have arrived", e);
        }
    }

    /**
     * A batch of the processor named {@code processor} has just committed on this node: its streams that are held
     * back look again at once. (Axon moves the segment's position on after this runs; the stream, woken, waits the
     * moment it takes.)
     */
    public void batchCommitted(String processor) {
        streams.forEach(stream -> stream.roomMayHaveFreed(processor));
    }

    @ShutdownHandler(phase = Phase.INBOUND_EVENT_CONNECTORS)
    void stop() {
        ticker.shutdownNow();
    }

    /** A processor built outside the application's configuration reads this source: a rebuild's. */
    public void readBy(StreamingEventProcessor processor) {
        otherReaders.put(processor.getName(), processor);
    }

    /** It no longer does. */
    public void noLongerReadBy(StreamingEventProcessor processor) {
        otherReaders.remove(processor.getName(), processor);
    }

    /**
     * A stream for the processor whose coordinator opens it, held back while too far ahead of that processor's
     * segments (see {@link EventStorageStream}). Axon opens it on the coordinator's thread, which a pooled processor
     * names "Coordinator[name]" (as ShadowProcessors does too); a stream opened elsewhere is never held back.
     */
    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        Optional<String> processor = openingProcessor();
        Optional<StreamingEventProcessor> reader = processor.flatMap(name ->
                Optional.ofNullable(otherReaders.get(name)).or(() -> processors.apply(name)));
        EventStorageStream stream = new EventStorageStream(reads, trackingToken, processor.orElse(null),
                () -> reader.map(PromptEventSource::slowestSegment).orElse(Long.MAX_VALUE), closed -> {
            streams.remove(closed);
            owed.remove(closed);
        });
        streams.add(stream);
        return stream;
    }

    private static Optional<String> openingProcessor() {
        String thread = Thread.currentThread().getName();
        String prefix = "Coordinator[";
        int end = thread.lastIndexOf(']');
        return thread.startsWith(prefix) && end > prefix.length()
                ? Optional.of(thread.substring(prefix.length(), end)) : Optional.empty();
    }

    /** The position the slowest of the processor's segments on this node has handled; none known: the largest. */
    private static long slowestSegment(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .mapToLong(segment -> segment.getCurrentPosition().orElse(Long.MAX_VALUE))
                .min().orElse(Long.MAX_VALUE);
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
