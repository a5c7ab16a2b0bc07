package org.bunnybook.api.block;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** {@code blockerId} lifts their block of {@code blockedId}; nothing the block ended comes back. */
@ReflectedIn({ReadModels.SOCIAL_GRAPH, ReadModels.FRIENDSHIPS})
public record UnblockMember(@TargetAggregateIdentifier String friendshipId, UUID blockerId, UUID blockedId) {
}
