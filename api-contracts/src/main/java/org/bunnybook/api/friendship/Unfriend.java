package org.bunnybook.api.friendship;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** Either friend may end the friendship. */
@ReflectedIn({ReadModels.SOCIAL_GRAPH, ReadModels.FRIENDSHIPS, ReadModels.FEED_CACHE})
public record Unfriend(@TargetAggregateIdentifier String friendshipId, UUID unfrienderId) {
}
