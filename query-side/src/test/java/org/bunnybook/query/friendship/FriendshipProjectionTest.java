package org.bunnybook.query.friendship;

import org.bunnybook.api.friendship.FindFriendIds;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.ProjectionEvents;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ReadModelTest({FriendshipProjection.class, FriendshipQueries.class})
class FriendshipProjectionTest {

    @Autowired
    ProjectionEvents events;

    @Autowired
    FriendshipQueries friendships;

    @Test
    void anAcceptedRequestMakesFriendsBothWays() {
        List<Bunny> bunnies = Bunny.named("ann", "bob", "cat");
        Bunny ann = bunnies.get(0), bob = bunnies.get(1), cat = bunnies.get(2);
        events.given(ann.friendshipWith(bob), ann.asksToBefriend(bob), bob.accepts(ann));
        events.given(ann.friendshipWith(cat), cat.asksToBefriend(ann), ann.accepts(cat));

        assertThat(friendships.handle(new FindFriendIds(ann.id()))).containsExactlyInAnyOrder(bob.id(), cat.id());
        assertThat(friendships.handle(new FindFriendIds(bob.id()))).containsExactly(ann.id());
        assertThat(friendships.handle(new FindFriendIds(cat.id()))).containsExactly(ann.id());
    }

    @Test
    void unfriendingEndsTheFriendshipForBothWhoeverUnfriends() {
        List<Bunny> bunnies = Bunny.named("dan", "eve");
        Bunny dan = bunnies.get(0), eve = bunnies.get(1);
        events.given(dan.friendshipWith(eve), dan.asksToBefriend(eve), eve.accepts(dan), eve.unfriends(dan));

        assertThat(friendships.handle(new FindFriendIds(dan.id()))).isEmpty();
        assertThat(friendships.handle(new FindFriendIds(eve.id()))).isEmpty();
    }

    @Test
    void anAcceptanceHandledAgainMakesOneFriendship() {
        List<Bunny> bunnies = Bunny.named("fay", "gus");
        Bunny fay = bunnies.get(0), gus = bunnies.get(1);
        var accepted = events.given(fay.friendshipWith(gus), gus.accepts(fay));
        events.deliver(accepted);

        assertThat(friendships.handle(new FindFriendIds(fay.id()))).containsExactly(gus.id());
    }

    @Test
    void aResetForgetsEveryFriendship() {
        List<Bunny> bunnies = Bunny.named("hal", "ivy");
        Bunny hal = bunnies.get(0), ivy = bunnies.get(1);
        events.given(hal.friendshipWith(ivy), ivy.accepts(hal));

        events.reset();

        assertThat(friendships.handle(new FindFriendIds(hal.id()))).isEmpty();
        assertThat(friendships.handle(new FindFriendIds(ivy.id()))).isEmpty();
    }
}
