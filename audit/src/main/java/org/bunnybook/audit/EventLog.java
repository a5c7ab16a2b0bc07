package org.bunnybook.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.bunnybook.platform.eventstore.EventCriteria;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.eventstore.StoredEvent;
import org.bunnybook.platform.privacy.PersonalDataCipher;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The event store read as it is stored: rows of {@code domain_event_entry} in global order, with payloads and
 * metadata shown as the JSON they were written as, personal data opened (an erased member's as its placeholder,
 * docs/privacy.md; the client address in the metadata too), sensitive fields redacted.
 */
@Component
public class EventLog {

    private final EventStoreTables tables;
    private final ObjectMapper json;
    private final EventCatalog catalog;
    private final PersonalDataCipher personalData;

    EventLog(EventStoreTables tables, ObjectMapper json, EventCatalog catalog, PersonalDataCipher personalData) {
        this.tables = tables;
        this.json = json;
        this.catalog = catalog;
        this.personalData = personalData;
    }

    /** Up to {@code limit} events matching {@code criteria}, at or below global position {@code head}. */
    public List<AuditedEvent> page(EventCriteria criteria, long head, int limit) {
        return tables.events(catalog.resolve(criteria), head, limit).stream().map(this::audited).toList();
    }

    /** Up to {@code limit} events of one aggregate after sequence number {@code afterSequence}, in its own order. */
    public List<AuditedEvent> history(String aggregateId, long afterSequence, int limit) {
        return tables.aggregateHistory(aggregateId, afterSequence, limit).stream().map(this::audited).toList();
    }

    /** The aggregate type that wrote an aggregate's first event, if it has any. */
    public Optional<String> aggregateType(String aggregateId) {
        return tables.aggregateType(aggregateId);
    }

    private AuditedEvent audited(StoredEvent stored) {
        return new AuditedEvent(stored.globalIndex(), stored.eventIdentifier(), stored.aggregateIdentifier(),
                stored.aggregateType(), stored.sequenceNumber(), stored.payloadType(), stored.payloadRevision(),
                instant(stored.timeStamp()), redacted(stored.payloadType(), personalData.openAll(tree(stored.payload()))),
                personalData.openAll(tree(stored.metaData())));
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
