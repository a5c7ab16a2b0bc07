package org.bunnybook.platform.eventstore;

/**
 * An event exactly as the event store holds it: every column of its row, payload and metadata as the stored bytes.
 *
 * @param aggregateType the type of the aggregate that wrote it ({@code type} in the table)
 * @param timeStamp     the stored timestamp text, unparsed (a row altered by hand may hold anything)
 */
public record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                          String aggregateType, String payloadType, String payloadRevision, String timeStamp,
                          byte[] payload, byte[] metaData) {
}
