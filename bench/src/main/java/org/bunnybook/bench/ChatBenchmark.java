package org.bunnybook.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.stomp.StompSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Chat delivery latency: pairs of friends, each member on its own real STOMP socket, send each other messages at
 * once, each one message every {@code everyMillis}; the time from sending a {@code chat_message} frame to the partner's socket receiving the stored message
 * (through the command bus, the event store, the conversations projection and the Redis relay) is compared with a
 * bare push through the relay to the same sockets, measured in the same run.
 */
final class ChatBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD_HASH = "$2a$10$benchmarkbenchmarkbenchmarkbenchmarkbenchmarkbenchmark";

    private final ConfigurableApplicationContext application;
    private final int pairs;
    private final int messages;
    private final int everyMillis;
    private final int port;

    ChatBenchmark(ConfigurableApplicationContext application, int pairs, int messages, int everyMillis) {
        this.application = application;
        this.pairs = pairs;
        this.messages = messages;
        this.everyMillis = everyMillis;
        this.port = Integer.parseInt(application.getEnvironment().getProperty("local.server.port", "8080"));
    }

    void run() {
        CommandGateway commands = application.getBean(CommandGateway.class);
        QueryGateway queries = application.getBean(QueryGateway.class);
        Tokens tokens = application.getBean(Tokens.class);
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

        int total = 2 * pairs * messages;
        Latencies chat = new Latencies(total);
        Latencies relay = new Latencies(2 * pairs * messages);
        CountDownLatch chatDelivered = new CountDownLatch(total);
        CountDownLatch probesDelivered = new CountDownLatch(2 * pairs * messages);
        List<StompSession> sessions = new ArrayList<>();
        for (int i = 0; i < 2 * pairs; i++) {
            UUID me = members.get(i);
            String token = tokens.issueAccess(new Member(me, "chatter" + i, Role.USER), UUID.randomUUID()).jwt();
            sessions.add(StompSockets.connect(port, token, event -> {
                String name = event.path("event").asText();
                JsonNode data = event.path("data");
                if (name.equals("chat_message") && !data.path("fromProfileId").asText().equals(me.toString())) {
                    record(chat, data.path("clientMessageId").asLong(), chatDelivered);
                } else if (name.equals("bench_probe")) {
                    record(relay, data.path("sentAt").asLong(), probesDelivered);
                }
            }));
        }
        System.out.printf("%d pairs of friends connected on %d sockets%n", pairs, sessions.size());

        Pushes pushes = application.getBean(Pushes.class);
        // every member gets (and below sends) one every `everyMillis`, spread evenly: people chatting, not a flood
        long spacing = everyMillis / (2L * pairs);
        for (int m = 0; m < messages; m++) {
            for (int i = 0; i < 2 * pairs; i++) {
                pushes.push(members.get(i), "bench_probe", Map.of("sentAt", System.nanoTime()));
                Quiet.pause(spacing);
            }
        }
        for (int m = 0; m < messages; m++) {
            for (int i = 0; i < 2 * pairs; i++) {
                UUID to = ChatGroupId.of(members.get(i - i % 2), members.get(i - i % 2 + 1));
                StompSockets.send(sessions.get(i), "chat_message", Map.of("to", to.toString(),
                        "message", "message " + m, "clientMessageId", Long.toString(System.nanoTime())));
                Quiet.pause(spacing);
            }
        }
        boolean allProbes = await(probesDelivered, 60);
        boolean allMessages = await(chatDelivered, 120);
        sessions.forEach(StompSession::disconnect);
        System.out.printf("%nDelivery to the partner's socket, %d pairs chatting at once, %d messages each way, one "
                + "per member every %d ms (ms):%n", pairs, messages, everyMillis);
        System.out.printf("%-26s %10s %10s %10s%n", "path", "delivered", "p50", "p99");
        System.out.printf("%-26s %10d %10.2f %10.2f%n", "chat message", total - chatDelivered.getCount(),
                chat.percentileMillis(50), chat.percentileMillis(99));
        System.out.printf("%-26s %10d %10.2f %10.2f%n", "bare push (relay only)",
                2 * pairs * messages - probesDelivered.getCount(), relay.percentileMillis(50),
                relay.percentileMillis(99));
        System.out.printf("chat / bare push: p50 %.2fx, p99 %.2fx%n",
                chat.percentileMillis(50) / relay.percentileMillis(50),
                chat.percentileMillis(99) / relay.percentileMillis(99));
        if (!allProbes || !allMessages) {
            throw new IllegalStateException("not everything was delivered");
        }
    }

    private static boolean await(CountDownLatch latch, int seconds) {
        try {
            return latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void record(Latencies latencies, long sentAt, CountDownLatch delivered) {
        synchronized (latencies) {
            latencies.add(System.nanoTime() - sentAt);
        }
        delivered.countDown();
    }
}
