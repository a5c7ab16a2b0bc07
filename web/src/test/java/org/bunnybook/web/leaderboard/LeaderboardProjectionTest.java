package org.bunnybook.web.leaderboard;

import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.ReadModels;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.ProjectionFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bunnybook.web.leaderboard.Bunny.POST;
import static org.bunnybook.web.leaderboard.Bunny.board;

/** Given post events, then the leaderboard: what counts, for whom, and in which order. */
@BunnybookTest
class LeaderboardProjectionTest {

    @Autowired
    ProjectionFixture projections;

    @Autowired
    QueryGateway queries;

    @Test
    void postsCommentsAndLikesGivenAreCountedAndRankedByScoreThenUsername() {
        List<Bunny> bunnies = Bunny.named("ann", "bob", "cat", "dan");
        Bunny ann = bunnies.get(0), bob = bunnies.get(1), cat = bunnies.get(2), dan = bunnies.get(3);
        UUID annsPost = UUID.randomUUID(), bobsPost = UUID.randomUUID();

        projections.given(POST, annsPost, ann.writes(annsPost), bob.comments(annsPost, ann),
                        cat.comments(annsPost, ann), bob.likes(annsPost, ann), cat.likes(annsPost, ann),
                        dan.likes(annsPost, ann), dan.unlikes(annsPost))
                .and(POST, bobsPost, bob.writes(bobsPost), ann.comments(bobsPost, bob), ann.likes(bobsPost, bob),
                        cat.likes(bobsPost, bob), cat.unlikes(bobsPost))
                .handledBy(ReadModels.LEADERBOARD);

        // ann and bob tie on 6 and stand by name; dan took his only like back and is not on the board
        assertThat(board(queries, bunnies)).containsExactly(
                ann.counted(1, 1, 1), bob.counted(1, 1, 1), cat.counted(0, 1, 1));
    }

    @Test
    void aDeletedPostTakesBackItselfAndEveryCommentAndLikeOnIt() {
        List<Bunny> bunnies = Bunny.named("eve", "fay");
        Bunny eve = bunnies.get(0), fay = bunnies.get(1);
        UUID gone = UUID.randomUUID(), kept = UUID.randomUUID();

        projections.given(POST, gone, eve.writes(gone), eve.comments(gone, eve), fay.comments(gone, eve),
                        fay.likes(gone, eve))
                .and(POST, kept, eve.writes(kept), fay.likes(kept, eve))
                .and(POST, gone, eve.deletes(gone))
                .handledBy(ReadModels.LEADERBOARD);

        assertThat(board(queries, bunnies)).containsExactly(eve.counted(1, 0, 0), fay.counted(0, 0, 1));
    }

    @Test
    void eventsHandledTwiceCountOnce() {
        List<Bunny> bunnies = Bunny.named("gus", "hal");
        Bunny gus = bunnies.get(0), hal = bunnies.get(1);
        UUID post = UUID.randomUUID();
        var comment = hal.comments(post, gus);

        // the same events stored twice reach the projection twice, as a redelivery would
        projections.given(POST, post, gus.writes(post), gus.writes(post), comment, comment,
                        hal.likes(post, gus), hal.likes(post, gus), gus.likes(post, gus), gus.unlikes(post),
                        gus.unlikes(post))
                .handledBy(ReadModels.LEADERBOARD);

        assertThat(board(queries, bunnies)).containsExactly(gus.counted(1, 0, 0), hal.counted(0, 1, 1));
    }
}
