package org.bunnybook.web.projection;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.api.Processes;
import org.bunnybook.api.ReadModels;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BrokenResetProjection;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.ProjectionFixture;
import org.bunnybook.web.support.Staff;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Admins see every read model's status, rebuild one while the application serves, and handle parked events. */
@BunnybookTest
class ProjectionOperationsTest {

    private static final int OTHERS_POSTS = 3_000;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProjectionFixture projections;

    @Test
    void everyProcessingGroupShowsWhereItStands() throws Exception {
        ApiClient admin = Staff.admin(port);
        Member writer = Members.register(port, "Fiver");
        Posts.write(writer, writer, "status", "PUBLIC");

        Map<String, JsonNode> groups = statuses(admin);
        assertThat(groups).containsKeys(ReadModels.ACCOUNTS, ReadModels.WALLS, ReadModels.SOCIAL_GRAPH,
                ReadModels.FEED_CACHE, ReadModels.NOTIFICATIONS, ReadModels.CONVERSATIONS, ReadModels.LEDGER,
                Processes.CONVERSATION_LIFECYCLE);
        JsonNode walls = groups.get(ReadModels.WALLS);
        assertThat(walls.get("head").asLong()).isPositive();
        assertThat(walls.get("position").asLong()).isPositive().isLessThanOrEqualTo(walls.get("head").asLong());
        assertThat(walls.get("lag").asLong()).isEqualTo(walls.get("head").asLong() - walls.get("position").asLong());
        assertThat(walls.get("segments").size()).isEqualTo(2);
        assertThat(walls.get("segments").get(0).get("owner").asText()).isNotBlank();
        assertThat(walls.get("replaying").asBoolean()).isFalse();
        assertThat(walls.get("rebuildable").asBoolean()).isTrue();
        assertThat(walls.get("thisNode").get("running").asBoolean()).isTrue();
        assertThat(walls.get("thisNode").get("error").asBoolean()).isFalse();

        // the ledger has one order, so one segment; it and the conversation process are never replayed
        assertThat(groups.get(ReadModels.LEDGER).get("segments").size()).isEqualTo(1);
        assertThat(groups.get(ReadModels.LEDGER).get("rebuildable").asBoolean()).isFalse();
        assertThat(admin.post("/web/admin/projections/" + ReadModels.LEDGER + "/rebuild", "").status())
                .isEqualTo(409);
        assertThat(admin.post("/web/admin/projections/" + Processes.CONVERSATION_LIFECYCLE + "/rebuild", "").status())
                .isEqualTo(409);
        assertThat(admin.get("/web/admin/projections/no-such-group").status()).isEqualTo(404);
        assertThat(admin.post("/web/admin/projections/no-such-group/rebuild", "").status()).isEqualTo(404);
        assertThat(admin.get("/web/admin/projections/" + ReadModels.WALLS).json().get("name").asText())
                .isEqualTo(ReadModels.WALLS);
    }

