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

    /** The same criteria for the events after {@code position}: the next page. */
    public EventCriteria after(long position) {
        return new EventCriteria(position, aggregateId, aggregateType, payloadType, actor, from, to);
    }

    /** The same criteria for events of {@code type}, named in full. */
    public EventCriteria withPayloadType(String type) {
        return new EventCriteria(after, aggregateId, aggregateType, type, actor, from, to);
    }
}
