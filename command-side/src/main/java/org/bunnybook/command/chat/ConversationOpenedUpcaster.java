package org.bunnybook.command.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bunnybook.api.chat.ConversationOpened;
import org.bunnybook.command.JsonPayloadUpcaster;
import org.springframework.stereotype.Component;

/**
 * Reads a stored {@link ConversationOpened} of revision 1 (two members as four fields) as revision 2 (a list of
 * members).
 */
@Component
class ConversationOpenedUpcaster extends JsonPayloadUpcaster {

    ConversationOpenedUpcaster() {
        super(ConversationOpened.class, "1", "2");
    }

    /** The two members, named by four fields, become a list of members. */
    @Override
    protected JsonNode upcast(JsonNode revision1) {
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