    @Test
    void wallsRebuiltBesideTheLiveOnesWhilePostsAreWrittenAndReadEqualWallsBuiltFromScratch() throws Exception {
        ApiClient admin = Staff.admin(port);
        Member writer = Members.register(port, "Bluebell");
        Member reader = Members.register(port, "Acorn");
        for (int i = 0; i < 20; i++) { // some history of the writer's own, with comments, likes, edits, deletions
            String post = Posts.write(writer, writer, "before " + i, "PUBLIC");
            assertThat(reader.client().post("/web/posts/" + post + "/likes", "").status()).isEqualTo(200);
            String comment = Posts.comment(reader, post, "c" + i);
            if (i % 3 == 0) {
                assertThat(patch(writer, "/web/posts/" + post, "edited " + i)).isEqualTo(200);
                assertThat(patch(reader, "/web/comments/" + comment, "edited c" + i)).isEqualTo(200);
            } else if (i % 3 == 1) {
                assertThat(writer.client().send("DELETE", "/web/comments/" + comment,
                        HttpRequest.BodyPublishers.noBody(), Map.of()).status()).isEqualTo(204);
            }
        }
        // a live row gone wrong, as a projection's bug would leave it, and cached as members read it
        String damaged = Posts.write(reader, reader, "as written", "PUBLIC");
        jdbc.sql("UPDATE posts SET content = 'damaged' WHERE post_id = :id::uuid").param("id", damaged).update();
        assertThat(contentOf(reader, damaged)).isEqualTo("damaged");
        // history enough for the copy to be seen part of the way through, however little the run has written:
        // others' posts, appended at once
        projections.postsOnOwnWalls(OTHERS_POSTS, "elsewhere").handledBy(ReadModels.WALLS);
        Map<String, List<Map<String, Object>>> live = wallTablesOf(writer);
        List<String> wallBefore = Posts.wholeWall(reader, writer);

        List<String> writtenDuring = new CopyOnWriteArrayList<>();
        List<String> readsDuring = new CopyOnWriteArrayList<>();
        List<String> incomplete = new CopyOnWriteArrayList<>();
        AtomicBoolean going = new AtomicBoolean(true);
        Thread writes = new Thread(() -> {
            int i = 0;
            while (going.get()) {
                writtenDuring.add(Posts.write(writer, writer, "during " + i++, "PUBLIC"));
            }
        });
        // a member reading the wall the whole time sees all of it, never a partial model
        Thread reads = new Thread(() -> {
            while (going.get()) {
                try {
                    List<String> wall = Posts.wholeWall(reader, writer);
                    readsDuring.add("read");
                    if (!wall.containsAll(wallBefore)) {
                        incomplete.add(wall.size() + " posts, missing some of the " + wallBefore.size() + " before");
                    }
                } catch (AssertionError | RuntimeException e) {
                    incomplete.add(e.toString());
                }
            }
        });
        writes.start();
        reads.start();
        List<JsonNode> seen = new ArrayList<>();
        try {
            var requested = admin.post("/web/admin/projections/" + ReadModels.WALLS + "/rebuild", "");
            assertThat(requested.status()).as(requested.text()).isEqualTo(202);
            assertThat(requested.json().get("state").asText()).isEqualTo("REQUESTED");
            assertThat(requested.json().get("besideLive").asBoolean()).isTrue();
            assertThat(admin.post("/web/admin/projections/" + ReadModels.WALLS + "/rebuild", "").status())
                    .as("one rebuild at a time").isEqualTo(409);
            seen.addAll(awaitRebuilt(admin, requested.json().get("id").asLong()));
        } finally {
            going.set(false);
            writes.join();
            reads.join();
        }
        assertThat(incomplete).isEmpty();
        assertThat(readsDuring).isNotEmpty();
        // progress was observable: the copy was seen built part of the way through, and never going back, while the
        // live walls never replayed
        assertThat(seen).anySatisfy(status -> {
            assertThat(status.get("rebuild").get("state").asText()).isEqualTo("BUILDING");
            assertThat(status.get("shadow").get("progress").asDouble()).isStrictlyBetween(0.0, 1.0);
        });
        List<Double> progress = seen.stream().filter(status -> !status.get("shadow").isNull())
                .map(status -> status.get("shadow").get("progress").asDouble()).toList();
        assertThat(progress).isSorted();
        assertThat(seen).allSatisfy(status -> assertThat(status.get("replaying").asBoolean()).isFalse());
        assertThat(writtenDuring).isNotEmpty();
        awaitCaughtUp(admin);
        // the damaged row is rebuilt from its event, and the copy cached from the old tables is served no more
        assertThat(contentOf(reader, damaged)).isEqualTo("as written");

        // nothing lost, nothing doubled
        for (String post : writtenDuring) {
            assertThat(jdbc.sql("SELECT count(*) FROM posts WHERE post_id = :id::uuid").param("id", post)
                    .query(Long.class).single()).as(post).isEqualTo(1);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM posts WHERE author_id = :writer").param("writer", writer.id())
                .query(Long.class).single()).isEqualTo(20L + writtenDuring.size());
        Map<String, List<Map<String, Object>>> rebuiltWhileWriting = wallTables();
        // the history from before the rebuild as it was built live: edits and deleted comments included
        assertThat(wallTablesOf(writer, live.get("posts").size())).isEqualTo(live);

        // the same read model, built again from scratch with nothing else going on
        var again = admin.post("/web/admin/projections/" + ReadModels.WALLS + "/rebuild", "");
        assertThat(again.status()).isEqualTo(202);
        awaitRebuilt(admin, again.json().get("id").asLong());
        awaitCaughtUp(admin);
        assertThat(wallTables()).isEqualTo(rebuiltWhileWriting);

        // and it serves as before
        var wall = writer.client().get("/web/posts?wall_profile_id=" + writer.id() + "&limit=1").json();
        assertThat(wall.get(0).get("content").asText()).isEqualTo("during " + (writtenDuring.size() - 1));
    }

