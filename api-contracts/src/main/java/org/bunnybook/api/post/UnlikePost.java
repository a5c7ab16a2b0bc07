package org.bunnybook.api.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** Taking back a like one never gave changes nothing. */
@ReflectedIn(ReadModels.WALLS)
public record UnlikePost(@TargetAggregateIdentifier UUID postId, UUID profileId) {
}
