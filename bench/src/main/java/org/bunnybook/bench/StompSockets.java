package org.bunnybook.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.messaging.converter.MappingJackson2MessageConverter;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.function.Consumer;

/** A member's STOMP socket as the web UI opens it (docs/realtime.md): connected, subscribed, first ping sent. */
final class StompSockets {

    private StompSockets() {
    }

    /** Connects with {@code accessToken}; every push to the member arrives at {@code onEvent}. */
    static StompSession connect(int port, String accessToken, Consumer<JsonNode> onEvent) {
        StandardWebSocketClient socket = new StandardWebSocketClient();
        // Tomcat's client gives the handshake 5 s, which a busy machine connecting hundreds of sockets can exceed
        socket.setUserProperties(Map.of("org.apache.tomcat.websocket.IO_TIMEOUT_MS", "30000"));
        WebSocketStompClient client = new WebSocketStompClient(socket);
        client.setMessageConverter(new MappingJackson2MessageConverter());
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", "Bearer " + accessToken);
        StompSession session = client.connectAsync("ws://127.0.0.1:" + port + "/ws", new WebSocketHttpHeaders(),
                connect, new StompSessionHandlerAdapter() {
                }).join();
        session.subscribe("/user/queue/events", new StompSessionHandlerAdapter() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return JsonNode.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                onEvent.accept((JsonNode) payload);
            }
        });
        send(session, "ping", Map.of());
        return session;
    }

    /** A frame to {@code /app/<name>}. */
    static void send(StompSession session, String name, Map<String, ?> body) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination("/app/" + name);
        session.send(headers, body);
    }
}
