package org.bunnybook.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.bench.ChaosHttp.Answer;
import org.bunnybook.bench.ChaosLoad.Ack;
import org.bunnybook.bench.ChaosLoad.ChatAck;
import org.bunnybook.bench.ChaosLoad.Kind;
import org.bunnybook.bench.ReadModelDigests.Digest;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the drill proves once the load has stopped and every fault has healed, asked of the stores and of the nodes'
 * HTTP API as an operator would: acknowledged commands stored exactly once, read models equal to their rebuild, chat
 * histories complete, no parked event, an intact ledger.
 */
final class ChaosChecker {

    /** The event each kind of acknowledged command stores, and the field of it that {@link Ack#key()} names. */
    private static final Map<Kind, String> EVENTS = Map.of(
            Kind.REGISTRATION, key("org.bunnybook.api.account.AccountRegistered", "p->>'profileId'"),
            Kind.FRIEND_REQUEST, key("org.bunnybook.api.friendship.FriendRequestSent", "p->>'friendshipId'"),
            Kind.ACCEPTANCE, key("org.bunnybook.api.friendship.FriendRequestAccepted", "p->>'friendshipId'"),
            Kind.POST, key("org.bunnybook.api.post.PostCreated", "p->>'postId'"),
            Kind.COMMENT, key("org.bunnybook.api.post.PostCommented", "p->>'commentId'"),
            Kind.LIKE, key("org.bunnybook.api.post.PostLiked", "(p->>'postId') || ':' || (p->>'profileId')"),
            Kind.CHAT, key("org.bunnybook.api.chat.MessagePosted", "p->>'clientMessageId'"));

    private static String key(String payloadType, String field) {
        // payloads are JSON in a bytea column (the Jackson serializer)
        return "SELECT " + field + " FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM "
                + EventStoreTables.EVENTS + " WHERE payload_type = '" + payloadType + "') e";
    }

    private final ChaosHttp http = new ChaosHttp();
    private final JdbcClient jdbc;
    private final ReadModelDigests digests;
    private final int port;
    private final String adminToken;

    ChaosChecker(JdbcClient jdbc, ReadModelDigests digests, int port, String adminToken) {
        this.jdbc = jdbc;
        this.digests = digests;
        this.port = port;
        this.adminToken = adminToken;
    }

