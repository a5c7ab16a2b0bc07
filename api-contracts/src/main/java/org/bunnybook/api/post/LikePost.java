package org.bunnybook.api.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** Liking a post one already likes changes nothing. */
@ReflectedIn(ReadModels.WALLS)
public record LikePost(@TargetAggregateIdentifier UUID postId, UUID profileId, String username) {
}
