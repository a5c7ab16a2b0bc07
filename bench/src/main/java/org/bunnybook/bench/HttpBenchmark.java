package org.bunnybook.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.chat.FindConversationMembers;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.stomp.StompSession;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application driven as its clients drive it, at 1, 8 and 32 clients at once. Every client is a member who
 * registered and logged in over HTTP (a JWT access token, each client from its own address as a proxy would pass it
 * on), befriended a partner over HTTP, and holds a STOMP socket as the web UI does. In each phase every client, as
 * fast as it is answered, either writes posts on its wall ({@code POST /web/posts}, answered once the walls and the
 * feed cache hold the post: read-your-writes) or sends chat messages to its partner (a {@code chat_message} frame,
 * answered by the server's echo of its {@code clientMessageId} once the message is stored). The baseline, measured
 * in the same run between the phases, is raw single-row inserts from as many connections ({@link RawInserts}).
 * <p>
 * Before the first phase, 8 clients post and then chat for a warm-up, printed but not judged: in a CPU profile of the
 * 8-client phase of a run without it, a quarter of the CPU went to the JIT's compiler threads (docs/performance.md,
 * "A new post answered from its event"), which a server that has been up for a few minutes no longer spends; after
 * 20 s of each the JIT still compiled about 2,000 methods per 10 s, and took 27 % of the JVM's CPU in that phase
 * ("A batch's settings with its connection").
 */
final class HttpBenchmark {

    private static final int[] CLIENTS = {1, 8, 32};
    private static final String PASSWORD = "carrots-and-clover";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER_PATIENCE = Duration.ofSeconds(60);
    /** A session may send 20 frames a second (realtime.md); a client chatting faster would lose frames. */
    private static final Duration CHAT_SPACING = Duration.ofMillis(60);
    private static final double IDLE_POST_P50_TARGET_MILLIS = 15;
    private static final double POSTS_PER_SECOND_TARGET = 500;
    private static final double POST_P99_TARGET_MILLIS = 100;

    private final ConfigurableApplicationContext application;
    private final Duration phase;
    private final Duration warmUp;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Client> clients = new ArrayList<>();
    /** Why posts failed, with how often: a status and the start of its body, or why no answer came. */
    private final Map<String, AtomicLong> whyPostsFailed = new ConcurrentHashMap<>();

    HttpBenchmark(ConfigurableApplicationContext application, Duration phase, Duration warmUp) {
        this.application = application;
        this.phase = phase;
        this.warmUp = warmUp;
        this.port = Integer.parseInt(application.getEnvironment().getProperty("local.server.port"));
    }

    /** A logged-in member with a socket, a partner to chat with, and the messages it waits to see echoed. */
    private static final class Client {

        final int number;
        final String address;
        final UUID id;
        final String token;
        final UUID chat;
        final Map<String, CompletableFuture<Void>> awaited = new ConcurrentHashMap<>();
        final AtomicLong refused = new AtomicLong();
        StompSession socket;
        long sent;

        Client(int number, String address, UUID id, String token, UUID chat) {
            this.number = number;
            this.address = address;
            this.id = id;
            this.token = token;
            this.chat = chat;
        }

        void onEvent(JsonNode event) {
            JsonNode data = event.path("data");
            switch (event.path("event").asText()) {
                case "chat_message" -> {
                    CompletableFuture<Void> echo = data.path("fromProfileId").asText().equals(id.toString())
                            ? awaited.remove(data.path("clientMessageId").asText()) : null;
                    if (echo != null) {
                        echo.complete(null);
                    }
                }
                case "error" -> refused.incrementAndGet();
                default -> {
                }
            }
        }
    }

    /** One side of a phase: requests per second, each one's latency, and how many were not answered as they should. */
    private record Figures(double perSecond, Latencies latencies, long failed) {

        static Figures of(Phase phase, AtomicLong failed) {
            return new Figures(phase.perSecond(), phase.latencies(), failed.get());
        }

        double p50() {
            return latencies.percentileMillis(50);
        }

        double p99() {
            return latencies.percentileMillis(99);
        }
    }

