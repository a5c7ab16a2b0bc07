package org.bunnybook.query.leaderboard;

import org.bunnybook.api.leaderboard.ActiveBunnyView;
import org.bunnybook.api.leaderboard.FindMostActiveBunnies;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.ProjectionEvents;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Given post events, then the leaderboard: what counts, for whom, and in which order. */
@ReadModelTest({LeaderboardProjection.class, BoardWrites.class, LeaderboardQueries.class})
class LeaderboardProjectionTest {

    @Autowired
    ProjectionEvents events;

    @Autowired
    LeaderboardQueries leaderboard;

    @Test
    void postsCommentsAndLikesAreCountedAndRankedByScoreThenUsername() {
        List<Bunny> bunnies = Bunny.named("ann", "bob", "cat", "dan");
        Bunny ann = bunnies.get(0), bob = bunnies.get(1), cat = bunnies.get(2), dan = bunnies.get(3);
        UUID annsPost = UUID.randomUUID(), bobsPost = UUID.randomUUID();

        events.given(annsPost, ann.writes(annsPost), bob.comments(annsPost, ann), cat.comments(annsPost, ann),
                bob.likes(annsPost, ann), cat.likes(annsPost, ann), dan.likes(annsPost, ann), dan.unlikes(annsPost));
        events.given(bobsPost, bob.writes(bobsPost), ann.comments(bobsPost, bob), ann.likes(bobsPost, bob),
                cat.likes(bobsPost, bob), cat.unlikes(bobsPost));

        // ann and bob tie on 6 and stand by name; dan took his only like back and is not on the board
        assertThat(board(bunnies)).containsExactly(ann.counted(1, 1, 1), bob.counted(1, 1, 1), cat.counted(0, 1, 1));
    }

    @Test
    void aDeletedPostTakesBackItselfAndEveryCommentAndLikeOnIt() {
        List<Bunny> bunnies = Bunny.named("eve", "fay");
        Bunny eve = bunnies.get(0), fay = bunnies.get(1);
        UUID gone = UUID.randomUUID(), kept = UUID.randomUUID();

        events.given(gone, eve.writes(gone), eve.comments(gone, eve), fay.comments(gone, eve), fay.likes(gone, eve));
        events.given(kept, eve.writes(kept), fay.likes(kept, eve));
        events.given(gone, eve.deletes(gone));

        assertThat(board(bunnies)).containsExactly(eve.counted(1, 0, 0), fay.counted(0, 0, 1));
    }

    @Test
    void aDeletedCommentIsTakenBackOnce() {
        List<Bunny> bunnies = Bunny.named("jan", "kit");
        Bunny jan = bunnies.get(0), kit = bunnies.get(1);
        UUID post = UUID.randomUUID(), gone = UUID.randomUUID();

        events.given(post, jan.writes(post), kit.comments(post, jan, gone, "oops"), kit.comments(post, jan));
        events.deliver(events.given(post, jan.deletesComment(post, gone, kit)));

        assertThat(board(bunnies)).containsExactly(jan.counted(1, 0, 0), kit.counted(0, 1, 0));
    }

    @Test
    void eventsHandledTwiceCountOnce() {
        List<Bunny> bunnies = Bunny.named("gus", "hal");
        Bunny gus = bunnies.get(0), hal = bunnies.get(1);
        UUID post = UUID.randomUUID();

        var history = events.given(post, gus.writes(post), hal.comments(post, gus), hal.likes(post, gus),
                gus.likes(post, gus), gus.unlikes(post));
        events.deliver(history);

        assertThat(board(bunnies)).containsExactly(gus.counted(1, 0, 0), hal.counted(0, 1, 1));
    }

    @Test
    void aResetEmptiesTheBoard() {
        Bunny ivy = Bunny.named("ivy");
        UUID post = UUID.randomUUID();
        events.given(post, ivy.writes(post));

        events.reset();

        assertThat(board(List.of(ivy))).isEmpty();
    }

    /** The whole board, in its order, with only {@code bunnies} left in: other tests' members share it. */
    private List<ActiveBunnyView> board(List<Bunny> bunnies) {
        Set<UUID> ids = bunnies.stream().map(Bunny::id).collect(Collectors.toSet());
        return leaderboard.handle(new FindMostActiveBunnies(100_000)).stream()
                .filter(entry -> ids.contains(entry.profileId())).toList();
    }
}
