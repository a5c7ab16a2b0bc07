package org.bunnybook.api.friendship;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** Only the requester may take a pending request back. */
@ReflectedIn({ReadModels.SOCIAL_GRAPH, ReadModels.FRIENDSHIPS, ReadModels.FEED_CACHE})
public record CancelFriendRequest(@TargetAggregateIdentifier String friendshipId, UUID requesterId) {
}
