package org.bunnybook.web.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.RawStomp;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hiding is history: rebuilding the conversations and the moderation queue from the events hides what staff hid,
 * and the queue keeps its reports as they were filed, hidden and answered.
 */
@BunnybookTest
class HiddenSurvivesRebuildTest {

    @LocalServerPort
    int port;

    @Test
    void aHiddenMessageAndItsReportAreTheSameAfterRebuilds() {
        Member one = Members.register(port, "Clover");
        Member other = Members.register(port, "Holly");
        Friends.befriend(one, other);
        UUID chat = ChatGroupId.of(one.id(), other.id());
        List<String> sent = new ArrayList<>();
        try (RawStomp socket = RawStomp.member(port, other.client().accessToken())) {
            for (String text : List.of("hello", "the last word, nasty")) {
                socket.send("/app/chat_message", "{\"to\":\"" + chat + "\",\"message\":\"" + text + "\"}");
                JsonNode pushed = socket.awaitPush("chat_message", Duration.ofSeconds(10));
                assertThat(pushed).as("the message " + text + " was sent").isNotNull();
                sent.add(pushed.get("id").asText());
            }
        }
        String reportId = one.client().post("/web/reports", Map.of("subjectType", "MESSAGE", "subjectId", sent.get(1),
                "reason", "nasty")).json().get("id").asText();
        Member moderator = Staff.moderator(port);
        assertThat(moderator.client().post("/web/admin/reports/" + reportId + "/hide", "{}").status()).isEqualTo(200);
        assertThat(moderator.client().post("/web/admin/reports/" + reportId + "/answer", Map.of("answer", "hidden"))
                .status()).isEqualTo(200);
        String history = "/web/chat/" + chat + "/messages";
        String conversations = "/web/profiles/" + one.id() + "/conversations";
        JsonNode historyBefore = one.client().get(history).json();
        assertThat(historyBefore).hasSize(1);
        JsonNode conversationsBefore = one.client().get(conversations).json();
        assertThat(conversationsBefore.get(0).get("content").asText()).as("the latest message left")
                .isEqualTo("hello");
        JsonNode reportBefore = moderator.client().get("/web/admin/reports/" + reportId).json();

        rebuild(ReadModels.CONVERSATIONS);
        rebuild(ReadModels.REPORTS);

        assertThat(one.client().get(history).json()).isEqualTo(historyBefore);
        assertThat(one.client().get(conversations).json()).isEqualTo(conversationsBefore);
        assertThat(moderator.client().get("/web/admin/reports/" + reportId).json()).isEqualTo(reportBefore);
        assertThat(reportBefore.get("hiddenAt").isNull()).isFalse();
        assertThat(reportBefore.get("status").asText()).isEqualTo("CLOSED");
    }

    private void rebuild(String group) {
        ApiClient admin = Staff.admin(port);
        var requested = admin.post("/web/admin/projections/" + group + "/rebuild", "");
        assertThat(requested.status()).as(requested.text()).isEqualTo(202);
        long rebuild = requested.json().get("id").asLong();
        await("rebuild of " + group + " finishing").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> admin.get("/web/admin/projections/" + group).json().get("rebuild"),
                        current -> current.get("id").asLong() == rebuild
                                && current.get("state").asText().equals("FINISHED"));
    }
}
