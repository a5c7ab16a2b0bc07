package org.bunnybook.web.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.web.support.Members.Member;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        List<String> contents = new ArrayList<>();
        String cursor = "";
        while (true) {
            var response = member.client().get(firstPage + cursor);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            JsonNode page = response.json();
            page.forEach(post -> contents.add(post.get("content").asText()));
            if (page.size() < limit) {
                return contents;
            }
            JsonNode last = page.get(page.size() - 1);
            cursor = "&older_than=" + URLEncoder.encode(last.get("createdAt").asText(), StandardCharsets.UTF_8)
                    + "&older_than_id=" + last.get("id").asText();
        }
    }
}