    @Test
    void aParkedEventIsListedRetriedAndProcessedOnceItsCauseIsGone() throws Exception {
        ApiClient admin = Staff.admin(port);
        Member writer = Members.register(port, "Buckthorn");
        String poison = "poison " + writer.id();
        String poisoned;
        JsonNode letter;
        // the walls store refuses this one post (and a comment), as a store with a bad constraint would
        try (var posts = refusing("posts", "poison "); var comments = refusing("comments", "poison ")) {
            // stored and acknowledged, though the walls cannot show it
            poisoned = Posts.write(writer, writer, poison, "PUBLIC");
            String healthy = Posts.write(writer, writer, "healthy", "PUBLIC");
            // the rest went on: the next post is on the wall, the poisoned one is not
            assertThat(writer.client().get("/web/posts/" + healthy).status()).isEqualTo(200);
            assertThat(writer.client().get("/web/posts/" + poisoned).status()).isEqualTo(404);
            // a comment the walls cannot show yet is answered as written, too
            var comment = writer.client().post("/web/posts/" + healthy + "/comments", Map.of("content", poison));
            assertThat(comment.status()).isEqualTo(201);
            assertThat(comment.json().get("content").asText()).isEqualTo(poison);
            assertThat(writer.client().get("/web/posts/" + healthy + "/comments").json()).isEmpty();

            letter = awaitParked(admin, poisoned);
            assertThat(letter.get("type").asText()).isEqualTo("org.bunnybook.api.post.PostCreated");
            assertThat(letter.get("causeMessage").asText()).contains("refusing poison");
            assertThat(statuses(admin).get(ReadModels.WALLS).get("deadLetters").asLong()).isPositive();

            // retried while the cause is still there, it stays parked
            var stillFailing = admin.post("/web/admin/projections/" + ReadModels.WALLS + "/dead-letters/"
                    + letter.get("sequence").asText() + "/retry", "");
            assertThat(stillFailing.status()).isEqualTo(200);
            assertThat(stillFailing.json().get("processed").asLong()).isZero();
            assertThat(awaitParked(admin, poisoned)).isNotNull();
        }
        // the cause is gone: retried by the admin (or by the periodic retry, whichever claims it first), processed
        var retried = admin.post("/web/admin/projections/" + ReadModels.WALLS + "/dead-letters/"
                + letter.get("sequence").asText() + "/retry", "");
        assertThat(retried.status()).isIn(200, 404); // 404: the periodic retry processed it already
        awaitGone(admin, poisoned);
        assertThat(writer.client().get("/web/posts/" + poisoned).json().get("content").asText()).isEqualTo(poison);
    }

