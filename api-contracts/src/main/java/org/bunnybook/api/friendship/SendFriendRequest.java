package org.bunnybook.api.friendship;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

@ReflectedIn({ReadModels.SOCIAL_GRAPH, ReadModels.FRIENDSHIPS, ReadModels.FEED_CACHE})
public record SendFriendRequest(@TargetAggregateIdentifier String friendshipId,
                                UUID requesterId, String requesterUsername,
                                UUID targetId, String targetUsername) {
}
