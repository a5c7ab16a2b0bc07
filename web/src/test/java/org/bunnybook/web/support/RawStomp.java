package org.bunnybook.web.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * STOMP written by hand on a real WebSocket: frames exactly as a test builds them (broken bodies, odd headers, NUL
 * inside a body, a megabyte of text), and every frame the server answers with as it came, ERROR frames and the close
 * included. {@link Socket} is the well-behaved client; this one is for tests that must not be.
 */
public final class RawStomp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private RawStomp(int port) {
        this.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new Listener()).join();
    }

    /** A socket that has sent CONNECT with this Authorization header value (none if null), not yet answered. */
    public static RawStomp connecting(int port, String authorization) {
        RawStomp stomp = new RawStomp(port);
        stomp.frame("CONNECT", authorization == null ? List.of("accept-version:1.2", "host:localhost")
                : List.of("accept-version:1.2", "host:localhost", "Authorization:" + authorization), "");
        return stomp;
    }

    /** A member's session: connected, subscribed to its events queue. */
    public static RawStomp member(int port, String accessToken) {
        RawStomp stomp = connecting(port, "Bearer " + accessToken);
        Frame connected = stomp.next(Duration.ofSeconds(10));
        if (connected == null || !connected.command().equals("CONNECTED")) {
            throw new AssertionError("not connected: " + connected);
        }
        stomp.frame("SUBSCRIBE", List.of("id:events", "destination:/user/queue/events"), "");
        return stomp;
    }

    /**
     * A SEND of {@code body} (any text, NULs included: its length is given) to {@code destination}; false if the
     * socket was closed before it could be written.
     */
    public boolean send(String destination, String body) {
        return frame("SEND", List.of("destination:" + destination, "content-type:application/json",
                "content-length:" + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length), body);
    }

    /** Any frame: a command, header lines as written, a body; the NUL that ends a frame is added. */
    public boolean frame(String command, List<String> headers, String body) {
        String text = command + "\n" + String.join("\n", headers) + (headers.isEmpty() ? "" : "\n") + "\n" + body
                + "\0";
        if (!isOpen()) {
            return false;
        }
        try {
            socket.sendText(text, true).get(30, TimeUnit.SECONDS);
            return true;
        } catch (Exception closedMeanwhile) {
            return false; // the server closed the socket while the frame was being written: the close tells why
        }
    }

    /** The next frame from the server, waiting up to {@code wait}; null if none came (or the socket closed). */
    public Frame next(Duration wait) {
        try {
            return frames.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next push on the events queue whose name is {@code event}, skipping others; null if none came in time. */
    public JsonNode awaitPush(String event, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Frame frame = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (frame != null && frame.event().equals(event)) {
                return frame.json().path("data");
            }
            if (frame != null && frame.command().equals("ERROR")) {
                return null;
            }
        }
        return null;
    }

    /** Every frame that came so far, without waiting. */
    public List<Frame> drain() {
        List<Frame> drained = new ArrayList<>();
        frames.drainTo(drained);
        return drained;
    }

    public boolean isOpen() {
        return !closed.isDone() && !socket.isOutputClosed();
    }

    /** The close code the server sent, waiting up to {@code wait}; null if the socket is still open. */
    public Integer closeCode(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception stillOpen) {
            return null;
        }
    }

    @Override
    public void close() {
        if (isOpen()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(failure -> null);
        }
        socket.abort();
    }

    /** A frame from the server: its command, its headers as written, its body. */
    public record Frame(String command, List<String> headers, String body) {

        static Frame parse(String text) {
            String withoutNul = text.endsWith("\0") ? text.substring(0, text.length() - 1) : text;
            int blank = withoutNul.indexOf("\n\n");
            String head = blank < 0 ? withoutNul : withoutNul.substring(0, blank);
            String body = blank < 0 ? "" : withoutNul.substring(blank + 2);
            List<String> lines = List.of(head.split("\n"));
            return new Frame(lines.get(0).trim(), lines.subList(1, lines.size()), body);
        }

        public String header(String name) {
            return headers.stream().filter(line -> line.startsWith(name + ":"))
                    .map(line -> line.substring(name.length() + 1)).findFirst().orElse(null);
        }

        /** The body as JSON, or a missing node if it is not JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                return JSON.missingNode();
            }
        }

        /** The push's name, for a MESSAGE on the events queue; empty otherwise. */
        public String event() {
            return command.equals("MESSAGE") ? json().path("event").asText() : "";
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (!text.isBlank()) { // a heart-beat is a lone newline
                    frames.add(Frame.parse(text));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
