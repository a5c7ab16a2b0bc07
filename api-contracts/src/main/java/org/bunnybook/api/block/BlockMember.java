package org.bunnybook.api.block;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/**
 * {@code blockerId} blocks {@code blockedId}. Decided by the pair's friendship aggregate ({@code friendshipId} is
 * {@code FriendshipId.of} the two), which ends their friendship and cancels a pending request in the same step.
 * Blocking a member already blocked changes nothing. Reflected in the notifications' copy of the friendships before
 * the answer, as {@link org.bunnybook.api.friendship.Unfriend} is.
 */
@ReflectedIn({ReadModels.SOCIAL_GRAPH, ReadModels.FRIENDSHIPS, ReadModels.FEED_CACHE, ReadModels.NOTIFICATIONS})
public record BlockMember(@TargetAggregateIdentifier String friendshipId, UUID blockerId, UUID blockedId) {
}
