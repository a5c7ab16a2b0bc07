package org.bunnybook.command.friendship;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.command.post.Friendships;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.function.Function;

/**
 * Answers "are these two friends?" and "does either block the other?" from the pair's {@link Friendship} aggregate, loaded from its events in the
 * asking command's unit of work: the command side's own truth, current to the last committed event.
 */
@Component
class FriendshipHistories implements Friendships, Blocks {

    private final Repository<Friendship> friendships;

    FriendshipHistories(Repository<Friendship> friendships) {
        this.friendships = friendships;
    }

    @Override
    public boolean areFriends(UUID one, UUID other) {
        return ask(one, other, Friendship::friends);
    }

    @Override
    public boolean between(UUID one, UUID other) {
        return ask(one, other, Friendship::blocked);
    }

    private boolean ask(UUID one, UUID other, Function<Friendship, Boolean> question) {
        if (one.equals(other)) {
            return false;
        }
        try {
            return friendships.load(FriendshipId.of(one, other)).invoke(question);
        } catch (AggregateNotFoundException never) {
            return false; // nothing ever happened between them
        }
    }
}
