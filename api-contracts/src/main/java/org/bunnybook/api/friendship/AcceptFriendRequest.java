package org.bunnybook.api.friendship;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Only the target of a pending request may accept it. */
public record AcceptFriendRequest(@TargetAggregateIdentifier String friendshipId, UUID accepterId) {
}
