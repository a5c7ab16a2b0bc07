package org.bunnybook.web.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
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

/**
 * Members report what they can see; moderators and admins work the queue, hide what was reported (it disappears from
 * walls, feeds, threads and conversations) and answer the reporter, who is notified.
 */
@BunnybookTest
class ReportingTest {

    @LocalServerPort
    int port;

    @Test
    void aMemberReportsAPostAModeratorHidesItAndAnswers() {
        Member author = Members.register(port, "Thistle");
        Member reader = Members.register(port, "Yarrow");
        Friends.befriend(author, reader);
        String spam = "buy cheap carrots at spam.example";
        String post = Posts.write(author, author, spam, "FRIENDS");
        assertThat(Posts.wholeFeed(reader, 20)).contains(spam);

        var filed = report(reader, "POST", post, "spam");
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        String reportId = filed.json().get("id").asText();
        assertThat(filed.json().get("status").asText()).isEqualTo("OPEN");
        assertThat(filed.json().get("subjectType").asText()).isEqualTo("POST");
        assertThat(filed.json().get("reason").asText()).isEqualTo("spam");

        Member moderator = Staff.moderator(port);
        JsonNode queued = find(moderator.client().get("/web/admin/reports?status=open&limit=20").json(), reportId);
        assertThat(queued).as("the open queue lists the report").isNotNull();
        JsonNode one = moderator.client().get("/web/admin/reports/" + reportId).json();
        assertThat(one.get("reporterId").asText()).isEqualTo(reader.id().toString());
        assertThat(one.get("subject").get("content").asText()).isEqualTo("buy cheap carrots at spam.example");
        assertThat(one.get("subject").get("authorId").asText()).isEqualTo(author.id().toString());
        assertThat(one.get("hiddenAt").isNull()).isTrue();

        var hidden = moderator.client().post("/web/admin/reports/" + reportId + "/hide", "{}");
        assertThat(hidden.status()).as(hidden.text()).isEqualTo(200);
        assertThat(hidden.json().get("hiddenBy").asText()).isEqualTo(moderator.id().toString());
        assertThat(hidden.json().get("subject").get("content").asText()).as("staff still see what was reported")
                .isEqualTo("buy cheap carrots at spam.example");
        for (Member member : List.of(author, reader)) {
            assertThat(member.client().get("/web/posts/" + post).status()).isEqualTo(404);
            assertThat(Posts.wholeWall(member, author)).doesNotContain(spam);
            assertThat(Posts.wholeFeed(member, 20)).doesNotContain(spam);
        }
        assertThat(author.client().post("/web/posts/" + post + "/comments", Map.of("content", "still here?"))
                .status()).as("a hidden post takes no comments").isEqualTo(404);
        assertThat(moderator.client().post("/web/admin/reports/" + reportId + "/hide", "{}").status())
                .as("hiding again changes nothing").isEqualTo(200);

        var answered = moderator.client().post("/web/admin/reports/" + reportId + "/answer",
                Map.of("answer", "Thank you, we removed it."));
        assertThat(answered.status()).as(answered.text()).isEqualTo(200);
        assertThat(answered.json().get("status").asText()).isEqualTo("CLOSED");
        assertThat(answered.json().get("answeredBy").asText()).isEqualTo(moderator.id().toString());
        JsonNode notification = reader.client().get("/web/profiles/" + reader.id() + "/notifications").json().get(0);
        assertThat(notification.get("data").get("event").asText()).isEqualTo("REPORT_ANSWERED");
        assertThat(notification.get("data").get("payload").get("answer").asText())
                .isEqualTo("Thank you, we removed it.");
        assertThat(notification.get("data").get("payload").get("reportId").asText()).isEqualTo(reportId);
        assertThat(moderator.client().post("/web/admin/reports/" + reportId + "/answer", Map.of("answer", "again"))
                .status()).as("a reporter is answered once").isEqualTo(409);
        assertThat(find(moderator.client().get("/web/admin/reports?status=open&limit=20").json(), reportId)).isNull();
        assertThat(find(moderator.client().get("/web/admin/reports?status=closed&limit=20").json(), reportId))
                .isNotNull();

        ApiClient auditor = Staff.auditor(port).client();
        JsonNode audit = auditor.get("/web/audit/events?type=PostHidden&aggregate_id=" + post).json();
        assertThat(audit).as("the hiding is an event of the post, for auditors").hasSize(1);
        assertThat(audit.get(0).get("payload").get("hiddenBy").asText()).isEqualTo(moderator.id().toString());
    }

