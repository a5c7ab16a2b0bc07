package org.bunnybook.web.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The STOMP sessions connected to this node, as the gauge {@code bunnybook.websocket.sessions}. Kept as a set of
 * session ids, not a count: Spring may announce one session's end more than once.
 */
@Component
class WebSocketSessionMeter {

    private final Set<String> sessions = ConcurrentHashMap.newKeySet();

    WebSocketSessionMeter(MeterRegistry meters) {
        Gauge.builder("bunnybook.websocket.sessions", sessions, Set::size)
                .description("STOMP sessions connected to this node").register(meters);
    }

    @EventListener
    void connected(SessionConnectedEvent event) {
        String session = SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders());
        if (session != null) {
            sessions.add(session);
        }
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        sessions.remove(event.getSessionId());
    }
}
