package org.bunnybook.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event store read as it is stored: rows of {@code domain_event_entry} in global order, with payloads and
 * metadata shown as the JSON they were written as, sensitive fields redacted.
 */
@Component
class EventLog {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final EventCatalog catalog;
    private final RowMapper<AuditedEvent> mapper;

    EventLog(JdbcClient jdbc, ObjectMapper json, EventCatalog catalog) {
        this.jdbc = jdbc;
        this.json = json;
        this.catalog = catalog;
        this.mapper = (rs, row) -> {
            String type = rs.getString("payload_type");
            return new AuditedEvent(rs.getLong("global_index"), rs.getString("event_identifier"),
                    rs.getString("aggregate_identifier"), rs.getString("type"), rs.getLong("sequence_number"), type,
                    rs.getString("payload_revision"), instant(rs.getString("time_stamp")),
                    redacted(type, tree(rs.getBytes("payload"))), tree(rs.getBytes("meta_data")));
        };
    }

    /** Up to {@code limit} events matching {@code filter}, at or below global position {@code head}. */
    List<AuditedEvent> page(EventFilter filter, long head, int limit) {
        Map<String, Object> parameters = EventFilter.parameters();
        String where = catalog.resolve(filter).where(parameters);
        parameters.put("head", head);
        parameters.put("limit", limit);
        return jdbc.sql("SELECT * FROM domain_event_entry e WHERE " + where
                        + " AND e.global_index <= :head ORDER BY e.global_index LIMIT :limit")
                .params(parameters)
                .query(mapper)
                .list();
    }

    /** Every event of one aggregate, in its own order. */
    List<AuditedEvent> history(String aggregateId) {
        return jdbc.sql("SELECT * FROM domain_event_entry e WHERE e.aggregate_identifier = :id"
                        + " ORDER BY e.sequence_number")
                .param("id", aggregateId)
                .query(mapper)
                .list();
    }

    /** The aggregate type that wrote an aggregate's first event, if it has any. */
    Optional<String> aggregateType(String aggregateId) {
        return jdbc.sql("SELECT type FROM domain_event_entry WHERE aggregate_identifier = :id"
                        + " ORDER BY sequence_number LIMIT 1")
                .param("id", aggregateId)
                .query(String.class)
                .optional();
    }

    private JsonNode redacted(String type, JsonNode payload) {
        if (payload instanceof ObjectNode fields) {
            for (String sensitive : catalog.sensitiveFields(type)) {
                if (fields.has(sensitive)) {
                    fields.put(sensitive, "[redacted]");
                }
            }
        }
        return payload;
    }

    /** Stored JSON as a tree; bytes that are not JSON (altered by hand, say) are shown as the text they are. */
    private JsonNode tree(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (IOException notJson) {
            return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static Instant instant(String stored) {
        try {
            return Instant.parse(stored);
        } catch (DateTimeParseException e) {
            return null; // only a row altered by hand has such a timestamp; show the rest of it anyway
        }
    }
}