    @Test
    void aMemberReportsASubjectOnce() {
        Member reporter = Members.register(port, "Sorrel");
        Member other = Members.register(port, "Tansy");
        String post = Posts.write(other, other, "public words", "PUBLIC");
        String first = report(reporter, "POST", post, "rude").json().get("id").asText();
        var again = report(reporter, "POST", post, "still rude");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("reportId").asText()).as("the report that stands").isEqualTo(first);
        assertThat(report(other, "POST", post, "my own words are rude").status())
                .as("another member reports it on their own").isEqualTo(201);
    }

    @Test
    void onlyWhatTheMemberCanSeeAndWellFormedReportsAreTaken() {
        Member reporter = Members.register(port, "Burnet");
        Member stranger = Members.register(port, "Fennel");
        String friendsOnly = Posts.write(stranger, stranger, "for my friends", "FRIENDS");
        assertThat(report(reporter, "POST", friendsOnly, "x").status()).isEqualTo(403);
        for (String type : List.of("POST", "COMMENT", "MESSAGE", "PROFILE")) {
            assertThat(report(reporter, type, UUID.randomUUID().toString(), "x").status()).as(type).isEqualTo(404);
        }
        String publicPost = Posts.write(stranger, stranger, "hello", "PUBLIC");
        assertThat(report(reporter, "GOSSIP", publicPost, "x").status()).isEqualTo(422);
        assertThat(report(reporter, "POST", publicPost, " ").status()).isEqualTo(422);
        assertThat(report(reporter, "POST", publicPost, "x".repeat(1001)).status()).isEqualTo(422);
        assertThat(report(reporter, "POST", "not-a-uuid", "x").status()).isEqualTo(422);
        assertThat(reporter.client().post("/web/reports", Map.of("subjectType", "POST")).status()).isEqualTo(422);
        assertThat(new ApiClient(port).post("/web/reports", Map.of("subjectType", "POST", "subjectId", publicPost,
                "reason", "x")).status()).isEqualTo(401);
        assertThat(report(reporter, "POST", publicPost, "x".repeat(1000)).status()).isEqualTo(201);
    }

    @Test
    void aHiddenCommentLeavesTheThread() {
        Member author = Members.register(port, "Comfrey");
        Member commenter = Members.register(port, "Lovage");
        String post = Posts.write(author, author, "a quiet post", "PUBLIC");
        String kept = commenter.client().post("/web/posts/" + post + "/comments", Map.of("content", "nice"))
                .json().get("id").asText();
        String rude = commenter.client().post("/web/posts/" + post + "/comments", Map.of("content", "rude words"))
                .json().get("id").asText();
        String reportId = report(author, "COMMENT", rude, "insulting").json().get("id").asText();

        ApiClient admin = Staff.admin(port);
        JsonNode subject = admin.get("/web/admin/reports/" + reportId).json().get("subject");
        assertThat(subject.get("parentId").asText()).as("the comment's post").isEqualTo(post);
        assertThat(admin.post("/web/admin/reports/" + reportId + "/hide", "{}").status()).isEqualTo(200);
        JsonNode thread = author.client().get("/web/posts/" + post + "/comments").json();
        assertThat(ids(thread)).containsExactly(kept);
        assertThat(author.client().get("/web/posts/" + post).json().get("commentsCount").asInt()).isEqualTo(1);
    }

    @Test
    void onlyItsParticipantsReportAChatMessageAndAHiddenOneLeavesTheConversation() {
        Member one = Members.register(port, "Borage");
        Member other = Members.register(port, "Chicory");
        Member outsider = Members.register(port, "Mallow");
        Friends.befriend(one, other);
        UUID chat = ChatGroupId.of(one.id(), other.id());
        List<String> sent = new ArrayList<>();
        try (RawStomp socket = RawStomp.member(port, other.client().accessToken())) {
            for (String text : List.of("hi", "something nasty")) {
                socket.send("/app/chat_message", "{\"to\":\"" + chat + "\",\"message\":\"" + text + "\"}");
                JsonNode pushed = socket.awaitPush("chat_message", Duration.ofSeconds(10));
                assertThat(pushed).as("the message " + text + " was sent").isNotNull();
                sent.add(pushed.get("id").asText());
            }
        }
        String nasty = sent.get(1);
        assertThat(ids(one.client().get("/web/chat/" + chat + "/messages").json())).contains(nasty);
        assertThat(report(outsider, "MESSAGE", nasty, "x").status()).isEqualTo(403);
        var filed = report(one, "MESSAGE", nasty, "harassment");
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);

        Member moderator = Staff.moderator(port);
        String reportId = filed.json().get("id").asText();
        assertThat(moderator.client().get("/web/admin/reports/" + reportId).json().get("subject").get("content")
                .asText()).isEqualTo("something nasty");
        assertThat(moderator.client().post("/web/admin/reports/" + reportId + "/hide", "{}").status()).isEqualTo(200);
        for (Member member : List.of(one, other)) {
            assertThat(ids(member.client().get("/web/chat/" + chat + "/messages").json()))
                    .containsExactly(sent.get(0));
            JsonNode conversations = member.client().get("/web/profiles/" + member.id() + "/conversations").json();
            assertThat(conversations.toString()).doesNotContain("something nasty");
        }
    }

    @Test
    void aProfileIsReportedAndAnsweredButNotHidden() {
        Member reporter = Members.register(port, "Rampion");
        Member troll = Members.register(port, "Knapweed");
        String reportId = report(reporter, "PROFILE", troll.id().toString(), "impersonation").json().get("id")
                .asText();
        ApiClient admin = Staff.admin(port);
        assertThat(admin.get("/web/admin/reports/" + reportId).json().get("subject").get("content").asText())
                .isEqualTo(troll.username());
        assertThat(admin.post("/web/admin/reports/" + reportId + "/hide", "{}").status()).isEqualTo(409);
        assertThat(admin.post("/web/admin/reports/" + reportId + "/answer", Map.of("answer", " ")).status())
                .isEqualTo(422);
        assertThat(admin.post("/web/admin/reports/" + reportId + "/answer", Map.of("answer", "We spoke to them."))
                .status()).isEqualTo(200);
    }

    @Test
    void onlyModeratorsAndAdminsWorkTheQueue() {
        Member reporter = Members.register(port, "Woad");
        Member author = Members.register(port, "Madder");
        String reportId = report(reporter, "POST", Posts.write(author, author, "hm", "PUBLIC"), "x").json().get("id")
                .asText();
        List<String> reads = List.of("/web/admin/reports", "/web/admin/reports/" + reportId);
        Map<String, ApiClient> forbidden = Map.of("the reporter", reporter.client(), "the author", author.client(),
                "an auditor", Staff.auditor(port).client());
        for (String path : reads) {
            assertThat(new ApiClient(port).get(path).status()).as(path).isEqualTo(401);
            forbidden.forEach((who, client) -> assertThat(client.get(path).status()).as(who + " " + path)
                    .isEqualTo(403));
            assertThat(Staff.moderator(port).client().get(path).status()).as(path).isEqualTo(200);
            assertThat(Staff.admin(port).get(path).status()).as(path).isEqualTo(200);
        }
        forbidden.forEach((who, client) -> {
            assertThat(client.post("/web/admin/reports/" + reportId + "/hide", "{}").status()).as(who).isEqualTo(403);
            assertThat(client.post("/web/admin/reports/" + reportId + "/answer", Map.of("answer", "no")).status())
                    .as(who).isEqualTo(403);
        });
        ApiClient moderator = Staff.moderator(port).client();
        assertThat(moderator.get("/web/admin/projections").status()).as("moderating is not operating").isEqualTo(403);
        assertThat(moderator.get("/web/audit/events").status()).as("nor auditing").isEqualTo(403);
        assertThat(moderator.get("/web/admin/reports?status=maybe").status()).isEqualTo(422);
        assertThat(moderator.get("/web/admin/reports/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(moderator.post("/web/admin/reports/" + UUID.randomUUID() + "/hide", "{}").status())
                .isEqualTo(404);
    }

    private ApiClient.Response report(Member reporter, String type, String subject, String reason) {
        return reporter.client().post("/web/reports", Map.of("subjectType", type, "subjectId", subject,
                "reason", reason));
    }

    private static JsonNode find(JsonNode reports, String id) {
        for (JsonNode report : reports) {
            if (report.get("id").asText().equals(id)) {
                return report;
            }
        }
        return null;
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
