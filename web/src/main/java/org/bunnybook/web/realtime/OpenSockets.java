package org.bunnybook.web.realtime;

import org.bunnybook.web.security.RevocationList.SessionsEnded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's open WebSocket connections, so that the ones of a session that ended (logout, reuse, role or password
 * change, "log out everywhere") are closed as soon as this node learns of it (within a second, on every node). Which
 * login session a connection belongs to is written into its attributes at CONNECT by {@link StompGuard}.
 */
@Component
class OpenSockets implements WebSocketHandlerDecoratorFactory {

    /** Closed for a policy reason: the client should not reconnect with the same token. */
    static final CloseStatus SESSION_ENDED = CloseStatus.POLICY_VIOLATION.withReason("session ended");
    private static final String SESSION_ID = "bunnybookSessionId";
    private static final Logger log = LoggerFactory.getLogger(OpenSockets.class);

    private final Map<String, WebSocketSession> open = new ConcurrentHashMap<>();

    static void belongsTo(Map<String, Object> socketAttributes, UUID sessionId) {
        if (socketAttributes != null) {
            socketAttributes.put(SESSION_ID, sessionId);
        }
    }

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession socket) throws Exception {
                open.put(socket.getId(), socket);
                super.afterConnectionEstablished(socket);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) throws Exception {
                open.remove(socket.getId());
                super.afterConnectionClosed(socket, status);
            }
        };
    }

    @EventListener
    void on(SessionsEnded ended) {
        for (WebSocketSession socket : open.values()) {
            if (ended.sessionIds().contains(socket.getAttributes().get(SESSION_ID))) {
                try {
                    socket.close(SESSION_ENDED);
                } catch (IOException | RuntimeException e) {
                    log.debug("Socket {} was closing anyway", socket.getId(), e);
                }
            }
        }
    }
}
