package org.bunnybook.web.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which stored events an auditor asks for; every criterion is optional. {@code after} is a global position
 * (exclusive): events come in the store's global order, so the last position of a page asks for the next one.
 *
 * @param type an event type by its full class name, or by its simple name as the catalog lists it
 */
record EventFilter(String aggregateId, String aggregateType, String type, String actor, Instant from, Instant to,
                   long after) {

    /** A SQL condition on {@code domain_event_entry e}, built from constants; the values go in as parameters. */
    String where(Map<String, Object> parameters) {
        List<String> conditions = new ArrayList<>();
        conditions.add("e.global_index > :after");
        parameters.put("after", after);
        if (aggregateId != null) {
            conditions.add("e.aggregate_identifier = :aggregateId");
            parameters.put("aggregateId", aggregateId);
        }
        if (aggregateType != null) {
            conditions.add("e.type = :aggregateType");
            parameters.put("aggregateType", aggregateType);
        }
        if (type != null) {
            conditions.add("e.payload_type = :type");
            parameters.put("type", type);
        }
        if (actor != null) {
            conditions.add("audit_actor(e.meta_data) = :actor");
            parameters.put("actor", actor);
        }
        if (from != null) {
            conditions.add("audit_instant(e.time_stamp) >= :from");
            parameters.put("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
        if (to != null) {
            conditions.add("audit_instant(e.time_stamp) < :to");
            parameters.put("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        }
        return String.join(" AND ", conditions);
    }

    EventFilter withType(String resolvedType) {
        return new EventFilter(aggregateId, aggregateType, resolvedType, actor, from, to, after);
    }

    EventFilter after(long position) {
        return new EventFilter(aggregateId, aggregateType, type, actor, from, to, position);
    }

    static Map<String, Object> parameters() {
        return new LinkedHashMap<>();
    }
}
