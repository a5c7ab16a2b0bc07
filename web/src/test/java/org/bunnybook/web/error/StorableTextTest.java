package org.bunnybook.web.error;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Socket;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text PostgreSQL cannot store exactly (NUL, unpaired surrogates) is refused with a 422 naming the field, in every
 * body and query parameter, never a 5xx; the same text with a surrogate pair (an emoji) is stored as sent.
 */
@BunnybookTest
class StorableTextTest {

    /** JSON escapes, so the raw request stays ASCII and the server decodes exactly these characters. */
    private static final List<String> UNSTORABLE = List.of("a\\u0000b", "a\\ud800b", "end\\udfff", "\\udc00\\ud83d");

    @LocalServerPort
    int port;

    @Test
    void everyJsonBodyFieldRefusesWhatCannotBeStored() {
        Member member = Members.register(port, "Storable");
        for (String text : UNSTORABLE) {
            assertRefused(new ApiClient(port).post("/web/login",
                    "{\"email\":\"" + text + "@bunnybook.test\",\"password\":\"whatever-it-is\"}"), "body", "email");
            assertRefused(new ApiClient(port).post("/web/register", "{\"username\":\"ok\",\"email\":\"x@y.io\","
                    + "\"password\":\"carrots-and-clover\",\"avatarIdentifier\":\"" + text + "\"}"),
                    "body", "avatarIdentifier");
            assertRefused(member.client().post("/web/posts", "{\"content\":\"" + text + "\"}"), "body", "content");
        }
        String post = member.client().post("/web/posts", "{\"content\":\"first\"}").json().get("id").asText();
        assertRefused(member.client().post("/web/posts/" + post + "/comments", "{\"content\":\"a\\u0000\"}"),
                "body", "content");
    }

    @Test
    void everyQueryParameterRefusesNul() {
        Member member = Members.register(port, "Storable");
        assertRefused(new ApiClient(port).get("/web/profiles?username_query=bun%00ny"), "query", "username_query");
        assertRefused(member.client().get("/web/profiles/" + member.id() + "/friends?username_gt=%00"),
                "query", "username_gt");
        assertRefused(Staff.auditor(port).client().get("/web/audit/events?actor=a%00"), "query", "actor");
    }

    @Test
    void anAuditPathHoldingNulIsAClear4xx() {
        var response = Staff.auditor(port).client().get("/web/audit/aggregates/a%00b/events");
        assertThat(response.status()).as(response.text()).isBetween(400, 499);
    }

    @Test
    void aChatMessageHoldingNulIsRefusedToItsSender() {
        Member me = Members.register(port, "Storable");
        Member friend = Members.register(port, "Storable");
        Friends.befriend(me, friend);
        UUID chat = ChatGroupId.of(me.id(), friend.id());
        try (Socket socket = Socket.open(port, me.client().accessToken())) {
            socket.send("/app/chat_message", "{\"to\":\"" + chat + "\",\"message\":\"a\\u0000b\"}");
            assertThat(socket.await("error", error -> true).get("message").asText()).endsWith(StorableText.RULE);
        }
        assertThat(me.client().get("/web/chat/" + chat + "/messages").json()).isEmpty();
    }

    @Test
    void surrogatePairsAreStoredAsSent() {
        Member member = Members.register(port, "Storable");
        var created = member.client().post("/web/posts", "{\"content\":\"carrots \\ud83e\\udd55 \\u00e9\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode stored = member.client().get("/web/posts/" + created.json().get("id").asText()).json();
        assertThat(stored.get("content").asText()).isEqualTo("carrots \uD83E\uDD55 \u00e9");
    }

    private static void assertRefused(ApiClient.Response response, String where, String field) {
        assertThat(response.status()).as(response.text()).isEqualTo(422);
        JsonNode error = response.json().get("detail").get(0);
        assertThat(error.get("loc").toString()).isEqualTo("[\"" + where + "\",\"" + field + "\"]");
        assertThat(error.get("msg").asText()).isEqualTo(StorableText.RULE);
    }
}
