package org.bunnybook.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads stored events of one type and revision as the next revision, by rewriting their JSON payload. Stored events
 * are never rewritten: every reader (aggregates, projections, time travel) sees the new revision; the audit log shows
 * the bytes as they were stored.
 */
public abstract class JsonPayloadUpcaster extends SingleEventUpcaster {

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;

    protected JsonPayloadUpcaster(Class<?> eventType, String fromRevision, String toRevision) {
        this.from = new SimpleSerializedType(eventType.getName(), fromRevision);
        this.to = new SimpleSerializedType(eventType.getName(), toRevision);
    }

    /** The payload of the older revision, as the newer one has it. */
    protected abstract JsonNode upcast(JsonNode olderPayload);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return from.equals(event.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(to, JsonNode.class, this::upcast);
    }
}
