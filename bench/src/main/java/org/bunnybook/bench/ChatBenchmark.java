package org.bunnybook.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.RegisterAccount;
import org.bunnybook.api.account.Role;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.api.chat.FindConversationMembers;
import org.bunnybook.api.friendship.AcceptFriendRequest;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.api.friendship.SendFriendRequest;
import org.bunnybook.platform.push.Pushes;
import org.bunnybook.web.security.Member;
import org.bunnybook.web.security.Tokens;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.stomp.StompSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Chat delivery latency under a ramp: pairs of friends, each member on its own real STOMP socket, send each other
 * messages at a fixed total rate (open loop: every message has its time in the schedule and its latency counts from
 * then), step after step. Per step it prints p50/p99/max of the time from the {@code chat_message} frame to the
 * partner's socket receiving the stored message, and how many were lost (never delivered) or refused. First with both
 * sockets of every pair on one node, then with the two sockets of each pair on two nodes sharing the same stores;
 * each table begins with a bare push through the Redis relay to the same sockets, the baseline of its ratios.
 */
final class ChatBenchmark {

    private static final String PASSWORD_HASH = "$2a$10$benchmarkbenchmarkbenchmarkbenchmarkbenchmarkbenchmark";
    private static final int BASELINE_RATE = 50;
    /** How long after a step's last message its deliveries are awaited; what has not arrived by then is lost. */
    private static final int DRAIN_SECONDS = 10;
    private static final int WARM_UP_SECONDS = 5;

    private final ConfigurableApplicationContext application;
    private final Supplier<ConfigurableApplicationContext> secondNode;
    private final int pairs;
    private final int[] rates;
    private final int seconds;

    ChatBenchmark(ConfigurableApplicationContext application, Supplier<ConfigurableApplicationContext> secondNode,
                  int pairs, int[] rates, int seconds) {
        this.application = application;
        this.secondNode = secondNode;
        this.pairs = pairs;
        this.rates = rates;
        this.seconds = seconds;
    }

    void run() {
        long started = System.nanoTime();
        List<UUID> members = befriendPairs();
        Tokens tokens = application.getBean(Tokens.class);
        List<String> accessTokens = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            accessTokens.add(tokens.issueAccess(new Member(members.get(i), "chatter" + i, Role.USER),
                    UUID.randomUUID()).jwt()); // a session of its own, never ended
        }
        System.out.printf("%d pairs of friends; ramp %s messages/s, %d s a step; load before: %s%n", pairs,
                java.util.Arrays.toString(rates), seconds, load());

        int port = port(application);
        List<Step> oneNode = ramp("both sockets of each pair on one node", members, accessTokens,
                i -> port);
        ConfigurableApplicationContext second = secondNode.get();
        List<Step> twoNodes;
        try {
            int secondPort = port(second);
            twoNodes = ramp("the two sockets of each pair on two nodes", members, accessTokens,
                    i -> i % 2 == 0 ? port : secondPort);
        } finally {
            second.close();
        }

