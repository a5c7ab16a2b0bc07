package org.bunnybook.command.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bunnybook.api.post.PostCreated;
import org.springframework.stereotype.Component;

/**
 * Reads a stored {@link PostCreated} of revision 1 as revision 2: the same post without the wall owner's username,
 * which no reader ever used (and which the web had to look up before every post). Stored events are never
 * rewritten: the audit log still shows the field as it was stored.
 */
@Component
class PostCreatedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(PostCreated.class.getName(), "1");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return REVISION_1.equals(event.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(REVISION_1.getName(), "2"), JsonNode.class,
                PostCreatedUpcaster::withoutWallUsername);
    }

    private static JsonNode withoutWallUsername(JsonNode revision1) {
        ObjectNode revision2 = revision1.deepCopy();
        revision2.remove("wallUsername");
        return revision2;
    }
}
