package org.bunnybook.web.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.ProjectionFixture;
import org.bunnybook.web.support.Socket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A member downloads everything about them, and nothing about anyone else that is not about them too. */
@BunnybookTest
class ExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    ProjectionFixture projections;

    @Test
    void aMembersExportHoldsEverythingOfTheirsFromProfileToReports() throws Exception {
        Member me = Members.register(port, "Exporter");
        Member friend = Members.register(port, "Pal");
        Member asking = Members.register(port, "Asker");
        Member asked = Members.register(port, "Asked");
        Friends.befriend(me, friend);
        Friends.request(asking, me);
        Friends.request(me, asked);
        String mine = Posts.write(me, me, "my own words", "FRIENDS");
        String onMyWall = Posts.write(friend, me, "hello on your wall", "PUBLIC");
        String theirs = Posts.write(friend, friend, "the pal's own post", "PUBLIC");
        assertThat(me.client().post("/web/posts/" + theirs + "/comments", Map.of("content", "nice one")).status())
                .isEqualTo(201);
        assertThat(me.client().post("/web/posts/" + theirs + "/likes", "").status()).isEqualTo(200);
        UUID chat = ChatGroupId.of(me.id(), friend.id());
        try (Socket mySocket = Socket.open(port, me.client().accessToken());
             Socket theirSocket = Socket.open(port, friend.client().accessToken())) {
            mySocket.send("/app/chat_message", "{\"to\":\"" + chat + "\",\"message\":\"sent by me\"}");
            theirSocket.await("chat_message", m -> m.get("content").asText().equals("sent by me"));
            theirSocket.send("/app/chat_message", "{\"to\":\"" + chat + "\",\"message\":\"sent to me\"}");
            mySocket.await("chat_message", m -> m.get("content").asText().equals("sent to me"));
        }
        Member pest = Members.register(port, "Pest");
        assertThat(me.client().send("PUT", "/web/profiles/" + me.id() + "/blocks/" + pest.id(),
                HttpRequest.BodyPublishers.noBody(), Map.of()).status()).isEqualTo(204);
        assertThat(me.client().post("/web/reports", Map.of("subjectType", "POST", "subjectId", theirs,
                "reason", "a report of mine")).status()).isEqualTo(201);
        // no request above waits for these
        projections.awaitCaughtUp(ReadModels.NOTIFICATIONS);
        projections.awaitCaughtUp(ReadModels.SESSIONS);

        var response = me.client().get("/web/me/export");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/zip");
        assertThat(response.header("Content-Disposition")).startsWith("attachment;").contains(".zip");
        Map<String, JsonNode> files = unzip(response.bytes());
        assertThat(files.keySet()).containsExactly("profile.json", "posts.json", "comments.json", "likes.json",
                "friends.json", "messages.json", "notifications.json", "sessions.json", "blocked.json",
                "reports.json", "friend_requests.json");
        JsonNode profile = files.get("profile.json");
        assertThat(profile.get("id").asText()).isEqualTo(me.id().toString());
        assertThat(profile.get("email").asText()).isEqualTo(me.email());
        assertThat(profile.toString()).doesNotContain("password", "$2a$");
        assertThat(texts(files.get("posts.json"), "id")).containsExactlyInAnyOrder(mine, onMyWall);
        assertThat(texts(files.get("comments.json"), "content")).containsExactly("nice one");
        assertThat(texts(files.get("likes.json"), "postId")).containsExactly(theirs);
        assertThat(texts(files.get("friends.json"), "username")).containsExactly(friend.username());
        assertThat(texts(files.get("messages.json"), "content")).containsExactlyInAnyOrder("sent by me", "sent to me");
        assertThat(texts(files.get("notifications.json"), "event"))
                .contains("NEW_FRIENDSHIP_REQUEST", "NEW_POST_ON_WALL");
        JsonNode session = files.get("sessions.json").get(0); // the registration's login: still going
        assertThat(files.get("sessions.json")).hasSize(1);
        assertThat(session.get("clientAddress").asText()).isEqualTo(me.client().clientAddress());
        assertThat(session.get("startedAt").asText()).isNotBlank();
        assertThat(session.get("endedAt").isNull()).isTrue();
        assertThat(texts(files.get("blocked.json"), "username")).containsExactly(pest.username());
        JsonNode report = files.get("reports.json").get(0);
        assertThat(files.get("reports.json")).hasSize(1);
        assertThat(report.get("reason").asText()).isEqualTo("a report of mine");
        assertThat(report.get("subjectId").asText()).isEqualTo(theirs);
        assertThat(report.get("status").asText()).isEqualTo("OPEN");
        assertThat(texts(files.get("friend_requests.json").get("incoming"), "username"))
                .containsExactly(asking.username());
        assertThat(texts(files.get("friend_requests.json").get("outgoing"), "username"))
                .containsExactly(asked.username());
    }

    @Test
    void anotherMembersExportSaysNothingOfMineButWhatWeShare() throws Exception {
        Member me = Members.register(port, "Private");
        Member other = Members.register(port, "Nosy");
        Posts.write(me, me, "only mine", "PUBLIC");

        Map<String, JsonNode> theirs = unzip(other.client().get("/web/me/export").bytes());

        assertThat(theirs.get("profile.json").get("id").asText()).isEqualTo(other.id().toString());
        assertThat(theirs.values().toString()).doesNotContain(me.username(), "only mine");
        assertThat(new ApiClient(port).get("/web/me/export").status()).isEqualTo(401);
    }

    private static List<String> texts(JsonNode array, String field) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(item -> item.get(field).asText()).toList();
    }

    private static Map<String, JsonNode> unzip(byte[] zip) throws IOException {
        Map<String, JsonNode> files = new LinkedHashMap<>();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                files.put(entry.getName(), JSON.readTree(entries.readAllBytes()));
            }
        }
        return files;
    }
}
