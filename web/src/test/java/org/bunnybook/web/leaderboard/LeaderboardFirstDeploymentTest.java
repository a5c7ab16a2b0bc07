package org.bunnybook.web.leaderboard;

import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.ReadModels;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.ProjectionFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bunnybook.query.testing.Bunny.POST;

/**
 * A projection deployed for the first time has no token and empty tables. Its processor then starts from the very
 * first event (Axon's default initial token for pooled streaming processors) and builds the whole history.
 */
@BunnybookTest
class LeaderboardFirstDeploymentTest {

    @Autowired
    ProjectionFixture projections;

    @Autowired
    QueryGateway queries;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aLeaderboardDeployedForTheFirstTimeBuildsItselfFromTheWholeHistory() throws InterruptedException {
        List<Bunny> bunnies = Bunny.named("ivy", "jay");
        Bunny ivy = bunnies.get(0), jay = bunnies.get(1);
        UUID post = UUID.randomUUID(), gone = UUID.randomUUID();
        projections.given(POST, post, ivy.writes(post), jay.comments(post, ivy), jay.likes(post, ivy))
                .and(POST, gone, jay.writes(gone), ivy.likes(gone, jay), jay.deletes(gone))
                .handledBy(ReadModels.LEADERBOARD);
        var counted = List.of(ivy.counted(1, 0, 0), jay.counted(0, 1, 1));
        assertThat(LeaderboardEntries.of(queries, bunnies)).isEqualTo(counted);

        // as if it had never run: no tokens, empty tables
        projections.redeploy(ReadModels.LEADERBOARD, () -> {
            jdbc.sql("TRUNCATE leaderboard_members, leaderboard_acts").update();
            assertThat(LeaderboardEntries.of(queries, bunnies)).isEmpty();
        });
        projections.awaitCaughtUp(ReadModels.LEADERBOARD);

        assertThat(LeaderboardEntries.of(queries, bunnies)).isEqualTo(counted);

        // and live again: a new event is waited for and counted, although the tokens still say "replay" until then
        UUID next = UUID.randomUUID();
        projections.given(POST, next, jay.writes(next)).handledBy(ReadModels.LEADERBOARD);
        assertThat(LeaderboardEntries.of(queries, bunnies))
                .containsExactly(jay.counted(1, 1, 1), ivy.counted(1, 0, 0));
    }
}
