package org.bunnybook.web.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.messaging.converter.MappingJackson2MessageConverter;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A STOMP client on a real WebSocket, as a browser tab of a member would hold one: subscribed to its events queue,
 * collecting every {@code {"event", "data"}} that arrives there.
 */
public final class Socket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final StompSession session;
    private final AtomicReference<WebSocketSession> socket;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();

    private Socket(StompSession session, AtomicReference<WebSocketSession> socket) {
        this.session = session;
        this.socket = socket;
    }

    /** Connects with the bearer token in the CONNECT frame, subscribes and says its first ping. */
    public static Socket open(int port, String accessToken) {
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", "Bearer " + accessToken);
        AtomicReference<WebSocketSession> underneath = new AtomicReference<>();
        Socket socket = new Socket(connect(port, new WebSocketHttpHeaders(), connect, underneath).join(), underneath);
        socket.subscribe("/user/queue/events");
        socket.send("/app/ping", "{}");
        return socket;
    }

    /** The STOMP session, or the failure that refused it (an ERROR frame or a closed socket). */
    public static CompletableFuture<StompSession> connect(int port, WebSocketHttpHeaders handshake,
                                                          StompHeaders connect) {
        return connect(port, handshake, connect, new AtomicReference<>());
    }

    private static CompletableFuture<StompSession> connect(int port, WebSocketHttpHeaders handshake,
                                                           StompHeaders connect,
                                                           AtomicReference<WebSocketSession> socket) {
        WebSocketStompClient client = new WebSocketStompClient(new RecordingClient(socket));
        client.setMessageConverter(new MappingJackson2MessageConverter());
        CompletableFuture<StompSession> connected = new CompletableFuture<>();
        client.connectAsync("ws://127.0.0.1:" + port + "/ws", handshake, connect, new StompSessionHandlerAdapter() {
            @Override
            public void afterConnected(StompSession session, StompHeaders headers) {
                connected.complete(session);
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                connected.completeExceptionally(new IllegalStateException("refused: " + headers.get("message")));
            }

            @Override
            public void handleTransportError(StompSession session, Throwable exception) {
                connected.completeExceptionally(exception);
            }
        }).whenComplete((session, failure) -> {
            if (failure != null) {
                connected.completeExceptionally(failure);
            }
        });
        return connected.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public void subscribe(String destination) {
        session.subscribe(destination, new StompSessionHandlerAdapter() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return JsonNode.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                events.add((JsonNode) payload);
            }
        });
    }

    public void send(String destination, String json) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        try {
            session.send(headers, JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next event named {@code name} whose data matches, waiting up to 10 s; other events are kept aside. */
    public JsonNode await(String name, Predicate<JsonNode> data) {
        return awaitEvent(name, event -> event.path("event").asText().equals(name) && data.test(event.path("data")))
                .path("data");
    }

    /** The next whole {@code {"event", "data"}} that matches, waiting up to 10 s; others are kept aside. */
    public JsonNode awaitEvent(String description, Predicate<JsonNode> matches) {
        for (JsonNode event : seen) {
            if (matches.test(event)) {
                seen.remove(event);
                return event;
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event;
            try {
                event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (event == null) {
                break;
            }
            if (matches.test(event)) {
                return event;
            }
            seen.add(event);
        }
        throw new AssertionError("no " + description + " arrived; saw " + seen);
    }

    /** Whether an event of this name has arrived so far (without waiting). */
    public boolean hasReceived(String name) {
        events.drainTo(seen);
        return seen.stream().anyMatch(event -> event.path("event").asText().equals(name));
    }

    /** Forgets the events kept aside so far: the next {@link #await} looks only at what arrives from now on. */
    public void forgetSeen() {
        seen.clear();
        events.clear();
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    /** Says goodbye (DISCONNECT) and closes. */
    @Override
    public void close() {
        if (session.isConnected()) {
            session.disconnect();
        }
    }

    /** Closes the socket under the STOMP session without a DISCONNECT, like a tab whose machine lost power. */
    public void drop() throws IOException {
        socket.get().close(CloseStatus.SESSION_NOT_RELIABLE);
    }

    /** Remembers the socket under the STOMP session, so that a test can drop it. */
    private static final class RecordingClient extends StandardWebSocketClient {
        private final AtomicReference<WebSocketSession> socket;

        RecordingClient(AtomicReference<WebSocketSession> socket) {
            this.socket = socket;
        }

        @Override
        protected CompletableFuture<WebSocketSession> executeInternal(
                WebSocketHandler handler, HttpHeaders headers, URI uri, List<String> protocols,
                List<WebSocketExtension> extensions, Map<String, Object> attributes) {
            return super.executeInternal(new WebSocketHandlerDecorator(handler) {
                @Override
                public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                    socket.set(session);
                    super.afterConnectionEstablished(session);
                }
            }, headers, uri, protocols, extensions, attributes);
        }
    }
}
