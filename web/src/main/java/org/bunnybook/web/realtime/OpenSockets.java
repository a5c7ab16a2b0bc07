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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's open WebSocket connections, so that the ones of a session that ended (logout, reuse, role or password
 * change, "log out everywhere") are closed as soon as this node learns of it (within a second, on every node), and so
 * that one member cannot hold more than a set number of them on a node (each costs a thread's worth of buffers and
 * a share of every push to the member). Which login session and member a connection belongs to is written into its
 * attributes when {@link StompGuard} admits its CONNECT.
 */
@Component
class OpenSockets implements WebSocketHandlerDecoratorFactory {

    /** Closed for a policy reason: the client should not reconnect with the same token. */
    static final CloseStatus SESSION_ENDED = CloseStatus.POLICY_VIOLATION.withReason("session ended");
    private static final String SESSION_ID = "bunnybookSessionId";
    private static final String MEMBER = "bunnybookMember";
    private static final Logger log = LoggerFactory.getLogger(OpenSockets.class);

    private final Map<String, WebSocketSession> open = new ConcurrentHashMap<>();
    /** The connected sockets of each member on this node, by socket id. */
    private final Map<UUID, Set<String>> byMember = new ConcurrentHashMap<>();
    private final int perMember;

    OpenSockets(RealtimeProperties properties) {
        this.perMember = properties.socketsPerMember();
    }

    /**
     * Counts a connecting socket as the member's, of the login session named: false, and not counted, when the
     * member already holds as many as one may on this node.
     */
    boolean admit(String socketId, Map<String, Object> socketAttributes, UUID member, UUID sessionId) {
        boolean[] admitted = {false};
        byMember.compute(member, (id, sockets) -> {
            Set<String> held = sockets != null ? sockets : ConcurrentHashMap.newKeySet();
            admitted[0] = held.contains(socketId) || held.size() < perMember;
            if (admitted[0]) {
                held.add(socketId);
            }
            return held.isEmpty() ? null : held;
        });
        if (admitted[0] && socketAttributes != null) {
            socketAttributes.put(SESSION_ID, sessionId);
            socketAttributes.put(MEMBER, member);
        }
        return admitted[0];
    }

    int perMember() {
        return perMember;
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
                if (socket.getAttributes().get(MEMBER) instanceof UUID member) {
                    byMember.computeIfPresent(member, (id, held) -> {
                        held.remove(socket.getId());
                        return held.isEmpty() ? null : held;
                    });
                }
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
