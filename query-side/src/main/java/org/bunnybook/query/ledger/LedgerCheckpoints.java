package org.bunnybook.query.ledger;

import org.bunnybook.api.ledger.LedgerCheckpoint;
import org.bunnybook.platform.integrity.IntegrityKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The ledger's checkpoints ({@code ledger_checkpoints}): sealed every so many events by {@link LedgerProjection} and on
 * demand, each signed with the {@link IntegrityKey}. The signature is what makes a checkpoint worth keeping: whoever
 * rewrites the events and recomputes the chain can recompute the checkpoints' hashes too, but cannot sign them.
 */
@Component
class LedgerCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(LedgerCheckpoints.class);
    private static final String PURPOSE = "bunnybook ledger checkpoint";
    private static final String COLUMNS = "position, global_index, chain_hash, sealed_at, signature";

    private final JdbcClient jdbc;
    private final IntegrityKey key;
    private final Clock clock;

    LedgerCheckpoints(JdbcClient jdbc, IntegrityKey key, Clock clock) {
        this.jdbc = jdbc;
        this.key = key;
        this.clock = clock;
    }

    /** Seals a checkpoint after the entry at {@code position}; the one already there if there is one. */
    LedgerCheckpoint seal(long position, long globalIndex, byte[] chainHash) {
        // to the millisecond, as the API shows instants: the time signed is the time stored and exported, so the
        // signature of a checkpoint handed back from its exported file can be checked again
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int sealed = jdbc.sql("INSERT INTO ledger_checkpoints (" + COLUMNS + ")"
                        + " VALUES (:position, :globalIndex, :chainHash, :at, :signature) ON CONFLICT DO NOTHING")
                .param("position", position)
                .param("globalIndex", globalIndex)
                .param("chainHash", chainHash)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("signature", sign(position, globalIndex, chainHash, at))
                .update();
        LedgerCheckpoint checkpoint = at(position).orElseThrow();
        if (sealed == 1) {
            // published where the database cannot reach: the log is the first place to keep checkpoints elsewhere
            log.info("ledger checkpoint position={} global_index={} chain_hash={} sealed_at={} signature={}",
                    position, globalIndex, checkpoint.chainHash(), checkpoint.sealedAt(), checkpoint.signature());
        }
        return checkpoint;
    }

    /** Seals a checkpoint at the ledger's last entry now; nothing while the ledger is empty. */
    Optional<LedgerCheckpoint> sealAtHead() {
        return jdbc.sql("SELECT position, global_index, chain_hash FROM ledger_entries ORDER BY position DESC LIMIT 1")
                .query((rs, row) -> new Head(rs.getLong(1), rs.getLong(2), rs.getBytes(3)))
                .optional()
                .map(head -> seal(head.position(), head.globalIndex(), head.chainHash()));
    }

    private record Head(long position, long globalIndex, byte[] chainHash) {
    }

    Optional<LedgerCheckpoint> at(long position) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ledger_checkpoints WHERE position = :position")
                .param("position", position).query(this::checkpoint).optional();
    }

    /** The newest signed checkpoint. */
    Optional<LedgerCheckpoint> latest() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ledger_checkpoints WHERE signature IS NOT NULL"
                        + " ORDER BY position DESC LIMIT 1")
                .query(this::checkpoint).optional();
    }

    List<LedgerCheckpoint> after(long position, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ledger_checkpoints WHERE position > :after"
                        + " ORDER BY position LIMIT :limit")
                .param("after", position).param("limit", limit).query(this::checkpoint).list();
    }

    /** Every stored checkpoint, oldest first (one per thousand events: few enough to hold). */
    void each(Consumer<LedgerCheckpoint> checkpoint) {
        jdbc.sql("SELECT " + COLUMNS + " FROM ledger_checkpoints ORDER BY position")
                .query(rs -> {
                    checkpoint.accept(checkpoint(rs, 0));
                });
    }

    /** Whether a checkpoint's signature is this deployment's signature of its other fields. */
    boolean signatureHolds(long position, long globalIndex, String chainHash, Instant sealedAt, String signature) {
        return signature != null && signature.matches("[0-9a-f]{64}") && chainHash.matches("[0-9a-f]{64}")
                && sealedAt != null
                && key.holds(HexFormat.of().parseHex(signature), PURPOSE, parts(position, globalIndex,
                HexFormat.of().parseHex(chainHash), sealedAt));
    }

    private byte[] sign(long position, long globalIndex, byte[] chainHash, Instant sealedAt) {
        return key.seal(PURPOSE, parts(position, globalIndex, chainHash, sealedAt));
    }

    private static byte[][] parts(long position, long globalIndex, byte[] chainHash, Instant sealedAt) {
        return new byte[][]{ByteBuffer.allocate(Long.BYTES * 2).putLong(position).putLong(globalIndex).array(),
                chainHash, sealedAt.toString().getBytes(StandardCharsets.UTF_8)};
    }

    private LedgerCheckpoint checkpoint(ResultSet rs, int row) throws SQLException {
        byte[] signature = rs.getBytes("signature");
        return new LedgerCheckpoint(rs.getLong("position"), rs.getLong("global_index"),
                HexFormat.of().formatHex(rs.getBytes("chain_hash")),
                rs.getObject("sealed_at", OffsetDateTime.class).toInstant(),
                signature == null ? null : HexFormat.of().formatHex(signature));
    }
}
