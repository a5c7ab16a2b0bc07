package org.bunnybook.web.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.Socket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bunnybook.web.support.ChatFrames.chatMessage;
import static org.bunnybook.web.support.Friends.befriend;

/** A socket killed mid-conversation comes back with every message and notification it missed, in order, once. */
@BunnybookTest
class ResumeTest {

    @LocalServerPort
    int port;

    @Test
    void aDroppedSocketResumesFromTheLastPushItSawWithNothingLostNorRepeated() throws Exception {
        Member me = Members.register(port, "Resumer");
        Member friend = Members.register(port, "Resumer");
        UUID chat = ChatGroupId.of(me.id(), friend.id());
        try (Socket mine = Socket.open(port, me.client().accessToken())) {
            Socket theirs = Socket.open(port, friend.client().accessToken());
            befriend(me, friend);
            theirs.await("add_friend", added -> true);
            // the client's own memory: ids it has shown, and the createdAt of the newest push it saw
            Set<String> shown = new LinkedHashSet<>();
            String lastSeen = null;
            for (int i = 0; i < 3; i++) {
                mine.send("/app/chat_message", chatMessage(chat, "before " + i, "b-" + i));
                JsonNode seen = theirs.await("chat_message", m -> m.get("content").asText().startsWith("before"));
                shown.add(seen.get("id").asText());
                lastSeen = seen.get("createdAt").asText();
            }

            theirs.drop(); // killed mid-conversation: no DISCONNECT
            List<String> missed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                mine.send("/app/chat_message", chatMessage(chat, "while away " + i, "w-" + i));
                missed.add(mine.await("chat_message", m -> m.get("content").asText().startsWith("while away"))
                        .get("id").asText());
            }
            String post = Posts.write(me, friend, "written on your wall while you were away", "PUBLIC");

            try (Socket back = Socket.open(port, friend.client().accessToken())) {
                back.send("/app/resume", "{\"since\":\"" + lastSeen + "\"}");
                mine.send("/app/chat_message", chatMessage(chat, "live again", "l-1")); // during the resume
                List<JsonNode> answered = new ArrayList<>();
                JsonNode notification = null;
                while (true) {
                    JsonNode event = back.awaitEvent("the resume", e -> List.of("chat_message",
                            "new_unread_notification", "resumed").contains(e.path("event").asText()));
                    String name = event.path("event").asText();
                    if (name.equals("resumed")) {
                        assertThat(event.at("/data/complete").asBoolean()).isTrue();
                        break;
                    }
                    if (name.equals("chat_message")) {
                        answered.add(event.path("data"));
                    } else if (event.at("/data/data/payload/postId").asText().equals(post)) {
                        notification = event.path("data");
                    }
                }
                if (notification == null) { // not stored yet when the answer was read: then it comes live
                    notification = back.await("new_unread_notification",
                            n -> n.at("/data/payload/postId").asText().equals(post));
                }
                assertThat(notification.get("read").asBoolean()).isFalse();
                // live pushes and the answer may both carry the message sent during the resume, in either order:
                // the client keeps the first of each id; what it had not shown yet is exactly what it missed, in
                // order, and the message sent meanwhile
                List<String> received = answered.stream().map(m -> m.get("id").asText()).distinct().toList();
                String why = "answered " + answered.stream().map(m -> m.get("content").asText() + "=" + m.get("id")
                        .asText()).toList() + ", shown " + shown;
                String liveAgain = answered.stream().filter(m -> m.get("content").asText().equals("live again"))
                        .map(m -> m.get("id").asText()).findFirst()
                        .orElseGet(() -> back.await("chat_message", m -> m.get("content").asText()
                                .equals("live again")).get("id").asText());
                assertThat(received.stream().filter(id -> !shown.contains(id) && !id.equals(liveAgain)).toList())
                        .as(why).containsExactlyElementsOf(missed);
            }
        }
    }

    @Test
    void aResumeWithoutAnInstantIsRefusedAndTheSocketStaysOpen() {
        Member me = Members.register(port, "Resumer");
        try (Socket mine = Socket.open(port, me.client().accessToken())) {
            mine.send("/app/resume", "{\"since\":\"yesterday\"}");
            assertThat(mine.await("error", error -> true).get("message").asText()).contains("since");
            assertThat(mine.isConnected()).isTrue();
        }
    }

    @Test
    void aSessionResumingAgainAtOnceIsToldToWait() {
        Member me = Members.register(port, "Eager");
        try (Socket mine = Socket.open(port, me.client().accessToken())) {
            String since = java.time.Instant.now().toString();
            mine.send("/app/resume", "{\"since\":\"" + since + "\"}");
            mine.await("resumed", resumed -> true);
            mine.send("/app/resume", "{\"since\":\"" + since + "\"}");
            JsonNode refused = mine.await("error", error -> error.has("retryAfterMillis"));
            assertThat(refused.get("message").asText()).contains("at most once every");
            assertThat(refused.get("retryAfterMillis").asLong()).isBetween(1L, 2_000L);
            assertThat(mine.isConnected()).isTrue();
        }
    }
}
