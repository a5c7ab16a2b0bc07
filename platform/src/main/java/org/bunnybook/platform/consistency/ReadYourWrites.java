package org.bunnybook.platform.consistency;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.messaging.Message;
import org.bunnybook.api.ReflectedIn;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.processing.ReplayProgress;
import org.bunnybook.platform.processing.StoredTokens;
import org.bunnybook.platform.processing.StoredTokens.StoredToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sends commands so that the sender's next read sees their effect, while projections stay asynchronous.
 * <p>
 * The events a command produced are captured as they are published ({@link PublishedEvents}); after the command
 * commits, their positions in the event store are looked up, and the request waits (bounded) until, in each named
 * processing group, every segment that handles one of those events has stored a token past its position. Tokens live
 * in PostgreSQL, so this holds whichever node runs the segment; a segment stores its token in the same transaction
 * as the batch it handled, so a stored position means the read model has it.
 */
@Component
@EnableConfigurationProperties(ReadYourWritesProperties.class)
public class ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);

    private final CommandGateway commandGateway;
    private final PublishedEvents publishedEvents;
    private final EventProcessingConfiguration processing;
    private final EventStoreTables tables;
    private final StoredTokens storedTokens;
    private final ReadYourWritesProperties properties;

    ReadYourWrites(CommandGateway commandGateway, PublishedEvents publishedEvents,
                   EventProcessingConfiguration processing, EventStoreTables tables, StoredTokens storedTokens,
                   ReadYourWritesProperties properties) {
        this.commandGateway = commandGateway;
        this.publishedEvents = publishedEvents;
        this.processing = processing;
        this.tables = tables;
        this.storedTokens = storedTokens;
        this.properties = properties;
    }

    /**
     * Sends {@code command} (a payload or a command message), then waits until the read models its type names in
     * {@link ReflectedIn} reflect it.
     */
    public <R> R send(Object command) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        String[] readModels = reflectedIn(message.getPayloadType());
        List<EventMessage<?>> events;
        R result;
        try (PublishedEvents.Capture capture = publishedEvents.capture()) {
            result = commandGateway.sendAndWait(message.andMetaData(Map.of(PublishedEvents.CAPTURE, capture.id())));
            events = capture.events();
        }
        if (!awaitProjections(events, properties.timeout(), readModels)) {
            log.warn("read models {} did not catch up within {}; answering anyway", List.of(readModels),
                    properties.timeout());
        }
        return result;
    }

    private static String[] reflectedIn(Class<?> commandType) {
        ReflectedIn declared = commandType.getAnnotation(ReflectedIn.class);
        return declared == null ? new String[0] : declared.value();
    }

    /**
     * Waits, at most {@code timeout}, until {@code readModels} have processed {@code events} (committed to the event
     * store); answers whether they did. A read model being rebuilt from history is not waited for: it cannot promise
     * anything until its replay is over.
     */
    public boolean awaitProjections(List<? extends EventMessage<?>> events, Duration timeout, String... readModels) {
        if (events.isEmpty() || readModels.length == 0) {
            return true;
        }
        Map<String, Long> positions = positionsOf(events);
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        for (String readModel : readModels) {
            AbstractEventProcessor processor = processorFor(readModel);
            long pause = 2;
            while (!hasProcessed(processor, readModel, events, positions)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                sleep(pause);
                pause = Math.min(pause * 2, 50);
            }
        }
        log.debug("read models {} caught up after {} ms", List.of(readModels),
                (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    private Map<String, Long> positionsOf(List<? extends EventMessage<?>> events) {
        return tables.positionsOf(events.stream().map(Message::getIdentifier).toList());
    }

    private boolean hasProcessed(AbstractEventProcessor processor, String readModel,
                                 List<? extends EventMessage<?>> events,
                                 Map<String, Long> positions) {
        List<StoredToken> tokens = storedTokens.of(readModel);
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for read models", e);
        }
    }
}
