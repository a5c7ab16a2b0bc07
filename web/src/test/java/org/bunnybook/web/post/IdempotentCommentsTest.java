package org.bunnybook.web.post;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bunnybook.api.post.CommentOnPost;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Latches;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.NewestFirst;
import org.bunnybook.web.support.Posts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Comments sent again under an {@code Idempotency-Key}: stored once, answered as the first time (docs/http-api.md). */
@BunnybookTest
class IdempotentCommentsTest {

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commands;

    @Test
    void aCommentSentAgainUnderItsKeyIsStoredOnceAndAnsweredAsBefore() {
        Member author = Members.register(port, "Commented");
        Member friend = Members.register(port, "Commenter");
        Friends.befriend(author, friend);
        String post = Posts.write(author, author, "say something", "FRIENDS");
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = comment(friend, post, key, "only once, please");
        ApiClient.Response again = comment(friend, post, key, "only once, please");

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(comments(author, post)).containsExactly("only once, please");
        assertThat(author.client().get("/web/posts/" + post).json().get("commentsCount").asInt()).isEqualTo(1);

        // deleted since, it is still the comment the key stored: answered as before, and not stored again
        assertThat(friend.client().send("DELETE", "/web/comments/" + first.json().get("id").asText(),
                BodyPublishers.noBody(), Map.of()).status()).isEqualTo(204);
        ApiClient.Response afterDeletion = comment(friend, post, key, "only once, please");
        assertThat(afterDeletion.status()).isEqualTo(201);
        assertThat(afterDeletion.json()).isEqualTo(first.json());
        assertThat(comments(author, post)).isEmpty();
    }

    @Test
    void requestsUnderOneKeyAtOnceStoreOneCommentAndAllGetIt() throws Exception {
        Member author = Members.register(port, "Eager");
        String post = Posts.write(author, author, "comment on this", "PUBLIC");
        String key = UUID.randomUUID().toString();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ApiClient.Response>> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(CompletableFuture.supplyAsync(() -> {
                Latches.await(start);
                return comment(author, post, key, "all at once");
            }));
        }
        start.countDown();

        for (CompletableFuture<ApiClient.Response> answer : sent) {
            ApiClient.Response response = answer.get();
            assertThat(response.status()).as(response.text()).isEqualTo(201);
            assertThat(response.json()).isEqualTo(sent.get(0).get().json());
        }
        assertThat(comments(author, post)).containsExactly("all at once");
    }

    @Test
    void aKeyNamesACommentOfItsMemberOnThatPostOnly() {
        Member author = Members.register(port, "Keyholder");
        Member other = Members.register(port, "Keyholder");
        String post = Posts.write(author, author, "one post", "PUBLIC");
        String otherPost = Posts.write(author, author, "another post", "PUBLIC");
        String key = "my-first-comment";

        JsonNode mine = comment(author, post, key, "mine").json();
        JsonNode theirs = comment(other, post, key, "theirs").json();
        JsonNode elsewhere = comment(author, otherPost, key, "mine too").json();

        assertThat(List.of(theirs.get("id"), elsewhere.get("id"))).doesNotContain(mine.get("id"));
        assertThat(comments(author, post)).containsExactlyInAnyOrder("mine", "theirs");
        assertThat(comments(author, otherPost)).containsExactly("mine too");
    }

    @Test
    void aKeyUsedForAnotherCommentIsRefusedAndTheFirstStands() {
        Member author = Members.register(port, "Reuser");
        String post = Posts.write(author, author, "comment on this", "PUBLIC");
        String key = UUID.randomUUID().toString();
        assertThat(comment(author, post, key, "the first").status()).isEqualTo(201);

        ApiClient.Response refused = comment(author, post, key, "another");

        assertRefusedForTheKey(refused, "another comment");
        assertThat(comments(author, post)).containsExactly("the first");
    }

    @Test
    void aKeyWhoseCommentIsOlderThanTheLatestHundredIsRefusedWhileItStands() {
        Member author = Members.register(port, "Busy");
        String post = Posts.write(author, author, "a busy post", "PUBLIC");
        String key = UUID.randomUUID().toString();
        String first = comment(author, post, key, "early").json().get("id").asText();
        for (int i = 0; i < 100; i++) { // straight to the command bus: requests would be rate-limited
            commands.sendAndWait(new CommentOnPost(UUID.fromString(post), UUID.randomUUID(), author.id(),
                    author.username(), "later " + i));
        }

        ApiClient.Response refused = comment(author, post, key, "early");

        assertRefusedForTheKey(refused, "too long ago");
        // the hundred went to the command bus, which does not wait for the walls to have them
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                NewestFirst.all(author.client(), "/web/posts/" + post + "/comments?limit=20", 20, "id"))
                .extracting(comment -> comment.get("id").asText()).containsOnlyOnce(first).hasSize(101));
    }

    @Test
    void aMalformedKeyIsRefusedAndAKeyLetsNobodyInWithoutAToken() {
        Member author = Members.register(port, "Picky");
        String post = Posts.write(author, author, "comment on this", "PUBLIC");
        assertRefusedForTheKey(comment(author, post, "two words", "never stored"), "visible ASCII");

        ApiClient.Response anonymous = new ApiClient(port).send("POST", "/web/posts/" + post + "/comments",
                BodyPublishers.ofString("{\"content\":\"who am I\"}"),
                Map.of("Content-Type", "application/json", IdempotencyKey.HEADER, "anonymous"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(comments(author, post)).isEmpty();
    }

    /** A 422 naming the {@code Idempotency-Key} header, saying why. */
    private static void assertRefusedForTheKey(ApiClient.Response refused, String why) {
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        JsonNode detail = refused.json().get("detail").get(0);
        assertThat(detail.get("loc").toString()).isEqualTo("[\"header\",\"Idempotency-Key\"]");
        assertThat(detail.get("msg").asText()).contains(why);
    }

    private static ApiClient.Response comment(Member member, String post, String key, String content) {
        return member.client().send("POST", "/web/posts/" + post + "/comments",
                BodyPublishers.ofString(ApiClient.toJson(Map.of("content", content))),
                Map.of("Content-Type", "application/json", IdempotencyKey.HEADER, key));
    }

    private static List<String> comments(Member reader, String post) {
        List<String> contents = new ArrayList<>();
        reader.client().get("/web/posts/" + post + "/comments").json()
                .forEach(comment -> contents.add(comment.get("content").asText()));
        return contents;
    }
}
