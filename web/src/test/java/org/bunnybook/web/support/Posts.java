package org.bunnybook.web.support;

import org.bunnybook.web.support.Members.Member;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Writing posts and reading feeds through the HTTP API, for tests. */
public final class Posts {

    private Posts() {
    }

    /** Writes a post and answers its id. */
    public static String write(Member author, Member wall, String content, String privacy) {
        var response = author.client().post("/web/posts", Map.of("content", content,
                "wallProfileId", wall.id().toString(), "privacy", privacy));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    /** Comments on a post and answers the comment's id. */
    public static String comment(Member author, String postId, String content) {
        var response = author.client().post("/web/posts/" + postId + "/comments", Map.of("content", content));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    public static void delete(Member member, String postId) {
        assertThat(member.client().send("DELETE", "/web/posts/" + postId, BodyPublishers.noBody(), Map.of())
                .status()).isEqualTo(204);
    }

    /** The member's whole feed, page after page of {@code limit}, as the contents of its posts. */
    public static List<String> wholeFeed(Member member, int limit) {
        return whole(member, "/web/feed?limit=" + limit, limit);
    }

    /** A whole wall as {@code reader} sees it, page after page of 20, as the contents of its posts. */
    public static List<String> wholeWall(Member reader, Member wall) {
        return whole(reader, "/web/posts?limit=20&wall_profile_id=" + wall.id(), 20);
    }

    private static List<String> whole(Member member, String firstPage, int limit) {
        return NewestFirst.all(member.client(), firstPage, limit, "id").stream()
                .map(post -> post.get("content").asText()).toList();
    }
}
