package org.bunnybook.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.bench.ChaosHttp.Answer;
import org.springframework.messaging.simp.stomp.StompSession;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The drill's steady mixed load, as members make it through the three nodes: registrations, friend requests and
 * acceptances, posts, comments, likes and feed reads over HTTP, chat messages over each member's STOMP socket. The
 * client spreads requests over the nodes it believes up, as a load balancer would, and moves a member's socket to
 * another node when its node dies.
 * <p>
 * Every command the client was told succeeded is recorded ({@link Ack}) with the phase of the drill it was made in,
 * for the checker to find in the event store; every answer is counted per phase by its outcome.
 */
final class ChaosLoad {

    /** What an acknowledged command was, by the event it must have stored exactly once. */
    enum Kind { REGISTRATION, FRIEND_REQUEST, ACCEPTANCE, POST, COMMENT, LIKE, CHAT }

    /** A command acknowledged to the client; {@code key} names its event (see {@link ChaosChecker}). */
    record Ack(Kind kind, String key, String phase) {
    }

    /** A chat message acknowledged to its sender, which its partner must find in their history. */
    record ChatAck(UUID messageId, UUID chatGroupId, Member partner, String phase) {
    }

    /**
     * A chat message its sender heard nothing back about, neither its stored copy nor an error, on a socket that
     * stayed open: the protocol promises an answer to every one (docs/realtime.md).
     */
    record Unanswered(String clientMessageId, String phase) {
    }

    /** An answer that is not a failure of the system: the request went to a node the drill had just killed. */
    static final String CUT_OFF = "cut off by the kill";

    /** Longer than the longest stall, after which held messages are answered. */
    private static final Duration CHAT_ANSWER = Duration.ofSeconds(25);

    /** A member of the load, with its session and socket. */
    static final class Member {
        final UUID id;
        final String username;
        final String token;
        final ReentrantLock sending = new ReentrantLock();
        final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        volatile StompSession socket;
        volatile ChaosNode socketNode;

        Member(UUID id, String username, String token) {
            this.id = id;
            this.username = username;
            this.token = token;
        }
    }

    /** Requests of one phase, by outcome. */
    static final class Tally {
        final AtomicLong requests = new AtomicLong();
        final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

        void count(String outcome) {
            requests.incrementAndGet();
            outcomes.computeIfAbsent(outcome, o -> new AtomicLong()).incrementAndGet();
        }

        long of(String outcome) {
            AtomicLong count = outcomes.get(outcome);
            return count == null ? 0 : count.get();
        }
    }

    private final List<ChaosNode> nodes;
    private final ChaosHttp http = new ChaosHttp();
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final List<UUID> posts = new CopyOnWriteArrayList<>();
    private final Set<String> likes = ConcurrentHashMap.newKeySet();
    private final Set<String> related = ConcurrentHashMap.newKeySet();
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final List<ChatAck> chats = new CopyOnWriteArrayList<>();
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon -> {
        Thread thread = new Thread(daemon, "chaos-load-worker");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Unanswered> unanswered = new CopyOnWriteArrayList<>();
    private Thread scheduler;
    private volatile String phase = "setup";
    private volatile boolean running;

    ChaosLoad(List<ChaosNode> nodes) {
        this.nodes = nodes;
    }

    /** From now on, requests and acknowledgements count for this phase. */
    void phase(String name) {
        phase = name;
    }

    Tally tally(String phase) {
        return tallies.computeIfAbsent(phase, p -> new Tally());
    }

    List<Ack> acks() {
        return List.copyOf(acks);
    }

    List<Unanswered> unanswered() {
        return List.copyOf(unanswered);
    }

    List<ChatAck> chats() {
        return List.copyOf(chats);
    }

    /**
     * Registers {@code count} members through the nodes in turn, logs each in, befriends each with the next (a
     * ring, so everyone has a conversation), opens their sockets, and waits until every conversation takes messages.
     */
    void setUp(int count) {
        String password = "chaos-drill-password";
        for (int i = 0; i < count; i++) {
            String username = "c" + run + "m" + i;
            Answer registered = call("POST", "/web/register", null,
                    Map.of("username", username, "email", username + "@drill.test", "password", password));
            require(registered, "register " + username);
            acks.add(new Ack(Kind.REGISTRATION, registered.text("id"), phase));
            Answer login = call("POST", "/web/login", null,
                    Map.of("email", username + "@drill.test", "password", password));
            require(login, "log " + username + " in");
            members.add(new Member(UUID.fromString(registered.text("id")), username, login.text("accessToken")));
        }
        for (int i = 0; i < count; i++) {
            befriend(members.get(i), members.get((i + 1) % count), true, phase);
        }
        members.forEach(this::socketOf);
        for (int i = 0; i < count; i++) {
            Member from = members.get(i);
            Member to = members.get((i + 1) % count);
            Quiet.until(Duration.ofSeconds(60), () -> chat(from, to));
        }
    }

    /**
     * Starts the load: {@code perSecond} actions a second, each begun on schedule whatever the ones before it came to
     * (open loop), so a request held by a fault does not hold the load back; at most {@code inFlight} at once.
     */
    void start(double perSecond, int inFlight) {
        running = true;
        long interval = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        Semaphore slots = new Semaphore(inFlight);
        scheduler = new Thread(() -> {
            long next = System.nanoTime();
            while (running) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                next += interval;
                if (!slots.tryAcquire()) {
                    continue; // every slot held by a request a fault holds: this one is not made
                }
                String phaseNow = phase;
                workers.execute(() -> {
                    try {
                        act();
                    } catch (RuntimeException e) {
                        tally(phaseNow).count("drill: " + e.getClass().getSimpleName());
                        System.err.println("chaos load: " + e);
                    } finally {
                        slots.release();
                    }
                });
            }
        }, "chaos-load");
        scheduler.setDaemon(true);
        scheduler.start();
    }

