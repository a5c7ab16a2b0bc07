package org.bunnybook.api.friendship;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** Only the target of a pending request may accept it. */
@ReflectedIn({ReadModels.SOCIAL_GRAPH, ReadModels.FRIENDSHIPS, ReadModels.FEED_CACHE})
public record AcceptFriendRequest(@TargetAggregateIdentifier String friendshipId, UUID accepterId) {
}
