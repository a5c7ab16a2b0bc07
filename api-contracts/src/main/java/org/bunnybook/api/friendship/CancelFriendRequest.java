package org.bunnybook.api.friendship;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Only the requester may take a pending request back. */
public record CancelFriendRequest(@TargetAggregateIdentifier String friendshipId, UUID requesterId) {
}
