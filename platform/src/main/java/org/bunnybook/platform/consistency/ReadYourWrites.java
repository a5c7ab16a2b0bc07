package org.bunnybook.platform.consistency;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.bunnybook.api.ReflectedIn;
import org.bunnybook.api.StoredBefore;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.processing.AwaitedGroups;
import org.bunnybook.platform.processing.CommittedBatches;
import org.bunnybook.platform.processing.ParkedHere;
import org.bunnybook.platform.processing.ReplayProgress;
import org.bunnybook.platform.processing.StoredTokens;
import org.bunnybook.platform.processing.StoredTokens.StoredToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Sends commands so that the sender's next read sees their effect, while projections stay asynchronous.
 * <p>
 * The events a command produced are captured as they are published ({@link PublishedEvents}); after the command
 * commits, the request waits (bounded) until, in each named processing group, every segment that handles one of
 * those events has committed a batch past it. Where this node runs every segment of the group, its own batches say
 * so as they commit ({@link CommittedBatches.Watch}). Otherwise the events' positions in the event store are looked
 * up and compared with the tokens: they live in PostgreSQL, so this holds whichever node runs the segment; a segment
 * stores its token in the same transaction as the batch it handled, so a stored position means the read model has it.
 */
@Component
@EnableConfigurationProperties(ReadYourWritesProperties.class)
public class ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
    /** How often a waiting request looks at tokens that batches committed on other nodes may have moved. */
    private static final Duration LOOK_AGAIN = Duration.ofMillis(25);

    private final CommandGateway commandGateway;
    private final PublishedEvents publishedEvents;
    private final EventProcessingConfiguration processing;
    private final EventStoreTables tables;
    private final StoredTokens storedTokens;
    private final ReadYourWritesProperties properties;
    private final CommittedBatches committedBatches;
    private final ParkedHere parkedHere;
    private final AwaitedGroups awaitedGroups;
    private final List<ReadModelsBehind> readModelsBehind;
    private final EventStore eventStore;

    ReadYourWrites(CommandGateway commandGateway, PublishedEvents publishedEvents,
                   EventProcessingConfiguration processing, EventStoreTables tables, StoredTokens storedTokens,
                   ReadYourWritesProperties properties, CommittedBatches committedBatches, ParkedHere parkedHere,
                   List<ReadModelsBehind> readModelsBehind, EventStore eventStore, AwaitedGroups awaitedGroups) {
        this.parkedHere = parkedHere;
        this.awaitedGroups = awaitedGroups;
        this.eventStore = eventStore;
        this.commandGateway = commandGateway;
        this.publishedEvents = publishedEvents;
        this.processing = processing;
        this.tables = tables;
        this.storedTokens = storedTokens;
        this.properties = properties;
        this.committedBatches = committedBatches;
        this.readModelsBehind = readModelsBehind;
    }

    /**
     * Sends {@code command} (a payload or a command message), then waits until the read models its type names in
     * {@link ReflectedIn} reflect it. A read model that cannot reflect it soon (it stopped moving, or parked the
     * command's events) is not waited for any longer: the command stands, and {@link ReadModelsBehind} are told which
     * read models are behind, so the answer can say so.
     */
    public <R> R send(Object command) {
        return this.<R>sent(command).result();
    }

    /**
     * As {@link #send}, answering the event of {@code eventType} the command stored, with the time it was stored at:
     * once the read models reflect it they hold what it says, so an answer can be made from it without reading it
     * back (a new post, a new comment). A command its aggregate answers with {@link StoredBefore} (sent again) is
     * answered with the event stored then, as {@link #sentAgain} answers.
     */
    public <E> Stored<E> send(Object command, Class<E> eventType) {
        Sent<Object> sent = this.sent(command);
        if (sent.result() instanceof StoredBefore before) {
            return sentAgain(command, storedAt(before.aggregateId(), before.seq(), eventType).orElseThrow(() ->
                    new IllegalStateException("no " + eventType.getSimpleName() + " at " + before.seq() + " of "
                            + before.aggregateId())));
        }
        return sent.events().stream()
                .filter(event -> eventType.isInstance(event.getPayload()))
                .findFirst()
                .map(event -> new Stored<>(eventType.cast(event.getPayload()), event.getTimestamp()))
                .orElseThrow(() -> new IllegalStateException(
                        GenericCommandMessage.asCommandMessage(command).getCommandName() + " stored no "
                                + eventType.getSimpleName()));
    }

    /** An event a command stored, and when. */
    public record Stored<E>(E event, Instant at) {
    }

    /** What a command answered, and the events it stored. */
    private record Sent<R>(R result, List<EventMessage<?>> events) {
    }

    private <R> Sent<R> sent(Object command) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        String[] readModels = reflectedIn(message.getPayloadType());
        Map<String, Long> parkedBefore = parkedHere.counts(List.of(readModels));
        try (AwaitedGroups.Awaiting awaiting = expecting(readModels);
             PublishedEvents.Capture capture = publishedEvents.capture()) {
            R result = commandGateway.sendAndWait(message.andMetaData(Map.of(PublishedEvents.CAPTURE, capture.id())));
            List<EventMessage<?>> events = capture.events();
            tellBehind(behind(events, properties.timeout(), capture.watch(), parkedBefore, readModels),
                    message.getCommandName());
            return new Sent<>(result, events);
        }
    }

    private static String[] reflectedIn(Class<?> commandType) {
        ReflectedIn declared = commandType.getAnnotation(ReflectedIn.class);
        return declared == null ? new String[0] : declared.value();
    }

    /**
     * Waits, at most {@code timeout}, until {@code readModels} have processed {@code events} (committed to the event
     * store); answers whether they did. A read model being rebuilt from history is not waited for: it cannot promise
     * anything until its replay is over. Their processors are told of new events at once while it waits
     * ({@link AwaitedGroups}).
     */
    public boolean awaitProjections(List<? extends EventMessage<?>> events, Duration timeout, String... readModels) {
        try (AwaitedGroups.Awaiting awaiting = expecting(readModels)) {
            return behind(events, timeout, null, null, readModels).isEmpty();
        }
    }

    /**
     * Has the processors of {@code readModels} told of new events at once until the answer is closed. Every wait here
     * does so from before its command is sent; a request that will wait one step after its command (for a process
     * reacting to its events, then for the read model of the process's command) calls it itself, or, told only as each
     * wait began, the steps would not overlap.
     */
    public AwaitedGroups.Awaiting expecting(String... readModels) {
        return awaitedGroups.await(Stream.of(readModels).map(readModel -> processorFor(readModel).getName()).toList());
    }

    /**
     * Waits, at most {@code bunnybook.read-your-writes.timeout}, until {@code readModels} have processed every event
     * stored for the aggregate so far; answers whether they did. For reads that must show what was stored before
     * they began, whoever stored it and whether or not a read model was waited for then (chat pushes a message
     * before its history has it).
     */
    public boolean awaitAggregate(String aggregateId, String... readModels) {
        Optional<Long> last = eventStore.lastSequenceNumberFor(aggregateId);
        if (last.isEmpty()) {
            return true;
        }
        DomainEventStream newest = eventStore.readEvents(aggregateId, last.get());
        return !newest.hasNext() || awaitProjections(List.of(newest.next()), properties.timeout(), readModels);
    }

    /**
     * The event that created aggregate {@code aggregateId}, if it exists and an event of {@code eventType} created it,
     * not waited for: for a command that may have been sent before (a request sent again under the same idempotency
     * key), to be compared with it and then answered with {@link #sentAgain}.
     */
    public <E> Optional<Creation<E>> creation(String aggregateId, Class<E> eventType) {
        return storedAt(aggregateId, 0, eventType);
    }

    /**
     * The event of aggregate {@code aggregateId} at {@code sequenceNumber}, if there is one of {@code eventType}: one
     * that created a part of it (a comment, a chat message) for a command sent again that its aggregate found stored
     * already, to be answered with it. Axon reads an aggregate's events a batch at a time; this takes the first of
     * the batch read from there.
     */
    public <E> Optional<Creation<E>> storedAt(String aggregateId, long sequenceNumber, Class<E> eventType) {
        DomainEventStream events = eventStore.readEvents(aggregateId, sequenceNumber);
        if (!events.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> event = events.next();
        return event.getSequenceNumber() == sequenceNumber && eventType.isInstance(event.getPayload())
                ? Optional.of(new Creation<>(eventType.cast(event.getPayload()), event)) : Optional.empty();
    }

    /** The event that created an aggregate or a part of it, and its message as stored (its identity and time). */
    public record Creation<E>(E event, DomainEventMessage<?> message) {
    }

    /**
     * Answers {@code command}, sent again, with the {@code creation} the first one stored, as {@link #send} answers
     * a command sent the first time: once the read models its type names in {@link ReflectedIn} reflect it, those that
     * do not soon told to {@link ReadModelsBehind}.
     */
    public <E> Stored<E> sentAgain(Object command, Creation<E> creation) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        String[] readModels = reflectedIn(message.getPayloadType());
        try (AwaitedGroups.Awaiting awaiting = expecting(readModels)) {
            tellBehind(behind(List.of(creation.message()), properties.timeout(), null, null, readModels),
                    message.getCommandName());
        }
        return new Stored<>(creation.event(), creation.message().getTimestamp());
    }

    /** Says which read models do not reflect the command yet, so that the answer names them; none, nothing. */
    private void tellBehind(List<String> behind, String commandName) {
        if (!behind.isEmpty()) {
            log.warn("read models {} do not reflect {} yet; answering anyway", behind, commandName);
            readModelsBehind.forEach(listener -> listener.behind(behind));
        }
    }

    /**
     * The read models that do not reflect {@code events} once waited for; empty when all do. They are waited for
     * together, woken whenever one of them commits a batch on this node. A read model this node runs every segment
     * of reflects the events once its batches committed here have handled those it handles, which the
     * {@code watch} (null: none, for events this node did not capture as they were published) tells without a
     * question to PostgreSQL. Otherwise, and at least every {@link #LOOK_AGAIN} (a segment may have been handed to
     * another node and back meanwhile), their tokens are read, in one query. Last, the dead-letter table is asked
     * whether any of the events was parked, unless every read model was found to reflect them here and this node
     * has parked nothing of theirs since {@code parkedBefore} was counted (before the command was sent). Named in the
     * order of {@code readModels}.
     */
    private List<String> behind(List<? extends EventMessage<?>> events, Duration timeout,
                                CommittedBatches.Watch watch, Map<String, Long> parkedBefore, String... readModels) {
        if (events.isEmpty() || readModels.length == 0) {
            return List.of();
        }
        List<String> eventIds = events.stream().map(Message::getIdentifier).toList();
        Map<String, Long> positions = null; // looked up when the tokens are first read
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long lookedAtTokens = watch == null ? started - LOOK_AGAIN.toNanos() : started;
        Map<String, Progress> awaited = new LinkedHashMap<>();
        for (String readModel : readModels) {
            awaited.put(readModel, new Progress(processorFor(readModel), started));
        }
        Set<String> behind = new HashSet<>();
        Set<String> reflectedHere = new HashSet<>();
        try {
            while (!awaited.isEmpty()) {
                Map<String, Long> seen = committedBatches.counts(awaited.keySet());
                if (watch != null) {
                    awaited.entrySet().removeIf(entry -> entry.getValue().runsEverySegmentHere()
                            && handledHere(entry.getValue().processor, entry.getKey(), events, watch)
                            && reflectedHere.add(entry.getKey()));
                }
                long now = System.nanoTime();
                boolean toldHere = watch != null && awaited.values().stream().allMatch(Progress::runsEverySegmentHere);
                if (!awaited.isEmpty()
                        && (!toldHere || now - lookedAtTokens >= LOOK_AGAIN.toNanos() || now > deadline)) {
                    lookedAtTokens = now;
                    if (positions == null) {
                        positions = tables.positionsOf(eventIds);
                    }
                    Map<String, List<StoredToken>> tokens = storedTokens.of(awaited.keySet());
                    Map<String, Long> stored = positions;
                    awaited.entrySet().removeIf(entry -> {
                        List<StoredToken> own = tokens.getOrDefault(entry.getKey(), List.of());
                        if (hasProcessed(entry.getValue().processor, own, events, stored)) {
                            return true;
                        }
                        // a read model whose store is down does not hold a server thread for the whole timeout
                        if (entry.getValue().stalled(own, now, properties.stall()) || now > deadline) {
                            behind.add(entry.getKey());
                            return true;
                        }
                        return false;
                    });
                }
                if (!awaited.isEmpty()) {
                    seen.keySet().retainAll(awaited.keySet());
                    long until = Math.min(lookedAtTokens + LOOK_AGAIN.toNanos(), deadline); // the next look is due
                    committedBatches.awaitAny(seen, Duration.ofNanos(Math.max(0, until - System.nanoTime())));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for read models", e);
        }
        // a parked event has moved its group's tokens on without being reflected
        boolean nothingParkedHere = reflectedHere.size() == readModels.length
                && parkedHere.counts(List.of(readModels)).equals(parkedBefore);
        if (!nothingParkedHere) {
            tables.groupsHavingParked(eventIds).stream().filter(List.of(readModels)::contains).forEach(behind::add);
        }
        log.debug("read models {} waited for {} ms; behind: {}", List.of(readModels),
                (System.nanoTime() - started) / 1_000_000, behind);
        return Stream.of(readModels).filter(behind::contains).toList();
    }

    /** Whether the batches of {@code group} committed on this node have handled every one of the events it handles. */
    private static boolean handledHere(AbstractEventProcessor processor, String group,
                                       List<? extends EventMessage<?>> events, CommittedBatches.Watch watch) {
        Collection<EventTrackerStatus> segments = ((StreamingEventProcessor) processor).processingStatus().values();
        return events.stream().allMatch(event -> watch.committed(group, event.getIdentifier())
                || segments.stream().noneMatch(status -> handles(processor, event, status.getSegment())));
    }

    /** How far one awaited read model's tokens have got, and since when they have not moved. */
    private static final class Progress {
        private final AbstractEventProcessor processor;
        private List<TrackingToken> last;
        private long movedAt;

        Progress(AbstractEventProcessor processor, long now) {
            this.processor = processor;
            this.movedAt = now;
        }

        /**
         * Whether this node runs every segment of the read model, none of them replaying: then only this node's
         * batches move its tokens.
         */
        boolean runsEverySegmentHere() {
            Collection<EventTrackerStatus> segments = ((StreamingEventProcessor) processor).processingStatus().values();
            // shares of the segment space are powers of two: their sum is exact
            double share = segments.stream().mapToDouble(status -> 1.0 / (status.getSegment().getMask() + 1)).sum();
            return share == 1.0 && segments.stream().noneMatch(EventTrackerStatus::isReplaying);
        }

        /** Whether the tokens have stayed where they were for longer than {@code stall}. */
        boolean stalled(List<StoredToken> tokens, long now, Duration stall) {
            List<TrackingToken> progress = tokens.stream().map(StoredToken::token).toList();
            if (!progress.equals(last)) {
                last = progress;
                movedAt = now;
                return false;
            }
            return now - movedAt > stall.toNanos();
        }
    }

    private boolean hasProcessed(AbstractEventProcessor processor, List<StoredToken> tokens,
                                 List<? extends EventMessage<?>> events,
                                 Map<String, Long> positions) {
        if (tokens.isEmpty()) {
            return false; // not initialised yet by any node
        }
        Map<Integer, EventTrackerStatus> here = ((StreamingEventProcessor) processor).processingStatus();
        int[] segmentIds = tokens.stream().mapToInt(StoredToken::segment).toArray();
        for (StoredToken stored : tokens) {
            Segment segment = Segment.computeSegment(stored.segment(), segmentIds);
            if (replaying(stored, here.get(stored.segment()))) {
                continue; // the read model is being rebuilt from history: it cannot promise anything yet
            }
            for (EventMessage<?> event : events) {
                Long position = positions.get(event.getIdentifier());
                if (position != null && handles(processor, event, segment) && !covers(stored.token(), position)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether a segment is still replaying history. Where this node runs the segment, its live status says; the
     * stored token may be seconds behind it (a segment with nothing of its own to handle stores its token only now
     * and then), and would make a replay that has just ended look like one under way.
     */
    private static boolean replaying(StoredToken stored, EventTrackerStatus local) {
        if (local != null) {
            return local.isReplaying()
                    && local.getCurrentPosition().orElse(0) < local.getResetPosition().orElse(0);
        }
        return ReplayProgress.of(stored.token()).replaying();
    }

    private static boolean handles(AbstractEventProcessor processor, EventMessage<?> event, Segment segment) {
        try {
            return processor.eventHandlerInvoker().canHandle(event, segment);
        } catch (Exception e) {
            return true; // cannot tell: wait for it rather than answer too early
        }
    }

    private static boolean covers(TrackingToken stored, long position) {
        if (stored == null) {
            return false;
        }
        TrackingToken token = WrappedToken.unwrapLowerBound(stored);
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return token != null && token.position().orElse(-1) >= position;
    }

    private AbstractEventProcessor processorFor(String readModel) {
        EventProcessor processor = processing.eventProcessorByProcessingGroup(readModel)
                .orElseThrow(() -> new IllegalArgumentException("no processing group named " + readModel));
        if (processor instanceof StreamingEventProcessor && processor instanceof AbstractEventProcessor streaming) {
            return streaming;
        }
        throw new IllegalStateException(readModel + " is not a streaming processor");
    }
}
