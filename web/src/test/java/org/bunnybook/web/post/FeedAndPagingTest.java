package org.bunnybook.web.post;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bunnybook.web.support.Friends.befriend;
import static org.bunnybook.web.support.Friends.unfriend;

@BunnybookTest
class FeedAndPagingTest {

    @LocalServerPort
    int port;

    private List<String> feed(Member member) {
        List<String> contents = new ArrayList<>();
        JsonNode page = member.client().get("/web/feed?limit=20").json();
        page.forEach(post -> contents.add(post.get("content").asText()));
        return contents;
    }

    @Test
    void thirtyPostsOfOneMillisecondArePagedTenAtATimeWithNoneLostOrRepeated() {
        Member owner = Members.register(port, "Burst");
        Clock real = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00.123Z"), ZoneOffset.UTC);
        List<String> created = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                created.add(Posts.write(owner, owner, "burst " + i, "PUBLIC"));
            }
        } finally {
            GenericEventMessage.clock = real;
        }
        List<String> seen = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 3; page++) {
            JsonNode posts = owner.client().get("/web/posts?wall_profile_id=" + owner.id() + "&limit=10" + cursor)
                    .json();
            assertThat(posts).hasSize(10);
            posts.forEach(post -> {
                assertThat(post.get("createdAt").asText()).isEqualTo("2026-11-25T12:00:00.123Z");
                seen.add(post.get("id").asText());
            });
            JsonNode last = posts.get(9);
            cursor = "&older_than=" + URLEncoder.encode(last.get("createdAt").asText(), StandardCharsets.UTF_8)
                    + "&older_than_id=" + last.get("id").asText();
        }
        assertThat(owner.client().get("/web/posts?wall_profile_id=" + owner.id() + "&limit=10" + cursor).json())
                .isEmpty();
        assertThat(new HashSet<>(seen)).hasSize(30).containsExactlyInAnyOrderElementsOf(created);

        // the feed pages them alike, from the Redis timeline while it holds them and from PostgreSQL below that
        List<String> feed = Posts.wholeFeed(owner, 10);
        assertThat(feed).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void theFeedHoldsOwnAndFriendsWallsAndFollowsEveryChange() {
        Member me = Members.register(port, "Reader");
        Member friend = Members.register(port, "Pal");
        Member stranger = Members.register(port, "Far");
        befriend(me, friend);
        Posts.write(me, me, "my own", "FRIENDS");
        Posts.write(friend, friend, "pal public", "PUBLIC");
        Posts.write(friend, friend, "pal friends only", "FRIENDS");
        Posts.write(friend, me, "pal on my wall", "PUBLIC");
        Posts.write(stranger, stranger, "far away", "PUBLIC");
        assertThat(feed(me)).containsExactly("pal on my wall", "pal friends only", "pal public", "my own");

        befriend(me, stranger);
        assertThat(feed(me)).as("a new friend's earlier posts join the feed")
                .containsExactly("far away", "pal on my wall", "pal friends only", "pal public", "my own");

        unfriend(me, friend);
        assertThat(feed(me)).as("posts on a former friend's wall leave it")
                .containsExactly("far away", "pal on my wall", "my own");

        String mine = me.client().get("/web/posts?wall_profile_id=" + me.id()).json().get(1).get("id").asText();
        Posts.delete(me, mine);
        assertThat(feed(me)).containsExactly("far away", "pal on my wall");
        assertThat(new ApiClient(port).get("/web/feed").status()).isEqualTo(401);
        assertThat(me.client().get("/web/feed?limit=21").status()).isEqualTo(422);
        assertThat(me.client().get("/web/feed?older_than=yesterday").status()).isEqualTo(422);
        // cursors beyond PostgreSQL's years are the same as its bounds, not errors
        assertThat(me.client().get("/web/feed?older_than=%2B300000-01-01T00:00:00Z").json()).hasSize(2);
        assertThat(me.client().get("/web/feed?older_than=-010000-01-01T00:00:00Z").json()).isEmpty();
        assertThat(me.client().get("/web/profiles/" + me.id() + "/notifications?older_than=%2B300000-01-01T00:00:00Z")
                .status()).isEqualTo(200);
        // a NUL character could be stored as an event but never projected: refused up front
        assertThat(me.client().post("/web/posts", java.util.Map.of("content", "nul\u0000here")).status())
                .isEqualTo(422);
    }

    @Test
    void badPageParametersAreRefusedNamingEachOne() {
        Member me = Members.register(port, "Pager");

        assertThat(me.client().get("/web/feed?limit=21").json().toString()).isEqualTo("""
                {"detail":[{"loc":["query","limit"],"msg":"must be at most 20","type":"value_error"}]}""");
        assertThat(me.client().get("/web/posts?wall_profile_id=" + me.id() + "&limit=0").json().toString())
                .isEqualTo("""
                        {"detail":[{"loc":["query","limit"],"msg":"must be at least 1","type":"value_error"}]}""");
        assertThat(me.client().get("/web/feed?limit=ten").json().toString()).isEqualTo("""
                {"detail":[{"loc":["query","limit"],"msg":"not a valid Integer","type":"type_error"}]}""");
        // every value that does not convert, in order, then the limit's range
        ApiClient.Response all = me.client().get("/web/profiles/" + me.id()
                + "/notifications?older_than=yesterday&older_than_id=nope&limit=0");
        assertThat(all.status()).isEqualTo(422);
        assertThat(all.json().toString()).isEqualTo("""
                {"detail":[{"loc":["query","older_than"],"msg":"not a valid Instant","type":"type_error"},\
                {"loc":["query","older_than_id"],"msg":"not a valid UUID","type":"type_error"},\
                {"loc":["query","limit"],"msg":"must be at least 1","type":"value_error"}]}""");
        assertThat(me.client().get("/web/feed?limit=20&older_than=2026-11-26T08:30:00.456%2B01:00").status())
                .as("an offset is an instant too").isEqualTo(200);
    }
}