    /** Acknowledged commands whose event is not stored exactly once (missing or stored twice), by phase. */
    Map<String, List<String>> notStoredOnce(List<Ack> acks) {
        Map<Kind, Map<String, Long>> stored = new HashMap<>();
        for (Kind kind : Kind.values()) {
            stored.put(kind, jdbc.sql(EVENTS.get(kind)).query(String.class).list().stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
        }
        Map<String, List<String>> wrong = new LinkedHashMap<>();
        for (Ack ack : acks) {
            long count = stored.get(ack.kind()).getOrDefault(ack.key(), 0L);
            if (count != 1) {
                wrong.computeIfAbsent(ack.phase(), p -> new ArrayList<>())
                        .add(ack.kind() + " " + ack.key() + " stored " + count + " times");
            }
        }
        return wrong;
    }

    /** Of the chat messages never answered, how many were stored all the same (exactly once). */
    long storedOfUnanswered(List<ChaosLoad.Unanswered> unanswered) {
        Set<String> stored = new HashSet<>(jdbc.sql(EVENTS.get(Kind.CHAT)).query(String.class).list());
        return unanswered.stream().filter(message -> stored.contains(message.clientMessageId())).count();
    }

    /** Chat messages acknowledged to their sender that their partner's history does not show, by phase. */
    Map<String, List<String>> missingFromPartners(List<ChatAck> chats) {
        Map<UUID, Set<UUID>> seen = new HashMap<>();
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (ChatAck chat : chats) {
            Set<UUID> history = seen.computeIfAbsent(chat.chatGroupId(),
                    conversation -> history(conversation, chat.partner().token));
            if (!history.contains(chat.messageId())) {
                missing.computeIfAbsent(chat.phase(), p -> new ArrayList<>())
                        .add("message " + chat.messageId() + " not in " + chat.partner().username + "'s history");
            }
        }
        return missing;
    }

    /** Every message id of a conversation, read by a member of it page by page, newest first. */
    private Set<UUID> history(UUID conversation, String token) {
        Set<UUID> ids = new HashSet<>();
        String after = "";
        while (true) {
            Answer page = http.send(port, "GET", "/web/chat/" + conversation + "/messages?limit=20" + after, token,
                    null);
            if (!page.ok()) {
                throw new IllegalStateException("could not read conversation " + conversation + ": "
                        + page.outcome() + " " + page.body());
            }
            if (page.body().isEmpty()) {
                return ids;
            }
            JsonNode last = null;
            for (JsonNode message : page.body()) {
                ids.add(UUID.fromString(message.path("id").asText()));
                last = message;
            }
            after = "&older_than=" + URLEncoder.encode(last.path("createdAt").asText(), StandardCharsets.UTF_8)
                    + "&older_than_id=" + last.path("id").asText();
        }
    }

    /** Every processing group's status, as the admin page shows it. */
    JsonNode projections() {
        Answer status = http.send(port, "GET", "/web/admin/projections", adminToken, null);
        if (!status.ok()) {
            throw new IllegalStateException("could not read the projections: " + status.outcome());
        }
        return status.body();
    }

    /** Events parked in any group's dead-letter queue. */
    long deadLetters() {
        long parked = 0;
        for (JsonNode group : projections()) {
            parked += group.path("deadLetters").asLong();
        }
        return parked;
    }

    /**
     * Each rebuildable read model, taken down, then rebuilt from the whole history through the admin API, and taken
     * down again: the group names whose rebuild differs, with both digests.
     */
    Map<String, String> rebuildsThatDiffer() {
        Map<String, String> differ = new LinkedHashMap<>();
        for (String group : ReadModelDigests.REBUILDABLE) {
            Digest live = digests.of(group);
            Answer requested = http.send(port, "POST", "/web/admin/projections/" + group + "/rebuild", adminToken,
                    null);
            if (requested.status() != 202) {
                throw new IllegalStateException("could not rebuild " + group + ": " + requested.outcome() + " "
                        + requested.body());
            }
            long id = requested.body().path("id").asLong();
            Quiet.until(Duration.ofMinutes(5), () -> rebuilt(group, id));
            Digest rebuilt = digests.of(group);
            System.out.printf("  %-14s live: %s; rebuilt: %s%s%n", group, live, rebuilt,
                    live.equals(rebuilt) ? "" : "  <-- DIFFERENT");
            if (!live.equals(rebuilt)) {
                differ.put(group, live + " / " + rebuilt);
            }
        }
        return differ;
    }

    private boolean rebuilt(String group, long id) {
        Answer status = http.send(port, "GET", "/web/admin/projections/" + group, adminToken, null);
        JsonNode body = status.body();
        JsonNode rebuild = body.path("rebuild");
        return status.ok() && rebuild.path("id").asLong() == id && rebuild.path("state").asText().equals("FINISHED")
                && !body.path("replaying").asBoolean() && !body.path("position").isNull()
                && body.path("position").asLong() >= body.path("head").asLong();
    }

    /** The ledger's verification report, run through the auditors' API. */
    JsonNode verifyLedger() {
        Answer started = http.send(port, "POST", "/web/audit/verify", adminToken, null);
        if (started.status() != 202) {
            throw new IllegalStateException("could not verify the ledger: " + started.outcome() + " "
                    + started.body());
        }
        String job = started.text("verificationId");
        JsonNode[] report = new JsonNode[1];
        Quiet.until(Duration.ofMinutes(5), () -> {
            Answer state = http.send(port, "GET", "/web/audit/verify/" + job, adminToken, null);
            String now = state.text("state");
            if (now.equals("FAILED") || now.equals("ABANDONED")) {
                throw new IllegalStateException("ledger verification " + now + ": " + state.body());
            }
            report[0] = state.body().path("report");
            return now.equals("FINISHED");
        });
        return report[0];
    }
}
