package org.bunnybook.command.friendship;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.command.post.Friendships;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Answers "are these two friends?" from the pair's {@link Friendship} aggregate, loaded from its events in the
 * asking command's unit of work: the command side's own truth, current to the last committed event.
 */
@Component
class FriendshipHistories implements Friendships {

    private final Repository<Friendship> friendships;

    FriendshipHistories(Repository<Friendship> friendships) {
        this.friendships = friendships;
    }

    @Override
    public boolean areFriends(UUID one, UUID other) {
        if (one.equals(other)) {
            return false;
        }
        try {
            return friendships.load(FriendshipId.of(one, other)).invoke(Friendship::friends);
        } catch (AggregateNotFoundException never) {
            return false; // no request was ever sent between them
        }
    }
}
