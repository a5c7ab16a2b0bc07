package org.bunnybook.web.audit;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.PositiveOrZero;
import org.bunnybook.platform.eventstore.EventCriteria;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.BindParam;

import java.time.Instant;

/**
 * Which stored events an auditor asks for, bound from the query parameters {@code aggregate_id},
 * {@code aggregate_type}, {@code type}, {@code actor}, {@code from}, {@code to} and {@code after}; every one is
 * optional. {@code after} is a global position (exclusive): events come in the store's global order, so the last
 * position of a page asks for the next one.
 *
 * @param type an event type by its full class name, or by its simple name as the catalog lists it
 */
record EventFilter(
        @Parameter(name = "aggregate_id") @BindParam("aggregate_id") String aggregateId,
        @Parameter(name = "aggregate_type") @BindParam("aggregate_type") String aggregateType,
        String type,
        String actor,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
        @PositiveOrZero(message = "must be 0 or more") Long after) {

    /** The store's criteria; a type given by its simple name is resolved later, by the catalog. */
    EventCriteria criteria() {
        return new EventCriteria(after == null ? 0 : after, aggregateId, aggregateType, type, actor, from, to);
    }
}