    void run() {
        setUpClients();
        System.out.printf("%n%d clients registered and logged in over HTTP, each with a friend and a STOMP socket; "
                + "%d s per phase; chat paced at one message per %d ms a client at most (the server's frame budget is "
                + "20 a second a session)%n", clients.size(), phase.toSeconds(), CHAT_SPACING.toMillis());
        warmUp();
        System.out.printf("%-8s %10s %20s %8s %10s %20s %8s %14s %18s %10s%n", "clients", "posts/s", "post p50/p99 ms",
                "failed", "chats/s", "chat p50/p99 ms", "failed", "raw inserts/s", "insert p50/p99 ms", "posts/raw");
        RawInserts baseline = null;
        Figures idle = null;
        Figures atEight = null;
        try {
            for (int count : CLIENTS) {
                Quiet.untilProjected(application);
                Figures posts = posts(count, phase);
                Quiet.untilProjected(application);
                Figures chats = chats(count, phase);
                Quiet.untilProjected(application);
                if (baseline == null) { // it copies a stored post and message, which exist from here on
                    baseline = new RawInserts(application);
                }
                Phase raw = baseline.run(count, phase);
                System.out.printf("%-8d %10.1f %20s %8d %10.1f %20s %8d %14.0f %18s %10.3f%n", count,
                        posts.perSecond(), "%.1f / %.1f".formatted(posts.p50(), posts.p99()), posts.failed(),
                        chats.perSecond(), "%.1f / %.1f".formatted(chats.p50(), chats.p99()), chats.failed(),
                        raw.perSecond(), "%.1f / %.1f".formatted(raw.latencies().percentileMillis(50),
                                raw.latencies().percentileMillis(99)), posts.perSecond() / raw.perSecond());
                if (count == 1) {
                    idle = posts;
                } else if (count == 8) {
                    atEight = posts;
                }
            }
        } finally {
            if (baseline != null) {
                baseline.close();
            }
            clients.forEach(client -> client.socket.disconnect());
        }
        whyPostsFailed.forEach((why, times) ->
                System.out.printf("posts failed (warm-up included) %d times: %s%n", times.get(), why));
        System.out.printf("%nTargets (issue 14):%n");
        System.out.printf("  single post p50 on an idle server (1 client) < %.0f ms: %.1f ms -> %s%n",
                IDLE_POST_P50_TARGET_MILLIS, idle.p50(), idle.p50() < IDLE_POST_P50_TARGET_MILLIS ? "met" : "NOT met");
        System.out.printf("  >= %.0f posts/s at 8 clients with p99 < %.0f ms: %.1f posts/s, p99 %.1f ms -> %s%n",
                POSTS_PER_SECOND_TARGET, POST_P99_TARGET_MILLIS, atEight.perSecond(), atEight.p99(),
                atEight.perSecond() >= POSTS_PER_SECOND_TARGET && atEight.p99() < POST_P99_TARGET_MILLIS
                        ? "met" : "NOT met");
    }

    // --- the phases ---

    private void warmUp() {
        if (warmUp.isZero()) {
            return;
        }
        Figures posts = posts(8, warmUp);
        Figures chats = chats(8, warmUp);
        System.out.printf("warm-up, not judged: 8 clients, %d s of posts (%.1f/s, p50/p99 %.1f / %.1f ms, %d failed), "
                        + "then %d s of chats (%.1f/s, %d failed)%n", warmUp.toSeconds(), posts.perSecond(),
                posts.p50(), posts.p99(), posts.failed(), warmUp.toSeconds(), chats.perSecond(), chats.failed());
    }

    private Figures posts(int count, Duration length) {
        AtomicLong failed = new AtomicLong();
        Phase measured = Phase.measure(count, length, index -> {
            Client client = clients.get(index);
            long[] written = {0};
            return () -> {
                String why = whyNotPosted(client,
                        "post " + written[0]++ + " of client " + client.number + " of the http benchmark");
                if (why != null) {
                    failed.incrementAndGet();
                    whyPostsFailed.computeIfAbsent(why, reason -> new AtomicLong()).incrementAndGet();
                }
            };
        });
        return Figures.of(measured, failed);
    }

