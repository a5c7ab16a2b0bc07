package org.bunnybook.command.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bunnybook.api.session.SessionStarted;
import org.bunnybook.command.JsonPayloadUpcaster;
import org.springframework.stereotype.Component;

/** Reads a stored {@link SessionStarted} of revision 1 as revision 2: a session of an unknown device. */
@Component
class SessionStartedUpcaster extends JsonPayloadUpcaster {

    SessionStartedUpcaster() {
        super(SessionStarted.class, "1", "2");
    }

    @Override
    protected JsonNode upcast(JsonNode revision1) {
        ObjectNode revision2 = revision1.deepCopy();
        revision2.putNull("device");
        return revision2;
    }
}
