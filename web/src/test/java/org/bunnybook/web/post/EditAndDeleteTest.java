package org.bunnybook.web.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Members edit their own posts and comments (every version kept as events, members see "edited"), and a comment is
 * deleted by its author, the post's author or the wall's owner: gone from every read.
 */
@BunnybookTest
class EditAndDeleteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private static ApiClient.Response patch(Member member, String path, Object body) {
        return member.client().send("PATCH", path, BodyPublishers.ofString(ApiClient.toJson(body)),
                Map.of("Content-Type", "application/json"));
    }

    private static ApiClient.Response delete(Member member, String path) {
        return member.client().send("DELETE", path, BodyPublishers.noBody(), Map.of());
    }

    private static JsonNode find(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError(id + " not among " + items);
    }

    private static boolean edited(JsonNode item) {
        return item.hasNonNull("editedAt");
    }

    @Test
    void theAuthorEditsAPostAndEveryReadShowsItEdited() {
        Member author = Members.register(port, "Hazel");
        Member friend = Members.register(port, "Fiver");
        Friends.befriend(author, friend);
        String post = Posts.write(author, author, "Silflay at dawn", "PUBLIC");
        String untouched = Posts.write(author, author, "Never changed", "PUBLIC");
        // read once, so that the caches hold the first version
        assertThat(edited(author.client().get("/web/posts/" + post).json())).isFalse();
        assertThat(edited(find(friend.client().get("/web/feed").json(), post))).isFalse();

        var answer = patch(author, "/web/posts/" + post, Map.of("content", "Silflay at dusk"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("content").asText()).isEqualTo("Silflay at dusk");
        Instant editedAt = Instant.parse(answer.json().get("editedAt").asText());
        assertThat(answer.json().get("createdAt").asText()).isNotEqualTo(answer.json().get("editedAt").asText());
        for (JsonNode seen : List.of(author.client().get("/web/posts/" + post).json(),
                friend.client().get("/web/posts/" + post).json(),
                find(author.client().get("/web/posts?wall_profile_id=" + author.id()).json(), post),
                find(friend.client().get("/web/feed").json(), post),
                find(author.client().get("/web/feed").json(), post))) {
            assertThat(seen.get("content").asText()).isEqualTo("Silflay at dusk");
            assertThat(Instant.parse(seen.get("editedAt").asText())).isEqualTo(editedAt);
        }
        assertThat(edited(author.client().get("/web/posts/" + untouched).json())).isFalse();
        assertThat(edited(find(friend.client().get("/web/feed").json(), untouched))).isFalse();
    }

    @Test
    void onlyTheAuthorEditsAPostWithinTheLimitsOfANewOne() {
        Member owner = Members.register(port, "Owner");
        Member author = Members.register(port, "Author");
        Member stranger = Members.register(port, "Stranger");
        Friends.befriend(owner, author);
        String post = Posts.write(author, owner, "On my friend's wall", "PUBLIC");
        String path = "/web/posts/" + post;

        for (Member other : List.of(owner, stranger)) {
            assertThat(patch(other, path, Map.of("content", "mine now")).status()).isEqualTo(403);
        }
        assertThat(new ApiClient(port).send("PATCH", path, BodyPublishers.ofString("{\"content\":\"x\"}"),
                Map.of("Content-Type", "application/json")).status()).isEqualTo(401);
        assertThat(patch(author, "/web/posts/" + UUID.randomUUID(), Map.of("content", "x")).status())
                .isEqualTo(404);
        for (Object bad : List.of(Map.of("content", ""), Map.of("content", "x".repeat(4097)), Map.of())) {
            var refused = patch(author, path, bad);
            assertThat(refused.status()).as(refused.text()).isEqualTo(422);
            assertThat(refused.text()).contains("content");
        }
        assertThat(patch(author, path, Map.of("content", "y".repeat(4096))).status()).isEqualTo(200);
        assertThat(author.client().get(path).json().get("content").asText()).isEqualTo("y".repeat(4096));
    }

    @Test
    void theAuthorEditsACommentNobodyElse() {
        Member author = Members.register(port, "Bigwig");
        Member commenter = Members.register(port, "Blackberry");
        String post = Posts.write(author, author, "Who comes?", "PUBLIC");
        String comment = Posts.comment(commenter, post, "I do");
        String untouched = Posts.comment(author, post, "Welcome");

        var answer = patch(commenter, "/web/comments/" + comment, Map.of("content", "I do, tomorrow"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().get("id").asText()).isEqualTo(comment);
        assertThat(answer.json().get("postId").asText()).isEqualTo(post);
        assertThat(answer.json().get("content").asText()).isEqualTo("I do, tomorrow");
        JsonNode comments = author.client().get("/web/posts/" + post + "/comments").json();
        assertThat(find(comments, comment).get("content").asText()).isEqualTo("I do, tomorrow");
        assertThat(find(comments, comment).get("editedAt").asText()).isEqualTo(answer.json().get("editedAt").asText());
        assertThat(edited(find(comments, untouched))).isFalse();

        // the post's author (and wall owner) may delete the comment, not rewrite it
        assertThat(patch(author, "/web/comments/" + comment, Map.of("content", "I don't")).status()).isEqualTo(403);
        assertThat(patch(commenter, "/web/comments/" + UUID.randomUUID(), Map.of("content", "x")).status())
                .isEqualTo(404);
        for (Object bad : List.of(Map.of("content", " "), Map.of("content", "x".repeat(1025)), Map.of())) {
            assertThat(patch(commenter, "/web/comments/" + comment, bad).status()).as(bad.toString()).isEqualTo(422);
        }
        assertThat(find(author.client().get("/web/posts/" + post + "/comments").json(), comment)
                .get("content").asText()).isEqualTo("I do, tomorrow");
    }

    @Test
    void theCommentsAuthorThePostsAuthorOrTheWallOwnerDeleteAComment() {
        Member owner = Members.register(port, "Owner");
        Member postAuthor = Members.register(port, "Poster");
        Member commenter = Members.register(port, "Commenter");
        Member friend = Members.register(port, "Friend");
        Member stranger = Members.register(port, "Stranger");
        for (Member member : List.of(postAuthor, commenter, friend)) {
            Friends.befriend(owner, member);
        }
        String post = Posts.write(postAuthor, owner, "On the owner's wall", "PUBLIC");

        for (Member allowed : List.of(commenter, postAuthor, owner)) {
            String comment = Posts.comment(commenter, post, "to be deleted by " + allowed.username());
            for (Member refused : List.of(friend, stranger)) {
                assertThat(delete(refused, "/web/comments/" + comment).status()).as(refused.username()).isEqualTo(403);
            }
            assertThat(new ApiClient(port).send("DELETE", "/web/comments/" + comment, BodyPublishers.noBody(),
                    Map.of()).status()).isEqualTo(401);
            assertThat(delete(allowed, "/web/comments/" + comment).status()).as(allowed.username()).isEqualTo(204);
            assertThat(delete(allowed, "/web/comments/" + comment).status()).as("again").isEqualTo(404);
        }
        assertThat(delete(owner, "/web/comments/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(owner.client().get("/web/posts/" + post + "/comments").json()).isEmpty();
    }

    @Test
    void aDeletedCommentIsGoneFromEveryRead() throws IOException {
        Member author = Members.register(port, "Holly");
        Member commenter = Members.register(port, "Pipkin");
        Member earlier = Members.register(port, "Speedwell");
        String post = Posts.write(author, author, "Tell me everything", "PUBLIC");
        Posts.comment(earlier, post, "first!");
        String kept = Posts.comment(commenter, post, "a comment that stays");
        String doomed = Posts.comment(commenter, post, "a secret I regret");
        await("the notifications of both comments").atMost(Duration.ofSeconds(10))
                .until(() -> commentPreviews(author), previews -> previews.contains("a secret I regret"));

        assertThat(delete(commenter, "/web/comments/" + doomed).status()).isEqualTo(204);

        JsonNode comments = author.client().get("/web/posts/" + post + "/comments").json();
        assertThat(comments.toString()).doesNotContain(doomed, "a secret I regret");
        assertThat(find(comments, kept).get("content").asText()).isEqualTo("a comment that stays");
        assertThat(author.client().get("/web/posts/" + post).json().get("commentsCount").asInt()).isEqualTo(2);
        assertThat(find(author.client().get("/web/feed").json(), post).get("commentsCount").asInt()).isEqualTo(2);
        assertThat(patch(commenter, "/web/comments/" + doomed, Map.of("content", "back")).status()).isEqualTo(404);
        for (Member notified : List.of(author, earlier)) {
            assertThat(commentPreviews(notified)).contains("a comment that stays").doesNotContain("a secret I regret");
        }
        assertThat(export(commenter).get("comments.json").toString())
                .contains("a comment that stays").doesNotContain("a secret I regret");
        assertThat(leaderboardComments(commenter)).isEqualTo(1L);
    }

    @Test
    void previewsAndTheExportShowTheEditedVersion() throws IOException {
        Member owner = Members.register(port, "Owner");
        Member friend = Members.register(port, "Friend");
        Friends.befriend(owner, friend);
        String post = Posts.write(friend, owner, "a first draft on your wall", "PUBLIC");
        String comment = Posts.comment(friend, post, "a first draft of a comment");

        assertThat(patch(friend, "/web/posts/" + post, Map.of("content", "the final post")).status()).isEqualTo(200);
        assertThat(patch(friend, "/web/comments/" + comment, Map.of("content", "the final comment")).status())
                .isEqualTo(200);

        await("the owner's notifications showing what was edited").atMost(Duration.ofSeconds(10))
                .until(() -> notifications(owner).toString(),
                        all -> all.contains("the final post") && all.contains("the final comment"));
        assertThat(notifications(owner).toString()).doesNotContain("first draft");
        Map<String, JsonNode> files = export(friend);
        JsonNode exported = find(files.get("posts.json"), post);
        assertThat(exported.get("content").asText()).isEqualTo("the final post");
        assertThat(exported.hasNonNull("editedAt")).isTrue();
        JsonNode exportedComment = find(files.get("comments.json"), comment);
        assertThat(exportedComment.get("content").asText()).isEqualTo("the final comment");
        assertThat(exportedComment.hasNonNull("editedAt")).isTrue();
    }

    @Test
    void anAuditorSeesEveryVersion() {
        Member author = Members.register(port, "Kehaar");
        String post = Posts.write(author, author, "version one", "PUBLIC");
        String comment = Posts.comment(author, post, "comment one");
        assertThat(patch(author, "/web/posts/" + post, Map.of("content", "version two")).status()).isEqualTo(200);
        assertThat(patch(author, "/web/comments/" + comment, Map.of("content", "comment two")).status())
                .isEqualTo(200);
        assertThat(delete(author, "/web/comments/" + comment).status()).isEqualTo(204);
        Member auditor = Staff.auditor(port);

        JsonNode history = auditor.client().get("/web/audit/aggregates/" + post + "/events").json();

        List<String> versions = new ArrayList<>();
        List<String> types = new ArrayList<>();
        history.forEach(event -> {
            types.add(event.get("type").asText().replace("org.bunnybook.api.post.", ""));
            versions.add(event.get("payload").path("content").asText());
        });
        assertThat(types).containsExactly("PostCreated", "PostCommented", "PostEdited", "CommentEdited",
                "CommentDeleted");
        assertThat(versions).containsExactly("version one", "comment one", "version two", "comment two", "");
        JsonNode deletion = history.get(4).get("payload");
        assertThat(deletion.get("commentId").asText()).isEqualTo(comment);
        assertThat(deletion.get("deletedBy").asText()).isEqualTo(author.id().toString());
        // time travel: the comment is among those the post decides about until its deletion
        String state = "/web/audit/aggregates/" + post + "/state?sequence=";
        assertThat(auditor.client().get(state + 3).json().at("/state/commentAuthors").has(comment)).isTrue();
        assertThat(auditor.client().get(state + 4).json().at("/state/commentAuthors").has(comment)).isFalse();
        // the catalog lists the new events, and members see none of this
        assertThat(auditor.client().get("/web/audit/catalog").text())
                .contains("\"PostEdited\"", "\"CommentEdited\"", "\"CommentDeleted\"");
        assertThat(author.client().get("/web/audit/aggregates/" + post + "/events").status()).isEqualTo(403);
    }

    private List<String> commentPreviews(Member member) {
        List<String> previews = new ArrayList<>();
        notifications(member).forEach(n -> {
            if (n.at("/data/event").asText().equals("NEW_COMMENT_ON_POST")) {
                previews.add(n.at("/data/payload/commentPreview").asText());
            }
        });
        return previews;
    }

    private static JsonNode notifications(Member member) {
        return member.client().get("/web/profiles/" + member.id() + "/notifications?limit=20").json();
    }

    /** The leaderboard's count of the member's comments (it is not read-your-writes: waits for it to settle). */
    private long leaderboardComments(Member member) {
        return await("the leaderboard taking the comment back").atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT comments FROM leaderboard_members WHERE profile_id = :member")
                        .param("member", member.id()).query(Long.class).optional().orElse(-1L),
                        comments -> comments == 1);
    }

    private static Map<String, JsonNode> export(Member member) throws IOException {
        Map<String, JsonNode> files = new java.util.LinkedHashMap<>();
        try (ZipInputStream entries = new ZipInputStream(
                new ByteArrayInputStream(member.client().get("/web/me/export").bytes()))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                files.put(entry.getName(), JSON.readTree(entries.readAllBytes()));
            }
        }
        return files;
    }
}