    @Test
    void anEvictedSequenceLeavesTheQueue() throws Exception {
        ApiClient admin = Staff.admin(port);
        Member writer = Members.register(port, "Speedwell");
        try (var refusal = refusing("posts", "evictable ")) {
            String post = Posts.write(writer, writer, "evictable " + writer.id(), "PUBLIC");
            JsonNode letter = awaitParked(admin, post);
            String path = "/web/admin/projections/" + ReadModels.WALLS + "/dead-letters/"
                    + letter.get("sequence").asText();
            assertThat(admin.send("DELETE", path, java.net.http.HttpRequest.BodyPublishers.noBody(), Map.of())
                    .status()).isEqualTo(204);
            assertThat(parked(admin, post)).isNull();
            assertThat(admin.send("DELETE", path, java.net.http.HttpRequest.BodyPublishers.noBody(), Map.of())
                    .status()).isEqualTo(404);
            assertThat(admin.post(path + "/retry", "").status()).isEqualTo(404);
        }
    }

    @Test
    void aRebuildThatCannotResetHoldsBackNoOtherAndCanBeCancelled() throws Exception {
        ApiClient admin = Staff.admin(port);
        String broken = BrokenResetProjection.GROUP;
        BrokenResetProjection.BROKEN.set(true);
        try {
            assertThat(admin.post("/web/admin/projections/" + broken + "/rebuild", "").status()).isEqualTo(202);
            // it stops, and stays requested: its reset fails at every poll (every 200 ms in tests)
            await("the broken group stopping").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !admin.get("/web/admin/projections/" + broken).json()
                            .get("thisNode").get("running").asBoolean());
            await("the rebuild staying requested, stopped, for half a second").during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> admin.get("/web/admin/projections/" + broken).json(), stuck ->
                            stuck.get("rebuild").get("state").asText().equals("REQUESTED")
                                    && !stuck.get("thisNode").get("running").asBoolean());

            // another group's rebuild goes through meanwhile
            var friendships = admin.post("/web/admin/projections/" + ReadModels.FRIENDSHIPS + "/rebuild", "");
            assertThat(friendships.status()).isEqualTo(202);
            awaitRebuilt(admin, ReadModels.FRIENDSHIPS, friendships.json().get("id").asLong());

