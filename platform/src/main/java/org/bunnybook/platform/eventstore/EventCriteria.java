package org.bunnybook.platform.eventstore;

import java.time.Instant;

/**
 * Which stored events to read; every criterion but {@code after} is optional (null: any).
 *
 * @param after         a global position, exclusive: the last position of a page asks for the next one
 * @param aggregateType the type of aggregate that wrote the events
 * @param payloadType   the event type, as its full class name
 * @param actor         the profile id (or {@code system}) in the events' metadata
 * @param from          stored at or after this instant
 * @param to            stored before this instant
 */
public record EventCriteria(long after, String aggregateId, String aggregateType, String payloadType, String actor,
                            Instant from, Instant to) {
}
