package org.bunnybook.api.friendship;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Either friend may end the friendship. */
public record Unfriend(@TargetAggregateIdentifier String friendshipId, UUID unfrienderId) {
}
