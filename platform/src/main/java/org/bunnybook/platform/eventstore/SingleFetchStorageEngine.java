package org.bunnybook.platform.eventstore;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Axon's JDBC storage engine, which can also read the store's events one fetch at a time ({@link #fetchAfter}), and
 * parses each event's time once.
 * <p>
 * Its own stream of the store's events fetches until a fetch comes back empty: every read that reached the newest
 * event cost one more fetch, and that empty fetch one more query for events beyond a gap, each in a transaction of
 * its own. At the head, where the processing groups read after every commit, that was half of their reads
 * (docs/performance.md).
 */
final class SingleFetchStorageEngine extends JdbcEventStorageEngine {

    /** How far ahead of a token's position a gap is still waited for (Axon's default, given to it too). */
    static final int MAX_GAP_OFFSET = 10_000;
    /** The first position the store gives (Axon's default, given to it too). */
    static final long LOWEST_GLOBAL_SEQUENCE = 1;
    /** How old an event may be for the positions before it to still be waited for (Axon's default, given to it too). */
    static final int GAP_TIMEOUT_MILLIS = 60_000;

    /** Its gap settings are its own: {@link #getTrackedEventData} does Axon's arithmetic with them. */
    SingleFetchStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder.maxGapOffset(MAX_GAP_OFFSET)
                .lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .gapTimeout(GAP_TIMEOUT_MILLIS));
    }

    /**
     * The events of one fetch after {@code token} (from the first when null), upcast and deserialized as
     * {@link #readEvents(TrackingToken, boolean)} gives them: at most {@link #batchSize()} positions ahead (more only
     * to step over a run of positions with no event), or events in gaps the token still waits for.
     */
    List<? extends TrackedEventMessage<?>> fetchAfter(TrackingToken token) {
        return EventUtils.upcastAndDeserializeTrackedEvents(fetchTrackedEvents(token, batchSize()).stream(),
                getEventSerializer(), upcasterChain).toList();
    }

    /**
     * An event of the store and its token, as Axon's engine makes them, but with the event's time parsed once. Axon's
     * entry keeps the stored text and parses it at every look: once here, to tell whether the positions before the
     * event may still fill (a gap is waited for only behind an event younger than {@link #GAP_TIMEOUT_MILLIS}), and
     * again as the message is handed to a segment. The two parses were a tenth of a replay's CPU on the processing
     * group's threads (docs/performance.md, "Events' times parsed once").
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long position = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        String storedTime = readTimeStamp(resultSet, schema.timestampColumn()).toString();
        DomainEventData<?> event = new ParsedTime<>(
                resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                storedTime,
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));
        boolean gapsMayFill = event.getTimestamp()
                .isAfter(GenericEventMessage.clock.instant().minus(GAP_TIMEOUT_MILLIS, ChronoUnit.MILLIS));
        GapAwareTrackingToken token = previousToken == null
                ? GapAwareTrackingToken.newInstance(position, gapsMayFill
                        ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, position), position).boxed()
                                .collect(Collectors.toCollection(TreeSet::new))
                        : Collections.emptySortedSet())
                : previousToken.advanceTo(position, gapsMayFill ? MAX_GAP_OFFSET : 0);
        return new TrackedDomainEventData<>(token, event);
    }

    /** Axon's entry of a stored event, its time parsed once, as it was read, where Axon's parses it at every look. */
    private static final class ParsedTime<T> extends GenericDomainEventEntry<T> {

        private final Instant time;

        ParsedTime(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                   String storedTime, String payloadType, String payloadRevision, T payload, T metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, storedTime, payloadType, payloadRevision,
                    payload, metaData);
            this.time = DateTimeUtils.parseInstant(storedTime);
        }

        @Override
        public Instant getTimestamp() {
            return time;
        }
    }
}
