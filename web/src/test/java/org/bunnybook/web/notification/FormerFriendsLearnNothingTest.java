package org.bunnybook.web.notification;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.api.ReadModels;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.ProjectionFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bunnybook.web.support.Friends.befriend;

/**
 * Notifications follow the posts' visibility: once unfriended from a friends-only post's wall, a member who wrote it
 * or commented on it hears nothing more of it (no comment previews, no likes), while everyone who may still see it
 * does, and a public post keeps telling everyone who took part.
 */
@BunnybookTest
class FormerFriendsLearnNothingTest {

    @LocalServerPort
    int port;

    @Autowired
    ProjectionFixture projections;

    @Test
    void aFormerFriendHearsNothingMoreOfAFriendsOnlyPost() {
        Member owner = Members.register(port, "Warren");
        Member former = Members.register(port, "Former");
        Member friend = Members.register(port, "Staying");
        befriend(owner, former);
        befriend(owner, friend);
        String ownersPost = Posts.write(owner, owner, "friends only, by the owner", "FRIENDS");
        String formersPost = Posts.write(former, owner, "friends only, by the former friend", "FRIENDS");
        String publicPost = Posts.write(owner, owner, "for everyone", "PUBLIC");
        for (String post : List.of(ownersPost, publicPost)) {
            assertThat(comment(former, post, "first!")).isEqualTo(201);
        }

        assertThat(Friends.unfriend(owner, former).status()).isEqualTo(204);
        assertThat(comment(friend, ownersPost, "secret for friends")).isEqualTo(201);
        assertThat(comment(friend, formersPost, "about your post")).isEqualTo(201);
        assertThat(friend.client().send("POST", "/web/posts/" + formersPost + "/likes",
                BodyPublishers.noBody(), Map.of()).status()).isEqualTo(200);
        assertThat(comment(friend, publicPost, "said in public")).isEqualTo(201);
        projections.awaitCaughtUp(ReadModels.NOTIFICATIONS);

        assertThat(previews(former)).as("only what the former friend may still see")
                .containsExactly("said in public");
        assertThat(count(former, "NEW_LIKE")).isZero();
        assertThat(previews(owner)).contains("secret for friends", "about your post", "said in public");
    }

    private int comment(Member member, String post, String content) {
        return member.client().post("/web/posts/" + post + "/comments", Map.of("content", content)).status();
    }

    private static List<JsonNode> notifications(Member member) {
        JsonNode page = member.client().get("/web/profiles/" + member.id() + "/notifications?limit=20").json();
        return StreamSupport.stream(page.spliterator(), false).toList();
    }

    private static List<String> previews(Member member) {
        return notifications(member).stream()
                .filter(n -> n.at("/data/event").asText().equals("NEW_COMMENT_ON_POST"))
                .map(n -> n.at("/data/payload/commentPreview").asText())
                .toList();
    }

    private static long count(Member member, String event) {
        return notifications(member).stream().filter(n -> n.at("/data/event").asText().equals(event)).count();
    }
}
