package org.bunnybook.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A stored event as auditors see it: where it sits in the global order and in its aggregate, what it is (type and
 * revision as written, before any upcasting), when, what it says and who caused it.
 */
public record AuditedEvent(long globalPosition, String eventId, String aggregateId, String aggregateType, long sequence,
                    String type, String revision, Instant timestamp, JsonNode payload, JsonNode metadata) {
}
