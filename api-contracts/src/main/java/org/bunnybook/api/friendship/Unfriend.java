package org.bunnybook.api.friendship;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/**
 * Either friend may end the friendship. The notifications keep a copy of who is friends with whom, to decide who may
 * hear of a friends-only post's comments and likes: it must know before the answer, so that nothing said afterwards
 * reaches the former friend.
 */
@ReflectedIn({ReadModels.SOCIAL_GRAPH, ReadModels.FRIENDSHIPS, ReadModels.FEED_CACHE, ReadModels.NOTIFICATIONS})
public record Unfriend(@TargetAggregateIdentifier String friendshipId, UUID unfrienderId) {
}
