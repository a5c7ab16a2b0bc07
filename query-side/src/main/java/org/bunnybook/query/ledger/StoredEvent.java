package org.bunnybook.query.ledger;

import org.springframework.jdbc.core.RowMapper;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** An event exactly as the event store holds it, as far as the ledger vouches for it. */
record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                   String aggregateType, String payloadType, String payloadRevision, String timeStamp, byte[] payload,
                   byte[] metaData) {

    /** The columns {@link #MAPPER} reads, to be selected from {@code domain_event_entry e}. */
    static final String COLUMNS = """
            e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type, e.payload_type,
            e.payload_revision, e.time_stamp, e.payload, e.meta_data""";

    static final RowMapper<StoredEvent> MAPPER = (rs, row) -> new StoredEvent(rs.getLong("global_index"),
            rs.getString("event_identifier"), rs.getString("aggregate_identifier"), rs.getLong("sequence_number"),
            rs.getString("type"), rs.getString("payload_type"), rs.getString("payload_revision"),
            rs.getString("time_stamp"), rs.getBytes("payload"), rs.getBytes("meta_data"));

    /**
     * SHA-256 over every stored column, each length-prefixed (-1 for null) so that no two different rows hash the
     * same bytes: moving a character from one column to the next changes the hash.
     */
    byte[] fingerprint() {
        MessageDigest digest = sha256();
        digest.update(ByteBuffer.allocate(Long.BYTES * 2).putLong(globalIndex).putLong(sequenceNumber).array());
        for (String text : new String[]{eventIdentifier, aggregateIdentifier, aggregateType, payloadType,
                payloadRevision, timeStamp}) {
            update(digest, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
        }
        update(digest, payload);
        update(digest, metaData);
        return digest.digest();
    }

    /** The next link of a chain: SHA-256(previous chain hash || this event's fingerprint). */
    static byte[] link(byte[] previousChainHash, byte[] eventHash) {
        MessageDigest digest = sha256();
        digest.update(previousChainHash);
        digest.update(eventHash);
        return digest.digest();
    }

    /** Where every chain starts. */
    static byte[] genesis() {
        return new byte[32];
    }

    private static void update(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            digest.update(bytes);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
