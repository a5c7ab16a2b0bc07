package org.bunnybook.api.friendship;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Only the target of a pending request may reject it. */
public record RejectFriendRequest(@TargetAggregateIdentifier String friendshipId, UUID rejecterId) {
}