        System.out.printf("%nIssue checks (load after: %s):%n", load());
        Step single50 = at(oneNode, 50);
        Step single200 = at(oneNode, 200);
        Step double50 = at(twoNodes, 50);
        check("100 pairs at 50 messages/s: p99 < 50 ms", single50 != null && single50.millis(99) < 50);
        check("200 messages/s: p99 < 100 ms", single200 != null && single200.millis(99) < 100);
        check("0 lost at every step up to 200/s, on one node and on two", List.of(oneNode, twoNodes).stream()
                .flatMap(List::stream).filter(step -> step.rate <= 200).allMatch(step -> step.lost() == 0));
        check("two nodes at 50/s: p99 within 1.5x of one node", single50 != null && double50 != null
                && double50.millis(99) <= 1.5 * single50.millis(99));
        System.out.printf("whole run %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    private List<UUID> befriendPairs() {
        CommandGateway commands = application.getBean(CommandGateway.class);
        QueryGateway queries = application.getBean(QueryGateway.class);
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 2 * pairs; i++) {
            UUID id = UUID.randomUUID();
            members.add(id);
            commands.sendAndWait(new RegisterAccount(id, "chatter" + i, "chatter" + i + "@bench.test", PASSWORD_HASH,
                    "chatter" + i));
        }
        for (int p = 0; p < pairs; p++) {
            UUID a = members.get(2 * p);
            UUID b = members.get(2 * p + 1);
            String friendship = FriendshipId.of(a, b);
            commands.sendAndWait(new SendFriendRequest(friendship, a, "chatter" + 2 * p, b, "chatter" + (2 * p + 1)));
            commands.sendAndWait(new AcceptFriendRequest(friendship, b));
        }
        for (int p = 0; p < pairs; p++) {
            UUID chat = ChatGroupId.of(members.get(2 * p), members.get(2 * p + 1));
            while (queries.query(new FindConversationMembers(chat, true), ResponseTypes.multipleInstancesOf(UUID.class))
                    .join().size() < 2) {
                Quiet.pause(100);
            }
        }
        return members;
    }

    /** The bare push, then each rate of the ramp, with every member's socket on the node {@code portOf} says. */
    private List<Step> ramp(String layout, List<UUID> members, List<String> accessTokens,
                           java.util.function.IntUnaryOperator portOf) {
        Map<String, Step> steps = new ConcurrentHashMap<>();
        Step baseline = new Step("push", BASELINE_RATE, seconds);
        steps.put(baseline.name, baseline);
        List<StompSession> sessions = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            String me = members.get(i).toString();
            sessions.add(StompSockets.connect(portOf.applyAsInt(i), accessTokens.get(i), event -> {
                String name = event.path("event").asText();
                JsonNode data = event.path("data");
                if (name.equals("chat_message") && !data.path("fromProfileId").asText().equals(me)) {
                    delivered(steps, data.path("clientMessageId").asText());
                } else if (name.equals("bench_probe")) {
                    delivered(steps, data.path("id").asText());
                } else if (name.equals("error")) {
                    Step step = steps.get(data.path("clientMessageId").asText().split(":")[0]);
                    if (step != null) {
                        step.refused.incrementAndGet();
                    }
                }
            }));
        }
        Quiet.pause(1000); // every socket subscribed and greeted

        Pushes pushes = application.getBean(Pushes.class);
        Sender chat = (i, id) -> {
            UUID to = ChatGroupId.of(members.get(i - i % 2), members.get(i - i % 2 + 1));
            StompSockets.send(sessions.get(i), "chat_message", Map.of("to", to.toString(),
                    "message", "message " + id, "clientMessageId", id));
        };
        // not reported: the first messages of a node pay for its JIT compiler and its connection pools
        Step warmUp = new Step("warm", BASELINE_RATE, WARM_UP_SECONDS);
        steps.put(warmUp.name, warmUp);
        schedule(warmUp, members.size(), chat);
        schedule(baseline, members.size(), (i, id) -> pushes.push(members.get(i), "bench_probe", Map.of("id", id)));
        List<Step> ramp = new ArrayList<>();
        for (int rate : rates) {
            Step step = new Step("r" + rate, rate, seconds);
            steps.put(step.name, step);
            schedule(step, members.size(), chat);
            ramp.add(step);
        }
        sessions.forEach(session -> {
            if (session.isConnected()) {
                session.disconnect();
            }
        });

        System.out.printf("%nChat delivery, frame to the partner's socket, %d pairs, %s (ms; load %s):%n",
                pairs, layout, load());
        System.out.printf("%-22s %7s %9s %6s %7s %8s %8s %8s %9s %9s%n", "step", "sent", "delivered", "lost",
                "refused", "p50", "p99", "max", "p50/push", "p99/push");
        print("bare push " + BASELINE_RATE + "/s", baseline, baseline);
        ramp.forEach(step -> print("chat " + step.rate + "/s", step, baseline));
        return ramp;
    }

    /**
     * Sends {@code rate} a second for the step's duration, round the members, each at its time in the schedule, then
     * waits for the deliveries to drain. The id carries the step and the scheduled time.
     */
    private static void schedule(Step step, int members, Sender sender) {
        long interval = TimeUnit.SECONDS.toNanos(1) / step.rate;
        long start = System.nanoTime();
        for (int n = 0; n < step.planned; n++) {
            long due = start + n * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            try {
                sender.send(n % members, step.name + ":" + due + ":" + n);
                step.sent.incrementAndGet();
            } catch (RuntimeException e) {
                step.failedToSend.incrementAndGet();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        while (step.delivered() + step.refused.get() < step.sent.get() && System.nanoTime() < deadline) {
            Quiet.pause(50);
        }
    }

    private static void delivered(Map<String, Step> steps, String id) {
        String[] parts = id.split(":");
        Step step = parts.length == 3 ? steps.get(parts[0]) : null;
        if (step != null) {
            step.record(System.nanoTime() - Long.parseLong(parts[1]));
        }
    }

    private static void print(String name, Step step, Step baseline) {
        System.out.printf("%-22s %7d %9d %6d %7d %8.2f %8.2f %8.2f %8.1fx %8.1fx%n", name, step.sent.get(),
                step.delivered(), step.lost(), step.refused.get(), step.millis(50), step.millis(99), step.millis(100),
                step.millis(50) / baseline.millis(50), step.millis(99) / baseline.millis(99));
    }

    private static Step at(List<Step> steps, int rate) {
        return steps.stream().filter(step -> step.rate == rate).findFirst().orElse(null);
    }

    private static void check(String what, boolean passed) {
        System.out.printf("%s  %s%n", passed ? "PASS" : "FAIL", what);
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    /** The machine's load averages: the figures are only as quiet as the machine was. */
    private static String load() {
        try {
            String[] averages = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return averages[0] + " " + averages[1] + " " + averages[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private interface Sender {
        void send(int member, String id);
    }

    /** One step of the ramp: what was sent, delivered (with latencies), refused. */
    private static final class Step {
        final String name;
        final int rate;
        final int planned;
        final Latencies chat;
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger failedToSend = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();

        Step(String name, int rate, int seconds) {
            this.name = name;
            this.rate = rate;
            this.planned = rate * seconds;
            this.chat = new Latencies(planned);
        }

        synchronized void record(long nanos) {
            chat.add(nanos);
        }

        synchronized double millis(double percentile) {
            return chat.count() == 0 ? Double.NaN : chat.percentileMillis(percentile);
        }

        synchronized int delivered() {
            return chat.count();
        }

        /** Sent and neither delivered nor refused (a refusal is not a loss: its sender was told). */
        int lost() {
            return sent.get() + failedToSend.get() - delivered() - refused.get();
        }
    }
}
