package org.bunnybook.command.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.command.JsonPayloadUpcaster;
import org.springframework.stereotype.Component;

/**
 * Reads a stored {@link PostCreated} of revision 1 as revision 2: the same post without the wall owner's username,
 * which no reader ever used (and which the web had to look up before every post).
 */
@Component
class PostCreatedUpcaster extends JsonPayloadUpcaster {

    PostCreatedUpcaster() {
        super(PostCreated.class, "1", "2");
    }

    @Override
    protected JsonNode upcast(JsonNode revision1) {
        ObjectNode revision2 = revision1.deepCopy();
        revision2.remove("wallUsername");
        return revision2;
    }
}
