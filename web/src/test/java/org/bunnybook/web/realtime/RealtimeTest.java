package org.bunnybook.web.realtime;

import org.bunnybook.web.support.Pacing;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.RawStomp;
import org.bunnybook.web.support.Socket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.web.socket.WebSocketHttpHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bunnybook.web.support.Friends.accept;
import static org.bunnybook.web.support.Friends.befriend;
import static org.bunnybook.web.support.Friends.request;
import static org.awaitility.Awaitility.await;

/** The WebSocket as a browser uses it: who may connect and listen, presence, and notifications as they happen. */
@BunnybookTest
class RealtimeTest {

    @LocalServerPort
    int port;

    @Value("${bunnybook.jwt.secret}")
    String secret;

    private void assertRefused(StompHeaders connect, WebSocketHttpHeaders handshake) {
        assertThatThrownBy(() -> Socket.connect(port, handshake, connect).join())
                .isInstanceOf(CompletionException.class);
    }

    private static StompHeaders bearer(String token) {
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", "Bearer " + token);
        return connect;
    }

    @Test
    void connectingNeedsAValidAccessTokenInTheFrameOrTheCookie() {
        Member member = Members.register(port, "Knock");
        String subject = member.id().toString();
        var ourKey = Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8));
        var otherKey = Keys.hmacShaKeyFor("another-secret-another-secret-another-secret!!".getBytes());
        var claims = Jwts.builder().subject(subject).claim("kind", "access").claim("username", member.username())
                .claim("role", "USER");

        assertRefused(new StompHeaders(), new WebSocketHttpHeaders());
        assertRefused(bearer("garbage"), new WebSocketHttpHeaders());
        assertRefused(bearer(claims.expiration(Date.from(Instant.now().plusSeconds(60)))
                .signWith(otherKey, Jwts.SIG.HS256).compact()), new WebSocketHttpHeaders());
        assertRefused(bearer(claims.expiration(Date.from(Instant.now().minusSeconds(60)))
                .signWith(ourKey, Jwts.SIG.HS256).compact()), new WebSocketHttpHeaders());

        WebSocketHttpHeaders foreign = new WebSocketHttpHeaders();
        foreign.setOrigin("https://evil.example");
        assertRefused(bearer(member.client().accessToken()), foreign);

        WebSocketHttpHeaders cookie = new WebSocketHttpHeaders();
        cookie.add("Cookie", "access_token=" + member.client().accessToken());
        assertThat(Socket.connect(port, cookie, new StompHeaders()).join().isConnected()).isTrue();
        assertThat(Socket.connect(port, new WebSocketHttpHeaders(), bearer(member.client().accessToken())).join()
                .isConnected()).isTrue();
    }

    @Test
    void aMemberHoldsAtMostSixteenSocketsAtOnceAndOneMoreIsRefusedUntilOneCloses() {
        Member member = Members.register(port, "Hoarder");
        Member other = Members.register(port, "Hoarder");
        List<RawStomp> held = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                held.add(RawStomp.member(port, member.client().accessToken()));
            }
            RawStomp.Frame refused;
            try (RawStomp oneMore = RawStomp.connecting(port, "Bearer " + member.client().accessToken())) {
                refused = oneMore.next(Duration.ofSeconds(10));
                assertThat(oneMore.closeCode(Duration.ofSeconds(10))).as("the refused socket is closed").isNotNull();
            }
            assertThat(refused.command()).isEqualTo("ERROR");
            assertThat(refused.header("message")).contains("too many open sockets");
            // the cap is the member's own: another member connects as usual
            try (RawStomp others = RawStomp.member(port, other.client().accessToken())) {
                assertThat(others.isOpen()).isTrue();
            }
            // once one of the sixteen closes, a new one is let in
            held.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (RawStomp again = RawStomp.connecting(port, "Bearer " + member.client().accessToken())) {
                    assertThat(again.next(Duration.ofSeconds(5)).command()).isEqualTo("CONNECTED");
                }
            });
        } finally {
            held.forEach(RawStomp::close);
        }
    }

    @Test
    void aSessionListensOnlyToItsOwnQueueAndSendsOnlyToTheApplication() throws Exception {
        Member me = Members.register(port, "Nosy");
        Member other = Members.register(port, "Private");
        for (String destination : List.of("/user/" + other.id() + "/queue/events", "/queue/events",
                "/topic/anything")) {
            try (Socket socket = Socket.open(port, me.client().accessToken())) {
                socket.subscribe(destination);
                awaitClosed(socket);
            }
        }
        try (Socket socket = Socket.open(port, me.client().accessToken())) {
            socket.send("/user/" + other.id() + "/queue/events", "{\"event\":\"fake\"}");
            awaitClosed(socket);
        }
    }

    @Test
    void friendsSeeEachOtherComeOnlineAndAFriendWhoVanishesGoesOfflineWithinTheTimeToLive() throws Exception {
        Member me = Members.register(port, "Dot");
        Member friend = Members.register(port, "Dot");
        befriend(me, friend);
        try (Socket mine = Socket.open(port, me.client().accessToken())) {
            mine.await("online_friends", JsonNode::isEmpty);
            Socket theirs = Socket.open(port, friend.client().accessToken());
            assertThat(ids(theirs.await("online_friends", data -> data.size() == 1))).containsExactly(me.id());
            assertThat(ids(mine.await("online_friends", data -> data.size() == 1))).containsExactly(friend.id());

            theirs.drop();
            await("offline within the 7 s time to live").atMost(Duration.ofSeconds(9))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        mine.send("/app/ping", "{}");
                        return ids(mine.await("online_friends", data -> true)).isEmpty();
                    });
        }
    }

    @Test
    void everyKindOfNotificationArrivesLiveAndIsListedAndMarkedByItsOwnerOnly() {
        Member author = Members.register(port, "Notified");
        Member friend = Members.register(port, "Notified");
        try (Socket authorSocket = Socket.open(port, author.client().accessToken());
             Socket friendSocket = Socket.open(port, friend.client().accessToken())) {
            authorSocket.await("unread_notifications_count", count -> count.asInt() == 0);

            assertThat(request(author, friend).status()).isEqualTo(201);
            JsonNode requested = friendSocket.await("new_unread_notification",
                    n -> n.at("/data/event").asText().equals("NEW_FRIENDSHIP_REQUEST"));
            assertThat(requested.at("/data/payload")).isEqualTo(json(Map.of("byId", author.id().toString(),
                    "byUsername", author.username())));
            assertThat(accept(friend, author).status()).isEqualTo(201);
            assertThat(authorSocket.await("new_unread_notification",
                    n -> n.at("/data/event").asText().equals("NEW_FRIEND")).at("/data/payload"))
                    .isEqualTo(json(Map.of("profileId", friend.id().toString(),
                            "profileUsername", friend.username())));

            String long40 = "A post that is longer than thirty-two ch";
            String post = Posts.write(friend, author, long40, "PUBLIC");
            assertThat(authorSocket.await("new_unread_notification",
                    n -> n.at("/data/event").asText().equals("NEW_POST_ON_WALL")).at("/data/payload"))
                    .isEqualTo(json(Map.of("byId", friend.id().toString(), "byUsername", friend.username(),
                            "postId", post, "postPreview", long40.substring(0, 32) + "...")));

            String comment = Posts.comment(author, post, "thanks!");
            assertThat(friendSocket.await("new_unread_notification",
                    n -> n.at("/data/event").asText().equals("NEW_COMMENT_ON_POST")).at("/data/payload"))
                    .isEqualTo(json(Map.of("byId", author.id().toString(), "byUsername", author.username(),
                            "postById", friend.id().toString(), "postByUsername", friend.username(),
                            "postId", post, "commentId", comment, "commentPreview", "thanks!")));

            assertThat(author.client().post("/web/posts/" + post + "/likes", "").status()).isEqualTo(200);
            JsonNode like = friendSocket.await("new_unread_notification",
                    n -> n.at("/data/event").asText().equals("NEW_LIKE"));
            assertThat(like.at("/data/payload/byId").asText()).isEqualTo(author.id().toString());

            // listed newest first for their owner, and marked by them
            String notifications = "/web/profiles/" + friend.id() + "/notifications";
            JsonNode listed = friend.client().get(notifications).json();
            assertThat(listed).hasSize(3);
            assertThat(listed.get(0).at("/data/event").asText()).isEqualTo("NEW_LIKE");
            assertThat(listed.get(2).at("/data/event").asText()).isEqualTo("NEW_FRIENDSHIP_REQUEST");
            String likeId = like.get("id").asText();
            JsonNode marked = friend.client().send("PATCH", notifications + "?read=true",
                    java.net.http.HttpRequest.BodyPublishers.ofString("[\"" + likeId + "\"]"),
                    Map.of("Content-Type", "application/json")).json();
            assertThat(marked).hasSize(1);
            assertThat(marked.get(0).get("read").asBoolean()).isTrue();
            assertThat(marked.get(0).get("visited").asBoolean()).isFalse();
            JsonNode visited = friend.client().send("PATCH", notifications + "?visited=true",
                    java.net.http.HttpRequest.BodyPublishers.ofString("[\"" + likeId + "\"]"),
                    Map.of("Content-Type", "application/json")).json();
            assertThat(visited.get(0).get("read").asBoolean()).isTrue();
            assertThat(visited.get(0).get("visited").asBoolean()).isTrue();
            assertThat(friend.client().get(notifications).json().get(0).get("visited").asBoolean()).isTrue();
            // every tab was told the new count after the PATCH
            friendSocket.await("unread_notifications_count", count -> count.asInt() == 2);
            try (Socket again = Socket.open(port, friend.client().accessToken())) {
                again.await("unread_notifications_count", count -> count.asInt() == 2);
            }

            // all at once, pages never loaded included; the count follows on every tab
            assertThat(author.client().post(notifications + "/read", "").status()).isEqualTo(403);
            assertThat(new ApiClient(port).post(notifications + "/read", "").status()).isEqualTo(401);
            var all = friend.client().post(notifications + "/read", "");
            assertThat(all.status()).isEqualTo(200);
            assertThat(all.json().get("marked").asInt()).isEqualTo(2);
            friendSocket.await("unread_notifications_count", count -> count.asInt() == 0);
            assertThat(friend.client().get(notifications).json()).allMatch(n -> n.get("read").asBoolean());
            assertThat(friend.client().post(notifications + "/read", "").json().get("marked").asInt()).isZero();

            // nobody else's
            assertThat(author.client().get(notifications).status()).isEqualTo(403);
            assertThat(new ApiClient(port).get(notifications).status()).isEqualTo(401);
            assertThat(author.client().send("PATCH", notifications + "?read=true",
                    java.net.http.HttpRequest.BodyPublishers.ofString("[\"" + likeId + "\"]"),
                    Map.of("Content-Type", "application/json")).status()).isEqualTo(403);
            assertThat(friend.client().send("PATCH", notifications + "?read=true",
                    java.net.http.HttpRequest.BodyPublishers.ofString("[\"not-a-uuid\"]"),
                    Map.of("Content-Type", "application/json")).status()).isEqualTo(422);
        }
    }

    @Test
    void aFloodingSessionIsSlowedDownAndTheServerStaysHealthy() {
        Member member = Members.register(port, "Flood");
        try (Socket socket = Socket.open(port, member.client().accessToken())) {
            socket.await("online_friends", data -> true);
            for (int i = 0; i < 500; i++) {
                socket.send("/app/ping", "{}");
            }
            // told once, not once a frame, and how long to wait
            assertThat(socket.await("error", error -> true).get("retryAfterMillis").asLong()).isBetween(1L, 1000L);
            Pacing.letPass(Duration.ofMillis(1100)); // into the next second of the rate limit
            socket.forgetSeen();
            socket.send("/app/ping", "{}");
            socket.await("online_friends", data -> true);
            assertThat(socket.isConnected()).isTrue();
        }
        assertThat(new ApiClient(port).get("/actuator/health").status()).isEqualTo(200);
    }

    private static void awaitClosed(Socket socket) {
        await("closed by the server").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> !socket.isConnected());
    }

    private static List<UUID> ids(JsonNode array) {
        List<UUID> ids = new ArrayList<>();
        array.forEach(id -> ids.add(UUID.fromString(id.asText())));
        return ids;
    }

    private static JsonNode json(Map<String, String> fields) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(fields);
    }
}
