package org.bunnybook.web.observability;

import org.axonframework.messaging.Message;
import org.axonframework.tracing.SpanAttributesProvider;
import org.bunnybook.platform.command.RequestOrigin;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What of a message's metadata its spans carry: who acted and which request and message caused it, under the names
 * Axon's own provider gives them ({@code axon_metadata_actor}, …). Axon's provider copies every entry, which here
 * would send the member's IP address ({@link RequestOrigin#CLIENT_ADDRESS}) and a chat message's client id to the
 * trace backend, out of reach of a member's erasure (docs/privacy.md); it is turned off in application.yml
 * ({@code axon.tracing.attribute-providers.metadata}).
 */
@Component
class OriginSpanAttributes implements SpanAttributesProvider {

    /** Ids that name an actor or a cause, nothing a member said or where they were. */
    private static final List<String> TRACED = List.of(RequestOrigin.ACTOR, RequestOrigin.CORRELATION_ID,
            RequestOrigin.CAUSATION_ID);
    private static final String PREFIX = "axon_metadata_";

    @Override
    public Map<String, String> provideForMessage(Message<?> message) {
        Map<String, String> attributes = new HashMap<>(TRACED.size());
        for (String key : TRACED) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                attributes.put(PREFIX + key, value.toString());
            }
        }
        return attributes;
    }
}
