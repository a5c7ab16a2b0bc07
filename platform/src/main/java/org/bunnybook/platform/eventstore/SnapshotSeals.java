package org.bunnybook.platform.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendSnapshotStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bunnybook.platform.integrity.IntegrityKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * Snapshots are sealed with the {@link IntegrityKey} when stored and trusted only while their seal holds. A snapshot
 * is a shortcut past an aggregate's events: one edited in the database (a post's author swapped, say) would make the
 * aggregate decide on a state its events never produced, and the ledger, which chains events, would not see it. So
 * the seal (an HMAC over the stored identity, type and payload bytes) goes into the snapshot's own metadata, and
 * loading ignores a snapshot whose seal is missing or wrong: the aggregate is rebuilt from its events instead (and
 * snapshotted anew by its trigger). Verification lists such snapshots ({@link #holds}).
 */
@Component
public class SnapshotSeals implements SnapshotFilter, AppendSnapshotStatementBuilder {

    /** The snapshot metadata entry holding the seal, in hex. */
    public static final String METADATA_KEY = "snapshotSeal";
    private static final String PURPOSE = "bunnybook snapshot";
    private static final Logger log = LoggerFactory.getLogger(SnapshotSeals.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IntegrityKey key;
    /**
     * Snapshots refused lately, each warned about once a minute: loading an aggregate looks at its latest snapshot twice when
     * it is refused (the one-query read, then Axon's own, which steps past it), and every command on the aggregate
     * loads it again until a sealed snapshot replaces it.
     */
    private final Cache<String, Boolean> refused = Caffeine.newBuilder().executor(Runnable::run)
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(10_000).build();

    SnapshotSeals(IntegrityKey key) {
        this.key = key;
    }

    /** Whether a stored snapshot's metadata carries a seal at all (those stored before sealing began do not). */
    public static boolean sealed(byte[] metaData) {
        return sealIn(metaData) != null;
    }

    /** Whether a stored snapshot's seal holds for the bytes it was stored with. */
    public boolean holds(String aggregateIdentifier, long sequenceNumber, String aggregateType, String payloadType,
                         String payloadRevision, byte[] payload, byte[] metaData) {
        String seal = sealIn(metaData);
        return seal != null && seal.matches("[0-9a-f]{64}")
                && key.holds(HexFormat.of().parseHex(seal), PURPOSE, parts(aggregateIdentifier, sequenceNumber,
                aggregateType, payloadType, payloadRevision, payload));
    }

    /** Loading an aggregate: a snapshot is used only if its seal holds. */
    @Override
    public boolean test(DomainEventData<?> snapshot) {
        boolean holds = snapshot.getPayload().getData() instanceof byte[] payload
                && snapshot.getMetaData().getData() instanceof byte[] metaData
                && holds(snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber(), snapshot.getType(),
                snapshot.getPayload().getType().getName(), snapshot.getPayload().getType().getRevision(), payload,
                metaData);
        if (!holds && refused.asMap().putIfAbsent(snapshot.getAggregateIdentifier() + "@"
                + snapshot.getSequenceNumber(), Boolean.TRUE) == null) {
            log.warn("Snapshot of {} at sequence {} is not sealed with this deployment's key: ignored, the aggregate"
                    + " is rebuilt from its events", snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber());
        }
        return holds;
    }

    /** Storing a snapshot: Axon's own statement, with the seal of the payload added to its metadata. */
    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   DomainEventMessage<?> snapshot, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        SerializedObject<?> payload = snapshot.serializePayload(serializer, byte[].class);
        byte[] seal = key.seal(PURPOSE, parts(snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber(),
                snapshot.getType(), payload.getType().getName(), payload.getType().getRevision(),
                (byte[]) payload.getData()));
        SerializedObject<?> metaData = snapshot.andMetaData(Map.of(METADATA_KEY, HexFormat.of().formatHex(seal)))
                .serializeMetaData(serializer, byte[].class);
        PreparedStatement statement = connection.prepareStatement("INSERT INTO " + schema.snapshotTable()
                + " (" + schema.domainEventFields() + ") VALUES (?,?,?,?,?,?,?,?,?)");
        statement.setString(1, snapshot.getIdentifier());
        statement.setString(2, snapshot.getAggregateIdentifier());
        statement.setLong(3, snapshot.getSequenceNumber());
        statement.setString(4, snapshot.getType());
        timestampWriter.writeTimestamp(statement, 5, snapshot.getTimestamp());
        statement.setString(6, payload.getType().getName());
        statement.setString(7, payload.getType().getRevision());
        statement.setObject(8, payload.getData());
        statement.setObject(9, metaData.getData());
        return statement;
    }

    private static byte[][] parts(String aggregateIdentifier, long sequenceNumber, String aggregateType,
                                  String payloadType, String payloadRevision, byte[] payload) {
        return new byte[][]{utf8(aggregateIdentifier), ByteBuffer.allocate(Long.BYTES).putLong(sequenceNumber).array(),
                utf8(aggregateType), utf8(payloadType), utf8(payloadRevision), payload};
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sealIn(byte[] metaData) {
        try {
            JsonNode seal = metaData == null ? null : JSON.readTree(metaData).get(METADATA_KEY);
            return seal == null || !seal.isTextual() ? null : seal.asText();
        } catch (IOException notJson) {
            return null;
        }
    }
}
