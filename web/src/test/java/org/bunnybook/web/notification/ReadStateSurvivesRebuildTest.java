package org.bunnybook.web.notification;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.api.ReadModels;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a member marked read or visited is history, not bookkeeping of the read model: rebuilding the notifications
 * read model from the events gives every notification back with the flags its member had set.
 */
@BunnybookTest
class ReadStateSurvivesRebuildTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void markedNotificationsKeepTheirFlagsThroughARebuild() {
        Member reader = Members.register(port, "Marker");
        Member writer = Members.register(port, "Nudger");
        Friends.befriend(writer, reader); // a friend request and its acceptance
        String post = Posts.write(writer, reader, "on your wall", "PUBLIC");
        assertThat(writer.client().post("/web/posts/" + post + "/likes", "").status()).isEqualTo(200);
        String notifications = "/web/profiles/" + reader.id() + "/notifications";
        // the friend request, the post on the wall (a like of one's own post only); notifications are projected a
        // moment after a post is answered, which waits for the walls and the feed only
        List<JsonNode> before = await().atMost(Duration.ofSeconds(10))
                .until(() -> list(reader, notifications), listed -> listed.size() >= 2);
        assertThat(before).hasSize(2);

        // everything read, then one marked unread again and visited: the order the member did it in counts
        assertThat(reader.client().post(notifications + "/read", "").json().get("marked").asInt()).isEqualTo(2);
        String wallPost = before.get(0).get("id").asText();
        JsonNode marked = mark(reader, notifications + "?read=false&visited=true", wallPost);
        assertThat(marked.get(0).get("read").asBoolean()).isFalse();
        assertThat(marked.get(0).get("visited").asBoolean()).isTrue();
        // and something new after it all, unread
        Posts.write(writer, reader, "another one", "PUBLIC");
        List<JsonNode> marks = await().atMost(Duration.ofSeconds(10))
                .until(() -> list(reader, notifications), listed -> listed.size() >= 3);
        assertThat(marks).extracting(n -> n.get("read").asBoolean()).containsExactly(false, false, true);
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%NotificationsMarked'"
                + " OR payload_type LIKE '%AllNotificationsRead'").query(Long.class).single())
                .as("marks are events").isGreaterThanOrEqualTo(2);

        rebuildNotifications();

        assertThat(list(reader, notifications)).isEqualTo(marks);
        assertThat(reader.client().get("/web/profiles/" + reader.id() + "/notifications").json()).hasSize(3);
    }

    @Test
    void aMemberMarksOnlyTheirOwnNotifications() {
        Member owner = Members.register(port, "Owner");
        Member other = Members.register(port, "Other");
        Friends.request(other, owner);
        String notifications = "/web/profiles/" + owner.id() + "/notifications";
        // a request waits for the friendships, not for the notification it makes: that follows a moment later
        String id = await().atMost(Duration.ofSeconds(10))
                .until(() -> list(owner, notifications), listed -> !listed.isEmpty()).get(0).get("id").asText();

        // through the other's own inbox: their answer holds nothing, and the owner's notification is untouched
        assertThat(mark(other, "/web/profiles/" + other.id() + "/notifications?read=true", id)).isEmpty();
        assertThat(list(owner, notifications).get(0).get("read").asBoolean()).isFalse();
        // through the owner's: refused
        var refused = other.client().send("PATCH", notifications + "?read=true",
                HttpRequest.BodyPublishers.ofString("[\"" + id + "\"]"), Map.of("Content-Type", "application/json"));
        assertThat(refused.status()).isEqualTo(403);
    }

    private void rebuildNotifications() {
        ApiClient admin = Staff.admin(port);
        var requested = admin.post("/web/admin/projections/" + ReadModels.NOTIFICATIONS + "/rebuild", "");
        assertThat(requested.status()).as(requested.text()).isEqualTo(202);
        long rebuild = requested.json().get("id").asLong();
        await("rebuild of notifications finishing").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> admin.get("/web/admin/projections/" + ReadModels.NOTIFICATIONS).json().get("rebuild"),
                        current -> current.get("id").asLong() == rebuild
                                && current.get("state").asText().equals("FINISHED"));
    }

    private static JsonNode mark(Member member, String path, String id) {
        var response = member.client().send("PATCH", path, HttpRequest.BodyPublishers.ofString("[\"" + id + "\"]"),
                Map.of("Content-Type", "application/json"));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private static List<JsonNode> list(Member member, String notifications) {
        List<JsonNode> listed = new ArrayList<>();
        member.client().get(notifications + "?limit=20").json().forEach(listed::add);
        return listed;
    }
}
