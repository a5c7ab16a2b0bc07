package org.bunnybook.web.post;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Latches;
import org.bunnybook.web.support.LogLines;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** A post sent again under its {@code Idempotency-Key} is stored once and answered as it was the first time. */
@BunnybookTest
class IdempotentPostsTest {

    /** Where the command gateway says that it sends a command again after it lost a race for its aggregate. */
    private static final String RETRY_LOST_RACES = "org.bunnybook.platform.command.RetryLostRaces";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPostSentAgainUnderItsKeyIsStoredOnceAndAnsweredAsBefore() {
        Member member = Members.register(port, "Twice");
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = post(member, key, "only once, please", "FRIENDS");
        ApiClient.Response again = post(member, key, "only once, please", "FRIENDS");

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(Posts.wholeWall(member, member)).containsExactly("only once, please");
        // a key quoted as the draft writes it (a structured field's string) is the same key
        assertThat(post(member, "\"" + key + "\"", "only once, please", "FRIENDS").json().get("id"))
                .isEqualTo(first.json().get("id"));
    }

    @Test
    void aKeyNamesAPostOfItsMemberOnly() {
        Member one = Members.register(port, "Keyholder");
        Member other = Members.register(port, "Keyholder");
        String key = "my-first-post";

        JsonNode mine = post(one, key, "mine", "PUBLIC").json();
        JsonNode theirs = post(other, key, "theirs", "PUBLIC").json();

        assertThat(theirs.get("id")).isNotEqualTo(mine.get("id"));
        assertThat(Posts.wholeWall(one, one)).containsExactly("mine");
        assertThat(Posts.wholeWall(other, other)).containsExactly("theirs");
    }

    @Test
    void requestsUnderOneKeyAtOnceStoreOnePostAndAllGetIt() throws Exception {
        Member member = Members.register(port, "Eager");
        String key = UUID.randomUUID().toString();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ApiClient.Response>> sent = new ArrayList<>();
        // the post's first append waits half a second first: every request has looked for the post in vain before it
        // commits, and sends it; the others, once it has, are refused by the event store
        try (LogLines races = LogLines.of(RETRY_LOST_RACES); var slowly = slowAppendsOf(member, key)) {
            for (int i = 0; i < 4; i++) {
                sent.add(CompletableFuture.supplyAsync(() -> {
                    Latches.await(start);
                    return post(member, key, "all at once", "PUBLIC");
                }));
            }
            start.countDown();

            for (CompletableFuture<ApiClient.Response> answer : sent) {
                ApiClient.Response response = answer.get();
                assertThat(response.status()).as(response.text()).isEqualTo(201);
                assertThat(response.json()).isEqualTo(sent.get(0).get().json());
            }
            assertThat(races.lines()).as("the requests raced")
                    .anyMatch(line -> line.getFormattedMessage().contains("CreatePost lost a race"));
        }
        assertThat(Posts.wholeWall(member, member)).containsExactly("all at once");
    }

    @Test
    void aKeyUsedForAnotherPostIsRefusedAndTheFirstStands() {
        Member member = Members.register(port, "Reuser");
        Member friend = Members.register(port, "Reuser");
        Friends.befriend(member, friend);
        String key = UUID.randomUUID().toString();
        assertThat(post(member, key, "the first", "PUBLIC").status()).isEqualTo(201);

        for (ApiClient.Response refused : List.of(post(member, key, "another", "PUBLIC"),
                post(member, key, "the first", "FRIENDS"),
                send(member, key, Map.of("content", "the first", "privacy", "PUBLIC",
                        "wallProfileId", friend.id().toString())))) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(422);
            JsonNode detail = refused.json().get("detail").get(0);
            assertThat(detail.get("loc").toString()).isEqualTo("[\"header\",\"Idempotency-Key\"]");
            assertThat(detail.get("msg").asText()).contains("another post");
        }
        assertThat(Posts.wholeWall(member, member)).containsExactly("the first");
        assertThat(Posts.wholeWall(friend, friend)).isEmpty();
    }

    @Test
    void aKeyThatIsNotOneToTwoHundredFiftyFiveVisibleAsciiCharactersIsRefused() {
        Member member = Members.register(port, "Picky");
        for (String key : List.of("\"\"", "two words", "k".repeat(256))) {
            ApiClient.Response refused = post(member, key, "never stored", "PUBLIC");
            assertThat(refused.status()).as(key).isEqualTo(422);
            assertThat(refused.json().get("detail").get(0).get("loc").toString())
                    .isEqualTo("[\"header\",\"Idempotency-Key\"]");
        }
        assertThat(post(member, "k".repeat(255), "stored", "PUBLIC").status()).isEqualTo(201);
        assertThat(Posts.wholeWall(member, member)).containsExactly("stored");
    }

    @Test
    void aKeyDoesNotLetAnyoneInWithoutAToken() {
        ApiClient.Response refused = new ApiClient(port).send("POST", "/web/posts",
                BodyPublishers.ofString("{\"content\":\"who am I\"}"),
                Map.of("Content-Type", "application/json", IdempotencyKey.HEADER, "anonymous"));
        assertThat(refused.status()).isEqualTo(401);
    }

    /** Makes the first append of the post {@code member} writes under {@code key} wait half a second first. */
    private AutoCloseable slowAppendsOf(Member member, String key) throws Exception {
        String post = IdempotencyKey.postId(member.id(), key).toString();
        AutoCloseable dropped = () -> {
            jdbc.sql("DROP TRIGGER IF EXISTS append_slowly ON domain_event_entry").update();
            jdbc.sql("DROP FUNCTION IF EXISTS append_slowly()").update();
            jdbc.sql("DROP SEQUENCE IF EXISTS append_slowly_tries").update();
        };
        try {
            jdbc.sql("CREATE SEQUENCE append_slowly_tries").update();
            jdbc.sql("""
                    CREATE FUNCTION append_slowly() RETURNS trigger AS $$
                    BEGIN
                      IF nextval('append_slowly_tries') = 1 THEN
                        PERFORM pg_sleep(0.5);
                      END IF;
                      RETURN NEW;
                    END $$ LANGUAGE plpgsql""").update();
            jdbc.sql("CREATE TRIGGER append_slowly BEFORE INSERT ON domain_event_entry FOR EACH ROW"
                    + " WHEN (NEW.aggregate_identifier = '" + post + "') EXECUTE FUNCTION append_slowly()").update();
        } catch (RuntimeException e) {
            dropped.close();
            throw e;
        }
        return dropped;
    }

    private static ApiClient.Response post(Member member, String key, String content, String privacy) {
        return send(member, key, Map.of("content", content, "privacy", privacy));
    }

    private static ApiClient.Response send(Member member, String key, Map<String, String> body) {
        return member.client().send("POST", "/web/posts", BodyPublishers.ofString(ApiClient.toJson(body)),
                Map.of("Content-Type", "application/json", IdempotencyKey.HEADER, key));
    }
}