    /** Each client sends a message, waits for its echo, and sends the next no sooner than the spacing allows. */
    private Figures chats(int count, Duration length) {
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(count);
        long deadline = System.nanoTime() + length.toNanos();
        try {
            List<CompletableFuture<Latencies>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Client client = clients.get(i);
                running.add(CompletableFuture.supplyAsync(() -> {
                    Latencies latencies = new Latencies(1024);
                    while (System.nanoTime() < deadline) {
                        long started = System.nanoTime();
                        if (!chat(client)) {
                            failed.incrementAndGet();
                        }
                        latencies.add(System.nanoTime() - started);
                        long next = started + CHAT_SPACING.toNanos();
                        while (System.nanoTime() < next) {
                            Quiet.pause(Math.max(1, (next - System.nanoTime()) / 1_000_000));
                        }
                    }
                    return latencies;
                }, pool));
            }
            Latencies all = Latencies.merged(running.stream().map(CompletableFuture::join).toList());
            return new Figures(all.count() / (double) length.toNanos() * 1e9, all, failed.get());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends one message and waits for its echo; false if the server refused it or did not echo it in time. */
    private boolean chat(Client client) {
        String clientMessageId = "http-bench-" + client.number + "-" + client.sent++;
        CompletableFuture<Void> echo = new CompletableFuture<>();
        client.awaited.put(clientMessageId, echo);
        long refusedBefore = client.refused.get();
        StompSockets.send(client.socket, "chat_message", Map.of("to", client.chat.toString(),
                "message", "message " + client.sent + " of the http benchmark", "clientMessageId", clientMessageId));
        try {
            echo.get(ANSWER_PATIENCE.toSeconds(), TimeUnit.SECONDS);
            return client.refused.get() == refusedBefore;
        } catch (TimeoutException e) {
            client.awaited.remove(clientMessageId);
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- setting up ---

    /** Registers, logs in and befriends over HTTP: each client and its partner from addresses of their own. */
    private void setUpClients() {
        int most = CLIENTS[CLIENTS.length - 1];
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Client>> setUp = new ArrayList<>();
            for (int i = 0; i < most; i++) {
                int number = i;
                setUp.add(CompletableFuture.supplyAsync(() -> setUpClient(number), pool));
            }
            setUp.forEach(client -> clients.add(client.join()));
        } finally {
            pool.shutdownNow();
        }
        // the conversation opens once the acceptance has been handled (a process sends the command)
        QueryGateway queries = application.getBean(QueryGateway.class);
        for (Client client : clients) {
            Quiet.until(Duration.ofMinutes(2), () -> queries.query(new FindConversationMembers(client.chat, true),
                    ResponseTypes.multipleInstancesOf(UUID.class)).join().size() == 2);
            client.socket = StompSockets.connect(port, client.token, client::onEvent);
        }
    }

    private Client setUpClient(int number) {
        String address = "10.14.%d.%d".formatted(number / 200, 1 + number % 200);
        String partnerAddress = "10.15.%d.%d".formatted(number / 200, 1 + number % 200);
        UUID id = register(address, "httpclient" + number);
        UUID partner = register(partnerAddress, "httppartner" + number);
        String token = login(address, "httpclient" + number);
        String partnerToken = login(partnerAddress, "httppartner" + number);
        expect(201, send(address, token, "POST", "/web/profiles/" + id + "/outgoing_friend_requests/" + partner,
                null));
        expect(201, send(partnerAddress, partnerToken, "POST", "/web/profiles/" + partner + "/friends/" + id, null));
        JsonNode[] friends = new JsonNode[1];
        Quiet.until(Duration.ofMinutes(2), () -> { // read-your-writes gives up after a while on a busy machine
            friends[0] = json(expect(200, send(address, token, "GET", "/web/profiles/" + id + "/friends", null)));
            return !friends[0].isEmpty();
        });
        return new Client(number, address, id, token, UUID.fromString(friends[0].get(0).path("chatGroupId").asText()));
    }

    private UUID register(String address, String username) {
        return UUID.fromString(json(expect(201, send(address, null, "POST", "/web/register", Map.of(
                "username", username, "email", username + "@http.bench", "password", PASSWORD)))).path("id").asText());
    }

    private String login(String address, String username) {
        return json(expect(200, send(address, null, "POST", "/web/login", Map.of(
                "email", username + "@http.bench", "password", PASSWORD)))).path("accessToken").asText();
    }

    // --- HTTP ---

    /** Posts as a client would: null once posted, else why not (a status and the start of its body, or no answer). */
    private String whyNotPosted(Client client, String content) {
        try {
            HttpResponse<String> answer = send(client.address, client.token, "POST", "/web/posts",
                    Map.of("content", content));
            String body = answer.body();
            return answer.statusCode() == 201 ? null
                    : "HTTP " + answer.statusCode() + " " + body.substring(0, Math.min(160, body.length()));
        } catch (RuntimeException e) {
            return "no answer: " + (e.getCause() == null ? e : e.getCause());
        }
    }

    private HttpResponse<String> send(String address, String token, String method, String path, Map<String, ?> body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(ANSWER_PATIENCE)
                    .header("X-Forwarded-For", address) // a trusted local proxy passing on the client's address
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> answer) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.request().method() + " " + answer.request().uri() + " answered "
                    + answer.statusCode() + " " + answer.body() + ", not " + status);
        }
        return answer;
    }

    private static JsonNode json(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
