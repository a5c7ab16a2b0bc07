package org.bunnybook.web.post;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bunnybook.web.support.Friends.befriend;
import static org.bunnybook.web.support.Friends.unfriend;

/** Posts, walls, comments and likes through the HTTP API. */
@BunnybookTest
class WallTest {

    @LocalServerPort
    int port;

    private ApiClient.Response post(Member author, Member wall, String content, String privacy) {
        Map<String, Object> body = new HashMap<>(Map.of("content", content));
        if (wall != null) {
            body.put("wallProfileId", wall.id().toString());
        }
        if (privacy != null) {
            body.put("privacy", privacy);
        }
        return author.client().post("/web/posts", body);
    }

    private String created(Member author, Member wall, String content, String privacy) {
        ApiClient.Response response = post(author, wall, content, privacy);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    private ApiClient.Response delete(Member member, String postId) {
        return member.client().send("DELETE", "/web/posts/" + postId, BodyPublishers.noBody(), Map.of());
    }

    private int status(ApiClient client, String postId) {
        return client.get("/web/posts/" + postId).status();
    }

    private List<String> wall(ApiClient client, Member owner) {
        List<String> contents = new ArrayList<>();
        client.get("/web/posts?wall_profile_id=" + owner.id() + "&limit=20").json()
                .forEach(post -> contents.add(post.get("content").asText()));
        return contents;
    }

    @Test
    void aCreatedPostHasTheDocumentedBody() {
        Member hazel = Members.register(port, "Poster");
        ApiClient.Response response = post(hazel, null, "Silflay at dawn", null);
        assertThat(response.status()).isEqualTo(201);
        JsonNode post = response.json();
        assertThat(post.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "content", "createdAt",
                "updatedAt", "wallProfileId", "profileId", "privacy", "commentsCount", "username", "likesCount",
                "likedByMe", "editedAt");
        assertThat(post.get("editedAt").isNull()).as("never edited").isTrue();
        assertThat(post.get("content").asText()).isEqualTo("Silflay at dawn");
        assertThat(post.get("wallProfileId").asText()).isEqualTo(hazel.id().toString());
        assertThat(post.get("profileId").asText()).isEqualTo(hazel.id().toString());
        assertThat(post.get("username").asText()).isEqualTo(hazel.username());
        assertThat(post.get("privacy").asText()).isEqualTo("PUBLIC");
        assertThat(post.get("commentsCount").asInt()).isZero();
        assertThat(post.get("likesCount").asInt()).isZero();
        assertThat(post.get("likedByMe").asBoolean()).isFalse();
        assertThat(post.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        // answered from the event it stored, it is the post the walls hold, to the millisecond
        assertThat(hazel.client().get("/web/posts/" + post.get("id").asText()).json()).isEqualTo(post);
    }

    @Test
    void friendsPostsOnOnesOwnWallFollowFriendship() {
        Member owner = Members.register(port, "Owner");
        Member other = Members.register(port, "Other");
        String hidden = created(owner, null, "for friends", "FRIENDS");
        created(owner, null, "for all", "PUBLIC");
        assertThat(status(owner.client(), hidden)).isEqualTo(200);
        assertThat(status(other.client(), hidden)).isEqualTo(403);
        assertThat(status(new ApiClient(port), hidden)).isEqualTo(403);
        assertThat(wall(other.client(), owner)).containsExactly("for all");
        assertThat(wall(new ApiClient(port), owner)).containsExactly("for all");
        assertThat(wall(owner.client(), owner)).containsExactly("for all", "for friends");

        befriend(owner, other);
        assertThat(status(other.client(), hidden)).isEqualTo(200);
        assertThat(wall(other.client(), owner)).containsExactly("for all", "for friends");

        unfriend(other, owner);
        assertThat(status(other.client(), hidden)).isEqualTo(403);
        assertThat(wall(other.client(), owner)).containsExactly("for all");
    }

    @Test
    void onlyOwnAndFriendsWallsTakePosts() {
        Member author = Members.register(port, "Author");
        Member stranger = Members.register(port, "Stranger");
        assertThat(post(author, stranger, "hi", null).status()).isEqualTo(403);
        assertThat(post(author, null, "", null).status()).isEqualTo(422);
        assertThat(post(author, null, "x".repeat(4097), null).status()).isEqualTo(422);
        assertThat(post(author, null, "x", "SECRET").status()).isEqualTo(422);
        assertThat(new ApiClient(port).post("/web/posts", Map.of("content", "anonymous")).status()).isEqualTo(401);
        befriend(author, stranger);
        assertThat(post(author, stranger, "hi friend", null).status()).isEqualTo(201);
        assertThat(author.client().post("/web/posts", Map.of("content", "snake", "wall_profile_id",
                stranger.id().toString())).status()).isEqualTo(201);
    }

    @Test
    void deletingIsForTheAuthorOrTheWallOwner() {
        Member owner = Members.register(port, "WallOwner");
        Member author = Members.register(port, "Guest");
        Member friend = Members.register(port, "Friend");
        befriend(owner, author);
        befriend(owner, friend);
        String own = created(owner, null, "mine", null);
        String guest = created(author, owner, "a guest's", null);

        assertThat(delete(friend, own).status()).as("a friend, not the author").isEqualTo(403);
        assertThat(delete(author, own).status()).isEqualTo(403);
        assertThat(delete(owner, guest).status()).as("the wall owner").isEqualTo(204);
        assertThat(status(owner.client(), guest)).isEqualTo(404);
        assertThat(delete(owner, guest).status()).isEqualTo(404);
        assertThat(delete(owner, own).status()).isEqualTo(204);
        assertThat(delete(owner, UUID.randomUUID().toString()).status()).isEqualTo(404);
        assertThat(wall(owner.client(), owner)).isEmpty();
    }

    @Test
    void aFriendsPostOnSomeoneElsesWallFollowsTheWallOwnersFriendships() {
        Member owner = Members.register(port, "Host");
        Member author = Members.register(port, "Writer");
        Member ownersFriend = Members.register(port, "HostsFriend");
        Member authorsFriend = Members.register(port, "WritersFriend");
        befriend(owner, author);
        befriend(owner, ownersFriend);
        befriend(author, authorsFriend);
        String post = created(author, owner, "on the host's wall", "FRIENDS");
        assertThat(status(ownersFriend.client(), post)).isEqualTo(200);
        assertThat(status(authorsFriend.client(), post)).isEqualTo(403);
        assertThat(authorsFriend.client().post("/web/posts/" + post + "/comments", Map.of("content", "hi"))
                .status()).isEqualTo(403);
    }

    @Test
    void commentsAreCreatedCountedAndListedNewestFirst() {
        Member owner = Members.register(port, "Commented");
        Member reader = Members.register(port, "Commenter");
        String post = created(owner, null, "talk to me", null);
        ApiClient.Response first = reader.client().post("/web/posts/" + post + "/comments", Map.of("content", "first"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().fieldNames()).toIterable().containsExactlyInAnyOrder("id", "content", "createdAt",
                "postId", "profileId", "username", "editedAt");
        assertThat(first.json().get("editedAt").isNull()).as("never edited").isTrue();
        assertThat(first.json().get("username").asText()).isEqualTo(reader.username());
        assertThat(new ApiClient(port).get("/web/posts/" + post + "/comments").json().get(0)).as("as listed")
                .isEqualTo(first.json());
        reader.client().post("/web/posts/" + post + "/comments", Map.of("content", "second"));
        assertThat(reader.client().post("/web/posts/" + post + "/comments", Map.of("content", "   ")).status())
                .isEqualTo(422);
        assertThat(reader.client().post("/web/posts/" + post + "/comments", Map.of("content", "x".repeat(1025)))
                .status()).isEqualTo(422);
        JsonNode comments = new ApiClient(port).get("/web/posts/" + post + "/comments").json();
        assertThat(comments.findValuesAsText("content")).containsExactly("second", "first");
        assertThat(new ApiClient(port).get("/web/posts/" + post).json().get("commentsCount").asInt()).isEqualTo(2);
        assertThat(new ApiClient(port).get("/web/posts/" + UUID.randomUUID() + "/comments").status()).isEqualTo(404);
    }

    @Test
    void likesAreIdempotentAndCounted() {
        Member owner = Members.register(port, "Liked");
        Member fan = Members.register(port, "Fan");
        String post = created(owner, null, "like me", null);
        for (int i = 0; i < 2; i++) {
            ApiClient.Response liked = fan.client().post("/web/posts/" + post + "/likes", "");
            assertThat(liked.status()).isEqualTo(200);
            assertThat(liked.json().get("likesCount").asInt()).isEqualTo(1);
            assertThat(liked.json().get("likedByMe").asBoolean()).isTrue();
        }
        owner.client().post("/web/posts/" + post + "/likes", "");
        assertThat(new ApiClient(port).get("/web/posts/" + post).json().get("likesCount").asInt()).isEqualTo(2);
        assertThat(owner.client().get("/web/posts/" + post).json().get("likedByMe").asBoolean()).isTrue();
        for (int i = 0; i < 2; i++) {
            ApiClient.Response unliked = fan.client().send("DELETE", "/web/posts/" + post + "/likes",
                    BodyPublishers.noBody(), Map.of());
            assertThat(unliked.json().get("likesCount").asInt()).isEqualTo(1);
            assertThat(unliked.json().get("likedByMe").asBoolean()).isFalse();
        }
        assertThat(new ApiClient(port).post("/web/posts/" + post + "/likes", "").status()).isEqualTo(401);
    }
}
