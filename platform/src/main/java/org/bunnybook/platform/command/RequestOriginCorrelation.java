package org.bunnybook.platform.command;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

import static org.bunnybook.platform.command.RequestOrigin.*;

/**
 * Hands the origin of the message being handled on to every message it causes: events an aggregate applies,
 * commands a saga sends. Replaces Axon's default provider, whose "correlationId" means the direct cause.
 */
@Component
class RequestOriginCorrelation implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        MetaData metaData = message.getMetaData();
        Map<String, Object> origin = new HashMap<>();
        origin.put(ACTOR, metaData.getOrDefault(ACTOR, SYSTEM));
        origin.put(CORRELATION_ID, metaData.getOrDefault(CORRELATION_ID, message.getIdentifier()));
        origin.put(CAUSATION_ID, message.getIdentifier());
        if (metaData.containsKey(CLIENT_ADDRESS)) {
            origin.put(CLIENT_ADDRESS, metaData.get(CLIENT_ADDRESS));
        }
        return origin;
    }
}
