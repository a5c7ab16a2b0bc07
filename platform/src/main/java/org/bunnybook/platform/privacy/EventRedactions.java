package org.bunnybook.platform.privacy;

import org.bunnybook.platform.integrity.IntegrityKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * The record of events rewritten by an erasure ({@code event_redactions}, V32): for each rewrite the event's
 * fingerprint before and after, the erasure that caused it, and a signature with the {@link IntegrityKey} over all of
 * it. The ledger keeps the fingerprint it chained; verification accepts a stored event whose fingerprint differs from
 * it only through a chain of signed rows leading from the one to the other (docs/auditing.md). Whoever can write the
 * tables but does not hold the integrity key cannot forge such a row.
 */
@Component
public class EventRedactions {

    private static final String PURPOSE = "bunnybook event redaction";

    private final JdbcClient jdbc;
    private final IntegrityKey key;

    EventRedactions(JdbcClient jdbc, IntegrityKey key) {
        this.jdbc = jdbc;
        this.key = key;
    }

    /** Records one rewrite, signed; {@code at} to the millisecond, so the time signed is the time read back. */
    void record(long globalIndex, String eventIdentifier, byte[] oldHash, byte[] newHash, String erasureEventId,
                Instant at) {
        jdbc.sql("INSERT INTO event_redactions (global_index, event_identifier, old_hash, new_hash, erasure_event_id,"
                        + " redacted_at, signature) VALUES (:index, :id, :old, :new, :erasure, :at, :signature)")
                .param("index", globalIndex).param("id", eventIdentifier).param("old", oldHash).param("new", newHash)
                .param("erasure", erasureEventId).param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("signature", key.seal(PURPOSE, parts(globalIndex, eventIdentifier, oldHash, newHash,
                        erasureEventId, at)))
                .update();
    }

    /**
     * Whether the event at {@code globalIndex} went from the fingerprint the ledger chained to the one it has now by
     * signed redactions only (one per erasure that touched it: an event can name two members). A row whose
     * signature does not hold is ignored, so a forged one accounts for nothing.
     */
    public boolean accountFor(long globalIndex, String eventIdentifier, byte[] chained, byte[] current) {
        List<Row> signed = jdbc.sql("SELECT old_hash, new_hash, erasure_event_id, redacted_at, signature"
                        + " FROM event_redactions WHERE global_index = :index")
                .param("index", globalIndex)
                .query((rs, row) -> new Row(rs.getBytes(1), rs.getBytes(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getBytes(5)))
                .list().stream()
                .filter(row -> key.holds(row.signature(), PURPOSE, parts(globalIndex, eventIdentifier,
                        row.oldHash(), row.newHash(), row.erasureEventId(), row.at())))
                .toList();
        byte[] hash = chained;
        for (int step = 0; step <= signed.size(); step++) {
            if (Arrays.equals(hash, current)) {
                return step > 0;
            }
            byte[] from = hash;
            hash = signed.stream().filter(row -> Arrays.equals(row.oldHash(), from)).findFirst()
                    .map(Row::newHash).orElse(null);
            if (hash == null) {
                return false;
            }
        }
        return false;
    }

    private record Row(byte[] oldHash, byte[] newHash, String erasureEventId, Instant at, byte[] signature) {
    }

    private static byte[][] parts(long globalIndex, String eventIdentifier, byte[] oldHash, byte[] newHash,
                                  String erasureEventId, Instant at) {
        return new byte[][]{ByteBuffer.allocate(Long.BYTES).putLong(globalIndex).array(),
                eventIdentifier.getBytes(StandardCharsets.UTF_8), oldHash, newHash,
                erasureEventId.getBytes(StandardCharsets.UTF_8), at.toString().getBytes(StandardCharsets.UTF_8)};
    }
}
