package org.bunnybook.web.realtime;

import org.bunnybook.web.support.Pacing;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.api.chat.NotInConversation;
import org.bunnybook.api.chat.PostMessage;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.NewestFirst;
import org.bunnybook.web.support.RawStomp;
import org.bunnybook.web.support.Socket;
import org.bunnybook.web.support.UnhurriedLifecycle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.bunnybook.web.support.ChatFrames.chatMessage;
import static org.bunnybook.web.support.Friends.befriend;
import static org.bunnybook.web.support.Friends.unfriend;

/** Two friends chatting over real sockets: delivery both ways, every tab, history, unread state, typing. */
@BunnybookTest
class ChatTest {

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcClient jdbc;

    private static JsonNode awaitMessage(Socket socket, String content) {
        return socket.await("chat_message", message -> message.get("content").asText().equals(content));
    }

    @Test
    void aMemberFindsTheConversationWithEachFriendInTheirOwnFriendListOnly() {
        Member me = Members.register(port, "Lister");
        Member friend = Members.register(port, "Lister");
        Member someoneElse = Members.register(port, "Lister");
        befriend(me, friend);

        JsonNode mine = me.client().get("/web/profiles/" + me.id() + "/friends").json();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("id").asText()).isEqualTo(friend.id().toString());
        assertThat(mine.get(0).get("chatGroupId").asText())
                .isEqualTo(ChatGroupId.of(me.id(), friend.id()).toString());
        assertThat(me.client().get("/web/chat/" + mine.get(0).get("chatGroupId").asText() + "/messages").status())
                .isEqualTo(200);

