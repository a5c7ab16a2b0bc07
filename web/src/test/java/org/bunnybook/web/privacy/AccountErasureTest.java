package org.bunnybook.web.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Ledger;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.Rebuilds;
import org.bunnybook.web.support.Socket;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member who posted, commented, liked, befriended and chatted erases their account: afterwards nothing anyone can
 * ask, nor any store, nor a rebuilt read model holds their name, email or words, the ledger still verifies, and what
 * others wrote is intact (docs/privacy.md).
 */
@BunnybookTest
class AccountErasureTest {

    private static final String ERASED_MEMBER = "erased member";
    private static final String ERASED_TEXT = "[erased]";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Neo4jClient neo4j;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void anErasedMemberIsGoneFromEveryAnswerEveryStoreAndEveryRebuildWhileTheLedgerStillVerifies() {
        Member leaving = Members.register(port, "Leaving");
        Member staying = Members.register(port, "Staying");
        Member third = Members.register(port, "Third");
        String word = "w" + UUID.randomUUID().toString().replace("-", "");
        Friends.befriend(leaving, staying);
        Friends.befriend(staying, third);
        String ownPost = Posts.write(leaving, leaving, "own-post-" + word, "PUBLIC");
        String onTheirWall = Posts.write(leaving, staying, "wall-post-" + word, "PUBLIC");
        String theirPost = Posts.write(staying, staying, "kept post of the one who stays", "PUBLIC");
        comment(leaving, theirPost, "comment-" + word);
        comment(staying, ownPost, "kept comment on the leaver's post");
        assertThat(leaving.client().post("/web/posts/" + theirPost + "/likes", "").status()).isEqualTo(200);
        UUID chat = ChatGroupId.of(leaving.id(), staying.id());
        try (Socket leaverSocket = Socket.open(port, leaving.client().accessToken());
             Socket stayerSocket = Socket.open(port, staying.client().accessToken())) {
            leaverSocket.send("/app/chat_message", "{\"to\":\"" + chat + "\",\"message\":\"chat-" + word + "\"}");
            stayerSocket.await("chat_message", m -> m.get("content").asText().equals("chat-" + word));
            stayerSocket.send("/app/chat_message", "{\"to\":\"" + chat + "\",\"message\":\"kept chat reply\"}");
            leaverSocket.await("chat_message", m -> m.get("content").asText().equals("kept chat reply"));
        }
        List<String> secrets = List.of(leaving.username().toLowerCase(Locale.ROOT), leaving.email(), word);
        assertThat(everyStore()).as("the secrets are somewhere before").contains(leaving.username());
        // their IP address: in the sessions they see, and in the audit of their events, sealed in the store
        Pattern address = addressPattern(leaving.client().clientAddress());
        assertThat(address.matcher(everyTable()).find()).as("their address in a table before").isTrue();
        assertThat(address.matcher(String.join("\n", auditAnswers(Staff.auditor(port), leaving,
                List.of(ownPost), chat))).find()).as("their address in the audit before").isTrue();

        // refused without the password, or with a wrong one
        assertThat(erase(leaving, null).status()).isEqualTo(400);
        assertThat(erase(leaving, "not-my-password").status()).isEqualTo(403);
        assertThat(leaving.me().get("username").asText()).isEqualTo(leaving.username());

        List<String> answers = new ArrayList<>();
        try (Socket stayerSocket = Socket.open(port, staying.client().accessToken())) {
            ApiClient.Response erased = erase(leaving, Members.PASSWORD);
            assertThat(erased.status()).as(erased.text()).isEqualTo(204);

            // every session ends at once, and the account cannot be signed into again
            assertThat(leaving.client().get("/web/me").status()).isEqualTo(401);
            assertThat(new ApiClient(port).post("/web/login",
                    Map.of("email", leaving.email(), "password", Members.PASSWORD)).status()).isEqualTo(401);

            // others go on; what they are pushed about the erased member names no one
            comment(third, ownPost, "a comment after the erasure");
            answers.add(stayerSocket.await("new_unread_notification",
                    n -> n.toString().contains("a comment after the erasure")).toString());
        }

        // what others see: their own words intact, the erased member as a placeholder
        JsonNode wall = staying.client().get("/web/posts?wall_profile_id=" + staying.id()).json();
        answers.add(wall.toString());
        JsonNode wallPost = find(wall, onTheirWall);
        assertThat(wallPost.get("username").asText()).isEqualTo(ERASED_MEMBER);
        assertThat(wallPost.get("content").asText()).isEqualTo(ERASED_TEXT);
        assertThat(find(wall, theirPost).get("content").asText()).isEqualTo("kept post of the one who stays");
        JsonNode comments = staying.client().get("/web/posts/" + theirPost + "/comments").json();
        answers.add(comments.toString());
        assertThat(comments.toString()).contains(ERASED_MEMBER, ERASED_TEXT);
        JsonNode onErasedPost = staying.client().get("/web/posts/" + ownPost + "/comments").json();
        assertThat(onErasedPost.toString()).contains("kept comment on the leaver's post");
        JsonNode messages = staying.client().get("/web/chat/" + chat + "/messages").json();
        answers.add(messages.toString());
        assertThat(messages.toString()).contains("kept chat reply", ERASED_TEXT);
        assertThat(staying.client().get("/web/profiles/" + leaving.id()).status()).isEqualTo(404);
        answers.addAll(everyAnswerOf(staying, leaving, List.of(ownPost, onTheirWall, theirPost), chat));

        Member auditor = Staff.auditor(port);
        answers.addAll(auditAnswers(auditor, leaving, List.of(ownPost, onTheirWall, theirPost), chat));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.toLowerCase(Locale.ROOT))
                .doesNotContain(secrets));
        assertThat(linesOf(everyStore(), secrets)).as("stores naming the erased member").isEmpty();
        assertThat(address.matcher(String.join("\n", answers)).results().map(MatchResult::group).toList())
                .as("the erased member's address in an answer").isEmpty();
        assertThat(address.matcher(everyTable()).results().map(MatchResult::group).toList())
                .as("the erased member's address in a table").isEmpty();

        Ledger.awaitChained(jdbc, leaving.id().toString());
        assertThat(Ledger.verify(auditor.client(), "{}").get("report").get("intact").asBoolean()).isTrue();

        // rebuilt from the events, which now decrypt to placeholders, the read models come out the same
        ApiClient admin = Staff.admin(port);
        for (String group : List.of(ReadModels.ACCOUNTS, ReadModels.AVATARS, ReadModels.SOCIAL_GRAPH,
                ReadModels.FRIENDSHIPS, ReadModels.WALLS, ReadModels.NOTIFICATIONS, ReadModels.CONVERSATIONS,
                ReadModels.SESSIONS, ReadModels.LEADERBOARD)) {
            Rebuilds.rebuild(admin, group);
        }
        assertThat(linesOf(everyStore(), secrets)).as("rebuilt stores naming the erased member").isEmpty();
        List<String> rebuiltAnswers = everyAnswerOf(staying, leaving, List.of(ownPost, onTheirWall, theirPost), chat);
        assertThat(rebuiltAnswers).allSatisfy(answer -> assertThat(answer.toLowerCase(Locale.ROOT))
                .doesNotContain(secrets));
        JsonNode rebuiltWall = staying.client().get("/web/posts?wall_profile_id=" + staying.id()).json();
        assertThat(find(rebuiltWall, onTheirWall).get("username").asText()).isEqualTo(ERASED_MEMBER);
        assertThat(find(rebuiltWall, theirPost).get("content").asText()).isEqualTo("kept post of the one who stays");
        assertThat(staying.client().get("/web/chat/" + chat + "/messages").json().toString())
                .contains("kept chat reply");
        assertThat(staying.client().get("/web/profiles/" + leaving.id()).status()).isEqualTo(404);
        assertThat(staying.me().get("username").asText()).isEqualTo(staying.username());
    }

    @Test
    void erasingNeedsASignedInMember() {
        assertThat(new ApiClient(port).send("DELETE", "/web/me",
                HttpRequest.BodyPublishers.ofString("{\"password\":\"x\"}"),
                Map.of("Content-Type", "application/json")).status()).isEqualTo(401);
    }

    private List<String> everyAnswerOf(Member reader, Member erased, List<String> posts, UUID chat) {
        ApiClient client = reader.client();
        List<String> paths = new ArrayList<>(List.of("/web/me", "/web/feed",
                "/web/posts?wall_profile_id=" + reader.id(), "/web/posts?wall_profile_id=" + erased.id(),
                "/web/profiles/" + erased.id(), "/web/profiles?username_query=" + erased.username().substring(0, 7),
                "/web/profiles/" + reader.id() + "/friends", "/web/profiles/" + erased.id() + "/friends",
                "/web/profiles/" + reader.id() + "/friend_suggestions",
                "/web/profiles/" + reader.id() + "/friend_requests",
                "/web/profiles/" + reader.id() + "/connection/" + erased.id(),
                "/web/profiles/" + reader.id() + "/notifications", "/web/profiles/" + reader.id() + "/conversations",
                "/web/chat/" + chat + "/messages", "/web/leaderboard", "/web/sessions", "/web/me/export"));
        posts.forEach(post -> {
            paths.add("/web/posts/" + post);
            paths.add("/web/posts/" + post + "/comments");
        });
        return paths.stream().map(path -> {
            ApiClient.Response response = client.get(path);
            assertThat(response.status()).as(path).isLessThan(500);
            return path + " " + new String(response.bytes(), StandardCharsets.ISO_8859_1);
        }).toList();
    }

    private List<String> auditAnswers(Member auditor, Member erased, List<String> posts, UUID chat) {
        ApiClient client = auditor.client();
        List<String> paths = new ArrayList<>(List.of("/web/audit/export", "/web/audit/events?limit=1000",
                "/web/audit/catalog"));
        List<String> aggregates = new ArrayList<>(posts);
        aggregates.add(erased.id().toString());
        aggregates.add(chat.toString());
        aggregates.forEach(id -> {
            paths.add("/web/audit/aggregates/" + id + "/events");
            paths.add("/web/audit/aggregates/" + id + "/state");
        });
        return paths.stream().map(path -> {
            ApiClient.Response response = client.get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            return path + " " + response.text();
        }).toList();
    }

    /** Every row of every table (bytes as UTF-8 text), every Neo4j node and relationship, every Redis key and value. */
    private String everyStore() {
        StringBuilder all = new StringBuilder(everyTable());
        neo4j.query("MATCH (n) RETURN labels(n) + [k IN keys(n) | k + '=' + toString(n[k])] AS p")
                .fetchAs(Object.class).mappedBy((types, record) -> record.get("p").asList()).all()
                .forEach(node -> all.append(node).append('\n'));
        neo4j.query("MATCH ()-[r]->() RETURN type(r) + [k IN keys(r) | k + '=' + toString(r[k])] AS p")
                .fetchAs(Object.class).mappedBy((types, record) -> record.get("p").asList()).all()
                .forEach(relationship -> all.append(relationship).append('\n'));
        // read patiently: the application's Redis timeout is 1 s, and the whole run's keys are many
        patiently(() -> redis.keys("*")).forEach(key -> {
            all.append(key).append('=');
            all.append(patiently(() -> switch (redis.type(key)) {
                case STRING -> redis.opsForValue().get(key);
                case HASH -> redis.opsForHash().entries(key);
                case LIST -> redis.opsForList().range(key, 0, -1);
                case SET -> redis.opsForSet().members(key);
                case ZSET -> redis.opsForZSet().range(key, 0, -1);
                default -> "?";
            }));
            all.append('\n');
        });
        return all.toString();
    }

    /** Every row of every PostgreSQL table, bytes as UTF-8 text. */
    private String everyTable() {
        StringBuilder all = new StringBuilder();
        jdbc.sql("""
                        SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
                        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')""")
                .query(String.class).list().forEach(table -> jdbc.sql("SELECT * FROM " + table).query().listOfRows()
                        .forEach(row -> row.values().forEach(value -> all.append(table).append(": ")
                                .append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                        : String.valueOf(value)).append('\n'))));
        return all.toString();
    }

    /**
     * An IP address as it would be written anywhere, not as part of a longer one. Redis is not searched for it: the
     * rate limits' buckets are kept by address, each until it has refilled (docs/privacy.md).
     */
    private static Pattern addressPattern(String address) {
        return Pattern.compile("(?<![0-9.])" + Pattern.quote(address) + "(?![0-9])");
    }

    /** A Redis read, asked again when it ran past the application's short timeout (a busy machine, a large key). */
    private static <T> T patiently(Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (QueryTimeoutException slow) {
                if (attempt == 5) {
                    throw slow;
                }
            }
        }
    }

    /** The lines of {@code text} that contain any of the secrets, ignoring case. */
    private static List<String> linesOf(String text, List<String> secrets) {
        return text.lines().filter(line -> secrets.stream()
                .anyMatch(secret -> line.toLowerCase(Locale.ROOT).contains(secret))).toList();
    }

    private static ApiClient.Response erase(Member member, String password) {
        String body = password == null ? "{}" : ApiClient.toJson(Map.of("password", password));
        return member.client().send("DELETE", "/web/me", HttpRequest.BodyPublishers.ofString(body),
                Map.of("Content-Type", "application/json"));
    }

    private static void comment(Member author, String post, String content) {
        ApiClient.Response commented = author.client().post("/web/posts/" + post + "/comments",
                Map.of("content", content));
        assertThat(commented.status()).as(commented.text()).isEqualTo(201);
    }

    private static JsonNode find(JsonNode posts, String id) {
        for (JsonNode post : posts) {
            if (post.get("id").asText().equals(id)) {
                return post;
            }
        }
        throw new AssertionError(id + " not in " + posts);
    }
}
