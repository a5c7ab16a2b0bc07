package org.bunnybook.web.leaderboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bunnybook.api.leaderboard.ActiveBunnyView;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /web/leaderboard} as a client sees it. The board is shared with every other test's members, so these
 * members are busy enough to stand among its first 50, and only their entries and their order are asserted.
 */
@BunnybookTest
class LeaderboardApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void membersAreRankedByWhatTheyWriteAndLike() throws InterruptedException {
        Member scribe = Members.register(port, "Scribe");
        Member chatty = Members.register(port, "Chatty");
        List<String> scribbles = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            scribbles.add(Posts.write(scribe, scribe, "scribble " + i, "PUBLIC"));
        }
        String chat = null;
        for (int i = 0; i < 4; i++) {
            chat = Posts.write(chatty, chatty, "chat " + i, "PUBLIC");
        }
        for (int i = 0; i < 3; i++) {
            comment(chatty, scribbles.get(i));
            assertThat(chatty.client().post("/web/posts/" + scribbles.get(i) + "/likes", "").status()).isEqualTo(200);
        }
        comment(scribe, chat);

        // scribe wrote more posts, but chatty's comments and likes weigh more: 21 against 20
        ActiveBunnyView chattys = new ActiveBunnyView(chatty.id(), chatty.username(), 4, 3, 3, 21);
        ActiveBunnyView scribes = new ActiveBunnyView(scribe.id(), scribe.username(), 6, 1, 0, 20);
        List<ActiveBunnyView> board = boardShowing(chatty, List.of(chattys, scribes));
        assertThat(board.stream().filter(entry -> entry.equals(chattys) || entry.equals(scribes)))
                .containsExactly(chattys, scribes);
        for (int i = 1; i < board.size(); i++) {
            assertThat(board.get(i).score()).isLessThanOrEqualTo(board.get(i - 1).score());
        }
        List<String> fields = new ArrayList<>();
        chatty.client().get("/web/leaderboard").json().get(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("profileId", "username", "posts", "comments", "likes", "score");
    }

    @Test
    void tenEntriesUnlessAskedForUpTo50AndOnlyForMembers() {
        Member member = Members.register(port, "Curious");
        var board = member.client().get("/web/leaderboard");
        assertThat(board.status()).isEqualTo(200);
        assertThat(board.json().size()).isLessThanOrEqualTo(10);
        assertThat(member.client().get("/web/leaderboard?limit=50").status()).isEqualTo(200);
        for (String limit : List.of("0", "51", "-1", "many")) {
            var refused = member.client().get("/web/leaderboard?limit=" + limit);
            assertThat(refused.status()).as(limit).isEqualTo(422);
            assertThat(refused.json().at("/detail/0/loc").toString()).isEqualTo("[\"query\",\"limit\"]");
        }
        assertThat(new ApiClient(port).get("/web/leaderboard").status()).isEqualTo(401);
    }

    private static void comment(Member member, String post) {
        assertThat(member.client().post("/web/posts/" + post + "/comments", Map.of("content", "well put"))
                .status()).isEqualTo(201);
    }

    /** No write waits for the leaderboard: asks again until the first 50 show {@code expected}. */
    private static List<ActiveBunnyView> boardShowing(Member reader, List<ActiveBunnyView> expected) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    var response = reader.client().get("/web/leaderboard?limit=50");
                    assertThat(response.status()).as(response.text()).isEqualTo(200);
                    return views(response.bytes());
                }, board -> board.containsAll(expected));
    }

    private static List<ActiveBunnyView> views(byte[] json) {
        try {
            return List.of(JSON.readValue(json, ActiveBunnyView[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