        // anyone else, and nobody at all, sees the Bunnybook shape
        JsonNode seenByOthers = someoneElse.client().get("/web/profiles/" + me.id() + "/friends").json();
        assertThat(seenByOthers.get(0).has("chatGroupId")).isFalse();
        JsonNode anonymous = new ApiClient(port).get("/web/profiles/" + me.id() + "/friends").json();
        assertThat(anonymous.get(0).has("chatGroupId")).isFalse();
        assertThat(anonymous.get(0).get("username").asText()).isEqualTo(friend.username());
    }

    @Test
    void theConversationIsOpenWhenAcceptingAnswersAndClosedWhenUnfriendingDoesEvenWhileItsProcessLags() {
        // the conversation lifecycle takes 1.5 s over these members' friendships, as on a busy node
        Member me = Members.register(port, UnhurriedLifecycle.PREFIX);
        Member friend = Members.register(port, UnhurriedLifecycle.PREFIX);
        UUID chat = ChatGroupId.of(me.id(), friend.id());
        try (Socket mine = Socket.open(port, me.client().accessToken())) {
            befriend(me, friend);
            ApiClient.Response history = friend.client().get("/web/chat/" + chat + "/messages");
            assertThat(history.status()).as(history.text()).isEqualTo(200);
            assertThat(history.json()).isEmpty();
            mine.send("/app/chat_message", chatMessage(chat, "right away", "now"));
            assertThat(awaitMessage(mine, "right away").get("clientMessageId").asText()).isEqualTo("now");

            assertThat(unfriend(friend, me).status()).isEqualTo(204);
            mine.send("/app/chat_message", chatMessage(chat, "and now?", "after"));
            assertThat(mine.await("error", error -> true).get("message").asText()).contains("active");
        }
    }

    @Test
    void friendsChatBothWaysOnEveryTabWithHistoryUnreadStateAndTyping() {
        Member me = Members.register(port, "Chatty");
        Member friend = Members.register(port, "Chatty");
        Member stranger = Members.register(port, "Chatty");
        UUID chat = ChatGroupId.of(me.id(), friend.id());
        try (Socket myTab = Socket.open(port, me.client().accessToken());
             Socket mySecondTab = Socket.open(port, me.client().accessToken());
             Socket theirs = Socket.open(port, friend.client().accessToken());
             Socket strangers = Socket.open(port, stranger.client().accessToken())) {
            befriend(me, friend);
            // accepting opened the conversation (through the conversation lifecycle process)
            assertThat(myTab.await("add_friend", added -> added.get("chatGroupId").asText().equals(chat.toString()))
                    .get("profileId").asText()).isEqualTo(friend.id().toString());

            myTab.send("/app/chat_message", chatMessage(chat, "hello bunny", "c-1"));
            JsonNode ack = awaitMessage(myTab, "hello bunny");
            assertThat(ack.get("clientMessageId").asText()).isEqualTo("c-1");
            assertThat(ack.get("fromProfileId").asText()).isEqualTo(me.id().toString());
            assertThat(awaitMessage(mySecondTab, "hello bunny").get("id")).isEqualTo(ack.get("id"));
            JsonNode received = awaitMessage(theirs, "hello bunny");
            theirs.await("unread_conversations_ids", ids -> ids.size() == 1 && ids.get(0).asText()
                    .equals(chat.toString()));

            theirs.send("/app/is_typing", "{\"chatGroupId\":\"" + chat + "\"}");
            assertThat(myTab.await("is_typing", typing -> true).get("profileId").asText())
                    .isEqualTo(friend.id().toString());
            theirs.forgetSeen(); // its greeting said "nothing unread" too
            theirs.send("/app/chat_message", chatMessage(chat, "hi back", "c-2"));
            awaitMessage(myTab, "hi back");
            // sending marked it read for them; reading it clears it for me
            theirs.await("unread_conversations_ids", JsonNode::isEmpty);
            myTab.await("unread_conversations_ids", ids -> ids.size() == 1);
            JsonNode conversations = me.client().get("/web/profiles/" + me.id() + "/conversations").json();
            assertThat(conversations).hasSize(1);
            assertThat(conversations.get(0).get("content").asText()).isEqualTo("hi back");
            assertThat(conversations.get(0).get("chatGroupName").asText()).isEqualTo(friend.username());
            assertThat(conversations.get(0).get("readAt").isNull()).isTrue();
            String last = awaitMessage(mySecondTab, "hi back").get("id").asText();
            myTab.forgetSeen();
            myTab.send("/app/mark_chat_as_read", "{\"chatGroupId\":\"" + chat + "\",\"chatMessageId\":\"" + last
                    + "\"}");
            myTab.await("unread_conversations_ids", JsonNode::isEmpty);
            assertThat(me.client().get("/web/profiles/" + me.id() + "/conversations").json().get(0)
                    .get("readAt").isNull()).isFalse();

            // the stranger saw none of it, may not read it, and may not write or type into it
            strangers.send("/app/chat_message", chatMessage(chat, "let me in", "c-3"));
            strangers.await("error", error -> true);
            strangers.send("/app/is_typing", "{\"chatGroupId\":\"" + chat + "\"}");
            strangers.await("error", error -> true);
            myTab.send("/app/chat_message", chatMessage(chat, " ".repeat(3), "c-4"));
            myTab.await("error", error -> true);
            assertThat(stranger.client().get("/web/chat/" + chat + "/messages").status()).isEqualTo(403);
            assertThat(stranger.client().get("/web/profiles/" + me.id() + "/conversations").status()).isEqualTo(403);
            assertThat(new ApiClient(port).get("/web/chat/" + chat + "/messages").status()).isEqualTo(401);
            assertThat(strangers.isConnected()).isTrue();
            // typing went to the partner only: not to the stranger, nor back to the typist
            assertThat(strangers.hasReceived("is_typing")).isFalse();
            assertThat(theirs.hasReceived("is_typing")).isFalse();
            assertThat(received.get("content").asText()).isEqualTo("hello bunny");
        }
    }

    @Test
    void historyPagesWithoutGapsAndUnfriendingClosesTheConversationButKeepsIt() {
        Member me = Members.register(port, "History");
        Member friend = Members.register(port, "History");
        UUID chat = ChatGroupId.of(me.id(), friend.id());
        try (Socket mine = Socket.open(port, me.client().accessToken())) {
            befriend(me, friend);
            mine.await("add_friend", added -> true);
            for (int i = 0; i < 25; i++) {
                mine.send("/app/chat_message", chatMessage(chat, "message " + i, "m-" + i));
                Pacing.letPass(Duration.ofMillis(60)); // within the test profile's 20 frames a second
            }
            for (int i = 0; i < 25; i++) {
                awaitMessage(mine, "message " + i);
            }
            List<JsonNode> history = NewestFirst.all(friend.client(), "/web/chat/" + chat + "/messages?limit=10", 10,
                    "id");
            List<String> pages = history.stream().map(message -> message.get("content").asText()).toList();
            List<String> times = history.stream().map(message -> message.get("createdAt").asText()).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                expected.add("message " + i);
            }
            // frames of one session may be handled by different threads: the order stored is the order shown
            assertThat(pages).hasSize(25).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());

            assertThat(unfriend(me, friend).status()).isEqualTo(204);
            mine.await("remove_friend", removed -> true);
            mine.send("/app/chat_message", chatMessage(chat, "still there?", "late"));
            mine.await("error", error -> true);
            mine.send("/app/is_typing", "{\"chatGroupId\":\"" + chat + "\"}");
            mine.await("error", error -> error.get("message").asText().contains("active"));
            assertThat(me.client().get("/web/profiles/" + me.id() + "/conversations").json()).isEmpty();
            assertThat(me.client().get("/web/chat/" + chat + "/messages?limit=1").json().get(0).get("content")
                    .asText()).isEqualTo("message 24");

            befriend(friend, me);
            mine.await("add_friend", added -> true);
            mine.send("/app/chat_message", chatMessage(chat, "welcome back", "again"));
            awaitMessage(mine, "welcome back");
        }
    }

    @Test
    void conversationsWhoseLatestMessagesShareAMillisecondArePagedWithNoneLostOrRepeated() {
        Member me = Members.register(port, "Crowded");
        List<Member> friends = new ArrayList<>();
        List<String> chats = new ArrayList<>();
        try (Socket mine = Socket.open(port, me.client().accessToken())) {
            for (int i = 0; i < 5; i++) {
                Member friend = Members.register(port, "Crowded");
                befriend(me, friend);
                String chat = ChatGroupId.of(me.id(), friend.id()).toString();
                mine.await("add_friend", added -> added.get("chatGroupId").asText().equals(chat));
                friends.add(friend);
                chats.add(chat);
            }
        }
        List<String> latest = new ArrayList<>();
        Clock real = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(Instant.parse("2026-11-26T08:30:00.456Z"), ZoneOffset.UTC);
        try { // straight to the command bus: the socket rate-limits
            for (Member friend : friends) {
                UUID message = UUID.randomUUID();
                commands.sendAndWait(new PostMessage(ChatGroupId.of(me.id(), friend.id()), message, friend.id(),
                        friend.username(), "all at once", null));
                latest.add(message.toString());
            }
        } finally {
            GenericEventMessage.clock = real;
        }

        String conversations = "/web/profiles/" + me.id() + "/conversations?limit=2";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                NewestFirst.all(me.client(), conversations, 2, "messageId").stream()
                        .map(conversation -> conversation.get("messageId").asText()))
                .containsExactlyInAnyOrderElementsOf(latest));
        List<JsonNode> listed = NewestFirst.all(me.client(), conversations, 2, "messageId"); // pages of 2, 2 and 1
        assertThat(listed).allSatisfy(conversation ->
                assertThat(conversation.get("createdAt").asText()).isEqualTo("2026-11-26T08:30:00.456Z"));
        List<String> seenChats = listed.stream().map(conversation -> conversation.get("chatGroupId").asText()).toList();
        List<String> seenMessages = listed.stream().map(conversation -> conversation.get("messageId").asText())
                .toList();
        assertThat(seenChats).hasSize(5).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(chats);
        assertThat(seenMessages).containsExactlyInAnyOrderElementsOf(latest);

        // older_than alone keeps its contract: strictly older, so the rest of that millisecond is not listed
        String sameMillisecond = "&older_than=" + URLEncoder.encode("2026-11-26T08:30:00.456Z", StandardCharsets.UTF_8);
        assertThat(me.client().get(conversations + sameMillisecond).json()).isEmpty();
        assertThat(me.client().get(conversations + sameMillisecond + "&older_than_id=not-an-id").status())
                .isEqualTo(422);
    }

    /** Loading a conversation replays at most a snapshot and 99 events, however many messages it holds. */
    @Test
    void aFloodedSessionHearsOfEveryChatMessageEitherStoredOrRefusedWithItsClientMessageId() {
        Member me = Members.register(port, "Flooder");
        Member friend = Members.register(port, "Flooder");
        UUID chat = ChatGroupId.of(me.id(), friend.id());
        try (Socket mine = Socket.open(port, me.client().accessToken());
             Socket theirs = Socket.open(port, friend.client().accessToken())) {
            befriend(me, friend);
            mine.await("add_friend", added -> true);
            theirs.await("add_friend", added -> true);
            Pacing.letPass(Duration.ofMillis(1100)); // a fresh second of the budget (20 frames)
            int sent = 60;
            for (int i = 0; i < sent; i++) {
                mine.send("/app/chat_message", chatMessage(chat, "flood " + i, "f-" + i));
            }
            List<String> acknowledged = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (int i = 0; i < sent; i++) {
                String id = "f-" + i;
                JsonNode answer = mine.awaitEvent("an answer to " + id, event ->
                        List.of("chat_message", "error").contains(event.path("event").asText())
                                && event.path("data").path("clientMessageId").asText().equals(id));
                if (answer.path("event").asText().equals("chat_message")) {
                    acknowledged.add(id);
                } else {
                    assertThat(answer.path("data").path("message").asText()).contains("too many frames");
                    assertThat(answer.path("data").path("retryAfterMillis").asLong()).isBetween(1L, 1000L);
                    refused.add(id);
                }
            }
            // the budget let some through and refused the rest, each by name; none was both, none neither
            assertThat(acknowledged).isNotEmpty().hasSizeLessThanOrEqualTo(40);
            assertThat(refused).isNotEmpty();
            assertThat(acknowledged.size() + refused.size()).isEqualTo(sent);
            // and the partner got every stored one, once, in the conversation's order (frames sent all at once may
            // be handled side by side, so that need not be the order they were sent in)
            List<String> received = new ArrayList<>();
            List<Long> order = new ArrayList<>();
            for (int i = 0; i < acknowledged.size(); i++) {
                JsonNode message = theirs.await("chat_message", m -> m.get("content").asText().startsWith("flood "));
                received.add(message.get("clientMessageId").asText());
                order.add(message.get("seq").asLong());
            }
            assertThat(received).containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(order).isSorted();
            assertThat(mine.isConnected()).isTrue();

            // waiting as told, a refused message goes through
            Pacing.letPass(Duration.ofMillis(1100));
            mine.send("/app/chat_message", chatMessage(chat, "again", refused.get(0)));
            assertThat(awaitMessage(theirs, "again").get("clientMessageId").asText()).isEqualTo(refused.get(0));
        }
    }

    @Test
    void aMessageAtItsLimitIsStoredEvenWithEveryCharacterEscapedAndALargerFrameIsRefusedInWords() throws Exception {
        Member me = Members.register(port, "Escaper");
        Member friend = Members.register(port, "Escaper");
        befriend(me, friend);
        UUID chat = ChatGroupId.of(me.id(), friend.id());
        // 2,048 carrots are 4,096 characters (each a surrogate pair), each pair escaped as twelve: a 24,000-character
        // frame, three times what the servlet container took by default before it closed the socket with 1009
        String carrots = "\uD83E\uDD55".repeat(2048);
        ObjectMapper json = new ObjectMapper();
        String escaped = json.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature()).writeValueAsString(
                json.createObjectNode().put("to", chat.toString()).put("message", carrots)
                        .put("clientMessageId", "escaped"));
        assertThat(escaped.length()).isGreaterThan(24_000);
        try (RawStomp socket = RawStomp.member(port, me.client().accessToken())) {
            socket.send("/app/chat_message", escaped);
            JsonNode stored = socket.awaitPush("chat_message", Duration.ofSeconds(10));
            assertThat(stored).as("the sender's echo of the stored message").isNotNull();
            assertThat(stored.get("content").asText()).isEqualTo(carrots);

            // one character over the limit reaches the application too, and is refused by it, not by a closed socket
            socket.send("/app/chat_message", escaped.replace("\"message\":\"", "\"message\":\"a"));
            JsonNode refused = socket.awaitPush("error", Duration.ofSeconds(10));
            assertThat(refused).as("a refusal in words").isNotNull();
            assertThat(refused.get("message").asText()).contains("1-4096 characters");
            assertThat(socket.isOpen()).isTrue();
        }
    }

    @Test
    void aBusyConversationIsSnapshottedAndStillDecides() {
        Member me = Members.register(port, "Busy");
        Member friend = Members.register(port, "Busy");
        UUID chat = ChatGroupId.of(me.id(), friend.id());
        try (Socket mine = Socket.open(port, me.client().accessToken())) {
            befriend(me, friend);
            mine.await("add_friend", added -> true);
            mine.send("/app/chat_message", chatMessage(chat, "before the snapshot", "s-0"));
            String first = awaitMessage(mine, "before the snapshot").get("id").asText();
            for (int i = 0; i < 120; i++) { // straight to the command bus: the socket would rate-limit this
                commands.sendAndWait(new PostMessage(chat, UUID.randomUUID(), friend.id(), friend.username(),
                        "volume " + i, null));
            }
            await("a snapshot, taken asynchronously").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> jdbc.sql("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                            .param("id", chat.toString()).query(Long.class).single() > 0);
            mine.send("/app/chat_message", chatMessage(chat, "after the snapshot", "s-1"));
            awaitMessage(mine, "after the snapshot");
            // the snapshot remembers what was sent before it
            assertThat(jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM snapshot_event_entry"
                    + " WHERE aggregate_identifier = :id").param("id", chat.toString()).query(String.class).single())
                    .contains("\"sentLately\"", me.id() + " s-0");
            Pacing.letPass(Duration.ofMillis(60));
            mine.send("/app/chat_message", chatMessage(chat, "before the snapshot", "s-0"));
            assertThat(awaitMessage(mine, "before the snapshot").get("id").asText()).isEqualTo(first);
            Member stranger = Members.register(port, "Busy");
            assertThatThrownBy(() -> commands.sendAndWait(new PostMessage(chat, UUID.randomUUID(), stranger.id(),
                    stranger.username(), "let me in", null))).isInstanceOf(NotInConversation.class);
        }
    }

    @Test
    void aMessageSentAgainUnderItsClientMessageIdIsStoredOnceAndEchoedAgainToItsSenderOnly() {
        Member me = Members.register(port, "Again");
        Member friend = Members.register(port, "Again");
        UUID chat = ChatGroupId.of(me.id(), friend.id());
        try (Socket mine = Socket.open(port, me.client().accessToken());
             Socket myOtherTab = Socket.open(port, me.client().accessToken());
             Socket theirs = Socket.open(port, friend.client().accessToken())) {
            befriend(me, friend);
            for (Socket socket : List.of(mine, myOtherTab, theirs)) {
                socket.await("add_friend", added -> true);
            }
            mine.send("/app/chat_message", chatMessage(chat, "did it arrive?", "r-1"));
            JsonNode first = awaitMessage(mine, "did it arrive?");
            awaitMessage(myOtherTab, "did it arrive?");
            awaitMessage(theirs, "did it arrive?");

            // its echo went missing, say: the client sends the same frame again
            Pacing.letPass(Duration.ofMillis(60));
            mine.send("/app/chat_message", chatMessage(chat, "did it arrive?", "r-1"));
            JsonNode again = awaitMessage(mine, "did it arrive?");
            for (String field : List.of("id", "seq", "createdAt", "clientMessageId", "fromProfileId")) {
                assertThat(again.get(field)).as(field).isEqualTo(first.get(field));
            }
            assertThat(awaitMessage(myOtherTab, "did it arrive?").get("id")).isEqualTo(first.get("id"));

            // another message under the same id is refused, by name
            Pacing.letPass(Duration.ofMillis(60));
            mine.send("/app/chat_message", chatMessage(chat, "something else", "r-1"));
            assertThat(mine.await("error", error -> error.path("clientMessageId").asText().equals("r-1"))
                    .get("message").asText()).contains("another message");

            // a new id is a new message, and the partner's next one: they heard of the first once
            Pacing.letPass(Duration.ofMillis(60));
            mine.send("/app/chat_message", chatMessage(chat, "did it arrive?", "r-2"));
            assertThat(awaitMessage(mine, "did it arrive?").get("id")).isNotEqualTo(first.get("id"));
            assertThat(awaitMessage(theirs, "did it arrive?").get("clientMessageId").asText()).isEqualTo("r-2");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    friend.client().get("/web/chat/" + chat + "/messages?limit=10").json())
                    .extracting(message -> message.get("clientMessageId").asText())
                    .containsExactly("r-2", "r-1"));
        }
    }
}
