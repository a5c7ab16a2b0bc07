package org.bunnybook.platform.eventstore;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Axon's JDBC storage engine, which can also read the store's events one fetch at a time ({@link #fetchAfter}), reads
 * an aggregate's snapshot and the events after it in one query ({@link #readAggregate}), and parses each event's time
 * once.
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

    /** The transactions and snapshot filter the builder was given too, which Axon's engine keeps to itself. */
    private final TransactionManager transactions;
    private final SnapshotFilter snapshotFilter;
    /** {@link #snapshotAndEvents}'s statement, written once for the engine's schema. */
    private final String snapshotAndEventsQuery;

    /** Its gap settings are its own: {@link #getTrackedEventData} does Axon's arithmetic with them. */
    SingleFetchStorageEngine(JdbcEventStorageEngine.Builder builder, TransactionManager transactions,
                             SnapshotFilter snapshotFilter) {
        super(builder.maxGapOffset(MAX_GAP_OFFSET)
                .lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .gapTimeout(GAP_TIMEOUT_MILLIS)
                .transactionManager(transactions)
                .snapshotFilter(snapshotFilter));
        this.transactions = transactions;
        this.snapshotFilter = snapshotFilter;
        this.snapshotAndEventsQuery = snapshotAndEventsQuery(schema());
    }

    /**
     * The latest snapshot (Axon deletes older ones as it stores a new one, though two nodes storing at once may leave
     * two) and the events in the batch of sequence numbers after it, snapshot first.
     */
    private static String snapshotAndEventsQuery(EventSchema schema) {
        String fields = schema.domainEventFields();
        String sequence = schema.sequenceNumberColumn();
        return "WITH snapshot AS (SELECT " + fields + " FROM " + schema.snapshotTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ? ORDER BY " + sequence + " DESC LIMIT 1),"
                + " since AS (SELECT COALESCE((SELECT " + sequence + " + 1 FROM snapshot), 0) AS first)"
                + " SELECT true AS is_snapshot, " + fields + " FROM snapshot"
                + " UNION ALL SELECT false, " + fields + " FROM " + schema.domainEventTable() + ", since"
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ? AND " + sequence
                + " >= since.first AND " + sequence + " < since.first + ?"
                + " ORDER BY is_snapshot DESC, " + sequence;
    }

    /**
     * An aggregate's stored history as Axon's event store reads it (its latest snapshot, then the events after it),
     * but the snapshot and the first {@link #batchSize()} events after it in one query where Axon asks twice: every
     * command that loads an aggregate saves a round trip (a chat message loads two). Further events, if any, are read
     * as Axon reads them, a batch at a time. Null where the latest snapshot is not to be used (refused by its seal,
     * {@link SnapshotSeals}, or its aggregate's revision, or not readable): Axon's store then reads the aggregate its
     * own way, which steps past such a snapshot to an older one or to the first event ({@link OneReadEventStore}).
     */
    DomainEventStream readAggregate(String aggregateIdentifier) {
        Stored stored = transactions.fetchInTransaction(() -> JdbcUtils.executeQuery(getConnection(),
                connection -> snapshotAndEvents(connection, aggregateIdentifier), this::stored,
                e -> new EventStoreException("Failed to read aggregate [%s]".formatted(aggregateIdentifier), e)));
        if (stored.snapshot() == null) {
            return eventsFrom(aggregateIdentifier, stored.events());
        }
        DomainEventMessage<?> snapshot = usable(stored.snapshot());
        if (snapshot == null) {
            return null;
        }
        return DomainEventStream.concat(DomainEventStream.of(snapshot), eventsFrom(aggregateIdentifier,
                stored.events()));
    }

    /** What one read of an aggregate found: its latest snapshot (null if none) and the events it read after it. */
    private record Stored(DomainEventData<?> snapshot, List<DomainEventData<?>> events) {
    }

    private Stored stored(ResultSet rows) throws SQLException {
        DomainEventData<?> snapshot = null;
        List<DomainEventData<?>> events = new ArrayList<>();
        while (rows.next()) {
            if (rows.getBoolean("is_snapshot")) {
                snapshot = getDomainEventData(rows);
            } else {
                events.add(getDomainEventData(rows));
            }
        }
        return new Stored(snapshot, events);
    }

    /** {@link #snapshotAndEventsQuery} for one aggregate. */
    private PreparedStatement snapshotAndEvents(Connection connection, String aggregateIdentifier)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(snapshotAndEventsQuery);
        statement.setString(1, aggregateIdentifier);
        statement.setString(2, aggregateIdentifier);
        statement.setInt(3, batchSize());
        return statement;
    }

    /** The snapshot as a message, or null where Axon's store would not use it, or would warn and step past it. */
    private DomainEventMessage<?> usable(DomainEventData<?> snapshot) {
        try {
            return !snapshotFilter.allow(snapshot) ? null : EventStreamUtils.upcastAndDeserializeDomainEvents(
                    Stream.of(snapshot), getSnapshotSerializer(), upcasterChain).asStream().findFirst().orElse(null);
        } catch (RuntimeException | LinkageError unreadable) {
            return null;
        }
    }

    /**
     * The events read with the snapshot, then, if they filled a batch, the ones after them as Axon reads them: a
     * batch with fewer events than it spans is the last, the rule the engine is built with for Axon's own reads
     * ({@link SealedSnapshotStorage}): the two must change together.
     */
    private DomainEventStream eventsFrom(String aggregateIdentifier, List<DomainEventData<?>> firstBatch) {
        DomainEventStream read = EventStreamUtils.upcastAndDeserializeDomainEvents(firstBatch.stream(),
                getEventSerializer(), upcasterChain);
        if (firstBatch.size() < batchSize()) {
            return read;
        }
        long next = firstBatch.get(firstBatch.size() - 1).getSequenceNumber() + 1;
        return DomainEventStream.concat(read, readEvents(aggregateIdentifier, next));
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
