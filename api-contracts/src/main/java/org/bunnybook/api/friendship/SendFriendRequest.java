package org.bunnybook.api.friendship;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record SendFriendRequest(@TargetAggregateIdentifier String friendshipId,
                                UUID requesterId, String requesterUsername,
                                UUID targetId, String targetUsername) {
}
