package org.bunnybook.command.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bunnybook.api.chat.ConversationOpened;
import org.springframework.stereotype.Component;

/**
 * Reads a stored {@link ConversationOpened} of revision 1 (two members as four fields) as revision 2 (a list of
 * members). Stored events are never rewritten: every reader (aggregates, projections, time travel) sees revision 2.
 */
@Component
class ConversationOpenedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(ConversationOpened.class.getName(), "1");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return REVISION_1.equals(event.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(REVISION_1.getName(), "2"), JsonNode.class,
                ConversationOpenedUpcaster::membersListed);
    }

    private static JsonNode membersListed(JsonNode revision1) {
        ObjectNode revision2 = JsonNodeFactory.instance.objectNode();
        revision2.set("chatGroupId", revision1.get("chatGroupId"));
        var members = revision2.putArray("members");
        members.addObject().setAll(member(revision1.get("oneId"), revision1.get("oneUsername")));
        members.addObject().setAll(member(revision1.get("otherId"), revision1.get("otherUsername")));
        return revision2;
    }

    private static ObjectNode member(JsonNode profileId, JsonNode username) {
        ObjectNode member = JsonNodeFactory.instance.objectNode();
        member.set("profileId", profileId);
        member.set("username", username);
        return member;
    }
}