            // given up on, it runs again as it was
            String cancel = "/web/admin/projections/" + broken + "/rebuild";
            assertThat(admin.send("DELETE", cancel, java.net.http.HttpRequest.BodyPublishers.noBody(), Map.of())
                    .status()).isEqualTo(204);
            JsonNode cancelled = await("the broken group running again").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> admin.get("/web/admin/projections/" + broken).json(),
                            status -> status.get("thisNode").get("running").asBoolean());
            assertThat(cancelled.get("rebuild").get("state").asText()).isEqualTo("CANCELLED");
            assertThat(cancelled.get("thisNode").get("running").asBoolean()).isTrue();
            assertThat(cancelled.get("replaying").asBoolean()).isFalse();
            assertThat(admin.send("DELETE", cancel, java.net.http.HttpRequest.BodyPublishers.noBody(), Map.of())
                    .status()).isEqualTo(404);
        } finally {
            BrokenResetProjection.BROKEN.set(false);
        }
    }

    /**
     * Makes the walls store refuse new rows of {@code table} (a constant of the test) whose content starts with
     * {@code prefix}, until closed.
     */
    private AutoCloseable refusing(String table, String prefix) {
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION refuse_prefixed() RETURNS trigger AS $$
                BEGIN
                  IF NEW.content LIKE TG_ARGV[0] || '%' THEN RAISE EXCEPTION 'refusing %', NEW.content; END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql""").update();
        String trigger = "refuse_" + table;
        jdbc.sql("CREATE TRIGGER " + trigger + " BEFORE INSERT ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION refuse_prefixed('" + prefix + "')").update();
        return () -> jdbc.sql("DROP TRIGGER " + trigger + " ON " + table).update();
    }

    private void awaitGone(ApiClient admin, String postId) {
        await("processed and out of the queue").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25))
                .until(() -> parked(admin, postId) == null);
    }

    private Map<String, JsonNode> statuses(ApiClient admin) {
        var response = admin.get("/web/admin/projections");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        Map<String, JsonNode> groups = new HashMap<>();
        response.json().forEach(group -> groups.put(group.get("name").asText(), group));
        return groups;
    }

    /** The walls statuses seen until the rebuild finished. */
    private List<JsonNode> awaitRebuilt(ApiClient admin, long rebuild) {
        return awaitRebuilt(admin, ReadModels.WALLS, rebuild);
    }

    /** The group's statuses seen until the rebuild finished. */
    private List<JsonNode> awaitRebuilt(ApiClient admin, String group, long rebuild) {
        List<JsonNode> seen = new ArrayList<>();
        try {
            await("rebuild " + rebuild + " of " + group + " finishing").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        JsonNode status = admin.get("/web/admin/projections/" + group).json();
                        seen.add(status);
                        JsonNode current = status.get("rebuild");
                        return current.get("id").asLong() == rebuild
                                && current.get("state").asText().equals("FINISHED");
                    });
        } catch (ConditionTimeoutException notFinished) {
            throw new AssertionError("rebuild did not finish: " + seen.get(seen.size() - 1), notFinished);
        }
        return seen;
    }

    private void awaitCaughtUp(ApiClient admin) {
        await("walls catching up").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    JsonNode walls = admin.get("/web/admin/projections/" + ReadModels.WALLS).json();
                    long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class)
                            .single();
                    return !walls.get("replaying").asBoolean() && walls.get("position").asLong() >= head;
                });
    }

    private static String contentOf(Member member, String post) {
        var response = member.client().get("/web/posts/" + post);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().get("content").asText();
    }

    private static int patch(Member member, String path, String content) {
        return member.client().send("PATCH", path,
                HttpRequest.BodyPublishers.ofString(ApiClient.toJson(Map.of("content", content))),
                Map.of("Content-Type", "application/json")).status();
    }

    /** The writer's oldest posts (all of them by default) and their comments and likes. */
    private Map<String, List<Map<String, Object>>> wallTablesOf(Member writer) {
        return wallTablesOf(writer, Integer.MAX_VALUE);
    }

    private Map<String, List<Map<String, Object>>> wallTablesOf(Member writer, int oldest) {
        String posts = "SELECT post_id FROM posts WHERE author_id = :writer ORDER BY created_at, post_id LIMIT :oldest";
        Map<String, List<Map<String, Object>>> tables = new HashMap<>();
        tables.put("posts", jdbc.sql("SELECT * FROM posts WHERE post_id IN (" + posts + ") ORDER BY post_id")
                .param("writer", writer.id()).param("oldest", oldest).query().listOfRows());
        tables.put("comments", jdbc.sql("SELECT * FROM comments WHERE post_id IN (" + posts + ") ORDER BY comment_id")
                .param("writer", writer.id()).param("oldest", oldest).query().listOfRows());
        tables.put("post_likes", jdbc.sql("SELECT * FROM post_likes WHERE post_id IN (" + posts + ")"
                        + " ORDER BY post_id, profile_id")
                .param("writer", writer.id()).param("oldest", oldest).query().listOfRows());
        return tables;
    }

    private Map<String, List<Map<String, Object>>> wallTables() {
        Map<String, List<Map<String, Object>>> tables = new HashMap<>();
        tables.put("posts", jdbc.sql("SELECT * FROM posts ORDER BY post_id").query().listOfRows());
        tables.put("comments", jdbc.sql("SELECT * FROM comments ORDER BY comment_id").query().listOfRows());
        tables.put("post_likes", jdbc.sql("SELECT * FROM post_likes ORDER BY post_id, profile_id").query()
                .listOfRows());
        return tables;
    }

    private JsonNode awaitParked(ApiClient admin, String postId) {
        return await("parked: " + postId).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25))
                .until(() -> parked(admin, postId), Objects::nonNull);
    }

    private JsonNode parked(ApiClient admin, String postId) {
        var response = admin.get("/web/admin/projections/" + ReadModels.WALLS + "/dead-letters?limit=1000");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        for (JsonNode letter : response.json()) {
            if (postId.equals(letter.get("aggregateId").asText())) {
                return letter;
            }
        }
        return null;
    }
}
