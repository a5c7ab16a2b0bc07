package org.bunnybook.web.audit;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.BindParam;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which stored events an auditor asks for, bound from the query parameters {@code aggregate_id},
 * {@code aggregate_type}, {@code type}, {@code actor}, {@code from}, {@code to} and {@code after}; every one is
 * optional. {@code after} is a global position (exclusive): events come in the store's global order, so the last
 * position of a page asks for the next one.
 *
 * @param type an event type by its full class name, or by its simple name as the catalog lists it
 */
record EventFilter(
        @BindParam("aggregate_id") @Pattern(regexp = NO_NUL, message = NUL_REFUSED) String aggregateId,
        @BindParam("aggregate_type") @Pattern(regexp = NO_NUL, message = NUL_REFUSED) String aggregateType,
        @Pattern(regexp = NO_NUL, message = NUL_REFUSED) String type,
        @Pattern(regexp = NO_NUL, message = NUL_REFUSED) String actor,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
        @PositiveOrZero(message = "must be 0 or more") Long after) {

    // PostgreSQL cannot compare text holding NUL: refused as invalid input instead of failing the query
    private static final String NO_NUL = "[^\\x00]*";
    private static final String NUL_REFUSED = "must not contain NUL characters";


    /** A SQL condition on {@code domain_event_entry e}, built from constants; the values go in as parameters. */
    String where(Map<String, Object> parameters) {
        List<String> conditions = new ArrayList<>();
        conditions.add("e.global_index > :after");
        parameters.put("after", after == null ? 0 : after);
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
