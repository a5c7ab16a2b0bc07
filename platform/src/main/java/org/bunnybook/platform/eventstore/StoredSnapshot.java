package org.bunnybook.platform.eventstore;

/** An aggregate's snapshot as the snapshot table holds it, payload and metadata as the stored bytes. */
public record StoredSnapshot(String aggregateIdentifier, long sequenceNumber, String aggregateType, String payloadType,
                             String payloadRevision, byte[] payload, byte[] metaData) {
}