    /** Stops making requests and waits for those under way. */
    void stop() {
        running = false;
        try {
            scheduler.join(); // before the pool shuts: it may be handing over one last action
            workers.shutdown();
            workers.awaitTermination(CHAT_ANSWER.toSeconds() + 50, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        members.forEach(member -> {
            StompSession socket = member.socket;
            if (socket != null && socket.isConnected()) {
                socket.disconnect();
            }
        });
    }

    /** One action, drawn by weight: mostly posts, comments, likes and chat, some reads, friendships, sign-ups. */
    private void act() {
        String phase = this.phase; // an action counts for the phase it began in, however long it takes
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Member member = members.get(random.nextInt(members.size()));
        int draw = random.nextInt(100);
        if (draw < 22 || posts.isEmpty()) {
            Answer post = call("POST", "/web/posts", member.token,
                    Map.of("content", "chaos post " + sequence.incrementAndGet()));
            if (post.status() == 201) {
                acks.add(new Ack(Kind.POST, post.text("id"), phase));
                posts.add(UUID.fromString(post.text("id")));
            }
        } else if (draw < 44) {
            UUID post = posts.get(random.nextInt(posts.size()));
            Answer comment = call("POST", "/web/posts/" + post + "/comments", member.token,
                    Map.of("content", "chaos comment " + sequence.incrementAndGet()));
            if (comment.status() == 201) {
                acks.add(new Ack(Kind.COMMENT, comment.text("id"), phase));
            }
        } else if (draw < 62) {
            UUID post = posts.get(random.nextInt(posts.size()));
            // each member likes a post once at most: a second like stores nothing, by design
            if (likes.add(post + ":" + member.id)) {
                Answer like = call("POST", "/web/posts/" + post + "/likes", member.token, null);
                if (like.ok()) {
                    acks.add(new Ack(Kind.LIKE, post + ":" + member.id, phase));
                }
            }
        } else if (draw < 84) {
            int index = members.indexOf(member);
            chat(member, members.get((index + 1) % members.size()));
        } else if (draw < 92) {
            call("GET", "/web/feed", member.token, null);
        } else if (draw < 97) {
            Member other = members.get(random.nextInt(members.size()));
            if (!other.equals(member)) {
                befriend(member, other, false, phase);
            }
        } else {
            String username = "c" + run + "n" + sequence.incrementAndGet();
            Answer registered = call("POST", "/web/register", null, Map.of("username", username,
                    "email", username + "@drill.test", "password", "chaos-drill-password"));
            if (registered.status() == 201) {
                acks.add(new Ack(Kind.REGISTRATION, registered.text("id"), phase));
            }
        }
    }

    /** A friend request and its acceptance, each recorded if acknowledged; a pair is asked once at most. */
    private void befriend(Member from, Member to, boolean required, String phase) {
        String friendship = FriendshipId.of(from.id, to.id);
        if (!related.add(friendship)) {
            return;
        }
        Answer request = call("POST", "/web/profiles/" + from.id + "/outgoing_friend_requests/" + to.id,
                from.token, null);
        if (required) {
            require(request, "befriend " + from.username + " and " + to.username);
        }
        if (request.status() != 201) {
            return;
        }
        acks.add(new Ack(Kind.FRIEND_REQUEST, friendship, phase));
        Answer accepted = call("POST", "/web/profiles/" + to.id + "/friends/" + from.id, to.token, null);
        if (required) {
            require(accepted, "accept " + from.username + "'s request to " + to.username);
        }
        if (accepted.status() == 201) {
            acks.add(new Ack(Kind.ACCEPTANCE, friendship, phase));
        }
    }

    /**
     * One chat message from {@code from} to {@code to} over {@code from}'s socket, one in flight per sender as the web
     * UI sends them; true if it was acknowledged (its stored copy came back).
     */
    private boolean chat(Member from, Member to) {
        if (!from.sending.tryLock()) {
            return false;
        }
        String phaseNow = phase;
        try {
            StompSession socket;
            try {
                socket = socketOf(from);
            } catch (RuntimeException e) {
                tally(phaseNow).count("socket: " + e.getClass().getSimpleName());
                return false;
            }
            ChaosNode node = from.socketNode;
            UUID conversation = ChatGroupId.of(from.id, to.id);
            String clientMessageId = "cm-" + run + "-" + sequence.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            from.pending.put(clientMessageId, answer);
            try {
                StompSockets.send(socket, "chat_message", Map.of("to", conversation.toString(),
                        "message", "chaos chat " + clientMessageId, "clientMessageId", clientMessageId));
                JsonNode event = answer.get(CHAT_ANSWER.toSeconds(), TimeUnit.SECONDS);
                if (event.path("event").asText().equals("chat_message")) {
                    tally(phaseNow).count("2xx");
                    acks.add(new Ack(Kind.CHAT, clientMessageId, phaseNow));
                    chats.add(new ChatAck(UUID.fromString(event.path("data").path("id").asText()), conversation, to,
                            phaseNow));
                    return true;
                }
                String message = event.path("data").path("message").asText();
                tally(phaseNow).count(message.contains("unavailable") ? "503" : "chat error: " + message);
                return false;
            } catch (TimeoutException e) {
                if (node.up() && socket.isConnected()) {
                    unanswered.add(new Unanswered(clientMessageId, phaseNow));
                    tally(phaseNow).count("chat: no answer");
                } else {
                    tally(phaseNow).count(node.up() ? "chat: socket closed" : CUT_OFF);
                }
                return false;
            } catch (RuntimeException e) {
                tally(phaseNow).count(node.up() ? "chat: " + e.getClass().getSimpleName() : CUT_OFF);
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                tally(phaseNow).count("chat: " + e.getCause());
                return false;
            } finally {
                from.pending.remove(clientMessageId);
            }
        } finally {
            from.sending.unlock();
        }
    }

    /** The member's socket, opened (again) on a node that is up if it has none or its node died. */
    private StompSession socketOf(Member member) {
        StompSession socket = member.socket;
        if (socket != null && socket.isConnected() && member.socketNode.up()) {
            return socket;
        }
        if (socket != null && socket.isConnected()) {
            socket.disconnect();
        }
        ChaosNode node = pick();
        member.socket = StompSockets.connect(node.port(), member.token, event -> {
            JsonNode data = event.path("data");
            String name = event.path("event").asText();
            boolean mine = name.equals("chat_message") && data.path("fromProfileId").asText()
                    .equals(member.id.toString());
            if (mine || name.equals("error")) {
                CompletableFuture<JsonNode> waiting = member.pending.get(data.path("clientMessageId").asText());
                if (waiting != null) {
                    waiting.complete(event);
                }
            }
        });
        member.socketNode = node;
        return member.socket;
    }

    /** An HTTP request to the next node that is up, counted for the phase it began in. */
    private Answer call(String method, String path, String token, Object body) {
        String phaseNow = phase;
        ChaosNode node = pick();
        Answer answer = http.send(node.port(), method, path, token, body);
        tally(phaseNow).count(answer.status() == 0 && !node.up() ? CUT_OFF : answer.outcome());
        return answer;
    }

    private ChaosNode pick() {
        for (int tries = 0; tries < nodes.size() * 50; tries++) {
            ChaosNode node = nodes.get(Math.floorMod(roundRobin.getAndIncrement(), nodes.size()));
            if (node.up()) {
                return node;
            }
            if (tries % nodes.size() == nodes.size() - 1) {
                Quiet.pause(100);
            }
        }
        throw new IllegalStateException("no node is up");
    }

    private static void require(Answer answer, String what) {
        if (!answer.ok()) {
            throw new IllegalStateException("could not " + what + ": " + answer.outcome() + " " + answer.body());
        }
    }
}
