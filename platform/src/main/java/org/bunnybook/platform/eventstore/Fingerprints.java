package org.bunnybook.platform.eventstore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The ledger's hashes: of one stored event, and of a chain link. Here beside the event table because an erasure's
 * redaction ({@code privacy.PlaintextRedaction}) records the hashes before and after it rewrites an event.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    /**
     * SHA-256 over every stored column, each length-prefixed (-1 for null) so that no two different rows hash the
     * same bytes: moving a character from one column to the next changes the hash.
     */
    public static byte[] of(StoredEvent event) {
        MessageDigest digest = sha256();
        digest.update(ByteBuffer.allocate(Long.BYTES * 2).putLong(event.globalIndex()).putLong(event.sequenceNumber())
                .array());
        for (String text : new String[]{event.eventIdentifier(), event.aggregateIdentifier(), event.aggregateType(),
                event.payloadType(), event.payloadRevision(), event.timeStamp()}) {
            update(digest, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
        }
        update(digest, event.payload());
        update(digest, event.metaData());
        return digest.digest();
    }

    /** The next link of a chain: SHA-256(previous chain hash || this event's fingerprint). */
    public static byte[] link(byte[] previousChainHash, byte[] eventHash) {
        MessageDigest digest = sha256();
        digest.update(previousChainHash);
        digest.update(eventHash);
        return digest.digest();
    }

    /** Where every chain starts. */
    public static byte[] genesis() {
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
